package io.github.gradcheck.examples.broken;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;

/**
 * Hand-written traced code f = Σ h² · sin(h), h = tanh(x), where {@code h} feeds two nodes
 * ({@code p = h²} and {@code s = sin(h)}). The broken backward assigns the second
 * contribution to d(h) instead of adding it, so d(h) holds the contribution through
 * {@code s} alone.
 */
public final class FanOutOverwrite {

    /** Where the example is checked. */
    public static final Point POINT = Point.of("x", new double[] {0.4, -0.9, 1.3});

    private FanOutOverwrite() {
    }

    /** The subject, correct or with the overwritten accumulation. */
    public static Subject subject(boolean broken) {
        return TracedSubject.of(broken ? "h² · sin(h) (fan-out of h overwritten)" : "h² · sin(h)",
                t -> {
                    double[] x = t.vector("x");
                    double[] h = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        h[i] = Math.tanh(x[i]);
                    }
                    h = t.node("h", h);
                    double[] p = new double[h.length];
                    double[] s = new double[h.length];
                    for (int i = 0; i < h.length; i++) {
                        p[i] = h[i] * h[i];
                        s[i] = Math.sin(h[i]);
                    }
                    p = t.node("p", p);
                    s = t.node("s", s);
                    double f = 0;
                    for (int i = 0; i < h.length; i++) {
                        f += p[i] * s[i];
                    }
                    t.output("f", f);
                },
                t -> {
                    double[] h = t.vector("h");
                    double[] p = t.vector("p");
                    double[] s = t.vector("s");
                    double df = t.seed();
                    int n = h.length;
                    double[] dp = new double[n];
                    double[] ds = new double[n];
                    double[] dh = new double[n];
                    for (int i = 0; i < n; i++) {
                        dp[i] = s[i] * df;
                        ds[i] = p[i] * df;
                    }
                    for (int i = 0; i < n; i++) {
                        dh[i] += 2 * h[i] * dp[i];
                    }
                    for (int i = 0; i < n; i++) {
                        if (broken) {
                            dh[i] = Math.cos(h[i]) * ds[i]; // bug: = instead of +=
                        } else {
                            dh[i] += Math.cos(h[i]) * ds[i];
                        }
                    }
                    double[] dx = new double[n];
                    for (int i = 0; i < n; i++) {
                        dx[i] = (1 - h[i] * h[i]) * dh[i];
                    }
                    t.grad("p", dp);
                    t.grad("s", ds);
                    t.grad("h", dh);
                    t.grad("x", dx);
                });
    }
}
