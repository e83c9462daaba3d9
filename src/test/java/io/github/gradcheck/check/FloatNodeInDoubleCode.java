package io.github.gradcheck.check;

import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;

/**
 * A test subject with a float node in double traced code: s = float(sin x) per element, f = Σ s·x
 * + x², output [f, 0.7·f]. The node is a staircase in x whose treads small steps do not see. Shared
 * by the confirmation tests and the verdict benchmark.
 */
public final class FloatNodeInDoubleCode {

    private FloatNodeInDoubleCode() {
    }

    /**
     * {@return the subject named {@code name} whose claimed gradient of x[wrong] is off by the
     * relative {@code error}} ({@code wrong} outside the vector: a correct backward)
     */
    public static Subject subject(String name, int wrong, double error) {
        return TracedSubject.of(name, t -> {
            double[] x = t.vector("x");
            double[] s = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                s[i] = (float) Math.sin(x[i]);
            }
            s = t.node("s", s);
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += s[i] * x[i] + x[i] * x[i];
            }
            t.output("f", new double[] {f, 0.7 * f});
        }, t -> {
            double[] x = t.vector("x");
            double[] s = t.vector("s");
            double[] u = t.seedVector();
            double w = u[0] + 0.7 * u[1];
            double[] ds = new double[x.length];
            double[] dx = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                ds[i] = x[i] * w;
                dx[i] = (Math.cos(x[i]) * x[i] + s[i] + 2 * x[i]) * w;
            }
            if (wrong >= 0 && wrong < x.length) {
                dx[wrong] *= 1 + error;
            }
            t.grad("s", ds);
            t.grad("x", dx);
            t.grad("f", u);
        });
    }
}
