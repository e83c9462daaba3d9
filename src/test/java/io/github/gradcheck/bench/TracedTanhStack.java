package io.github.gradcheck.bench;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import java.util.SplittableRandom;

/**
 * A traced stack of blocks (affine width × width + tanh) and ½‖h‖², with an optional bug: the
 * backward of tanh #{@code bad} is wrong by 1.5 at element 3, which makes every node below it wrong
 * at most of its elements as a consequence. Shared by the failing-cost benchmark and the tests of
 * confirmation.
 */
public final class TracedTanhStack {

    private TracedTanhStack() {
    }

    /**
     * {@return the stack named {@code name}} of {@code blocks} blocks of {@code width}, the backward
     * of tanh #{@code bad} wrong (none for {@code bad = -1})
     */
    public static Subject subject(String name, int width, int blocks, int bad) {
        return TracedSubject.of(name, t -> {
            double[] h = t.vector("x");
            for (int k = 1; k <= blocks; k++) {
                double[][] w = t.matrix("W" + k);
                double[] z = t.vector("b" + k).clone();
                for (int i = 0; i < width; i++) {
                    for (int j = 0; j < width; j++) {
                        z[i] += w[i][j] * h[j];
                    }
                }
                z = t.node("z" + k, z);
                double[] y = new double[width];
                for (int i = 0; i < width; i++) {
                    y[i] = Math.tanh(z[i]);
                }
                h = t.node("h" + k, y);
            }
            double s = 0;
            for (double e : h) {
                s += e * e;
            }
            t.output("loss", 0.5 * s);
        }, t -> {
            double[] gh = t.vector("h" + blocks).clone();
            for (int i = 0; i < width; i++) {
                gh[i] *= t.seed();
            }
            t.grad("h" + blocks, gh);
            for (int k = blocks; k >= 1; k--) {
                double[] y = t.vector("h" + k);
                double[] gz = new double[width];
                for (int i = 0; i < width; i++) {
                    gz[i] = gh[i] * (1 - y[i] * y[i]) * (k == bad && i == 3 ? 1.5 : 1);
                }
                t.grad("z" + k, gz);
                double[] hin = t.vector(k == 1 ? "x" : "h" + (k - 1));
                double[][] w = t.matrix("W" + k);
                double[] dh = new double[width];
                double[][] dw = new double[width][width];
                for (int i = 0; i < width; i++) {
                    for (int j = 0; j < width; j++) {
                        dh[j] += w[i][j] * gz[i];
                        dw[i][j] = gz[i] * hin[j];
                    }
                }
                t.grad("W" + k, dw);
                t.grad("b" + k, gz);
                t.grad(k == 1 ? "x" : "h" + (k - 1), dh);
                gh = dh;
            }
            t.grad("loss", t.seed());
        });
    }

    /**
     * {@return a point for the stack, drawn from {@code seed}}: x uniform in [−1, 1], weights
     * standard normal divided by {@code weightDivisor}, biases uniform in [−0.5, 0.5]
     */
    public static Point point(int width, int blocks, long seed, double weightDivisor) {
        SplittableRandom r = new SplittableRandom(seed);
        Point.Builder p = Point.builder().input("x", r.doubles(width, -1, 1).toArray());
        for (int k = 1; k <= blocks; k++) {
            double[][] w = new double[width][width];
            for (double[] row : w) {
                for (int j = 0; j < width; j++) {
                    row[j] = r.nextGaussian() / weightDivisor;
                }
            }
            p.input("W" + k, w).input("b" + k, r.doubles(width, -0.5, 0.5).toArray());
        }
        return p.build();
    }
}
