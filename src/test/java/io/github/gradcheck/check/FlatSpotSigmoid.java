package io.github.gradcheck.check;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;

/**
 * A test subject with a declared deviation: loss = Σ 3·σ(z_i), whose backward adds 0.1 to σ' on
 * purpose (a "flat spot", as straight-through or leaky surrogates do), optionally with one
 * unrelated bug on top. Shared by the deviation tests, the report tests and the verdict benchmark.
 */
public final class FlatSpotSigmoid {

    /** The point the tests use: three logits on both sides of 0. */
    public static final Point Z = Point.of("z", new double[] {0.4, -1.2, 2.0});

    /** The flat spot as the intended gradient: σ'(z) + 0.1 instead of σ'(z), times what flows in. */
    public static final Deviation FLAT_SPOT = Deviation.intended("flat spot: sigmoid' + 0.1 on purpose",
            (z, measured) -> measured * (sigmoidDerivative(z) + 0.1) / sigmoidDerivative(z));

    private FlatSpotSigmoid() {
    }

    /** {@return σ(z)} */
    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** {@return σ'(z) = σ(z)·(1 − σ(z))} */
    public static double sigmoidDerivative(double z) {
        return sigmoid(z) * (1 - sigmoid(z));
    }

    /** {@return the flat-spot subject, with {@code bug}: also 1% off at z[2]} */
    public static Subject subject(boolean bug) {
        return subject(bug ? "sigmoid with a flat spot and a bug" : "sigmoid with a flat spot", bug ? 2 : -1, 0.01);
    }

    /**
     * {@return the flat-spot subject named {@code name} whose claimed gradient of z[wrong] is also
     * off by the relative {@code error}} ({@code wrong} outside the vector: no bug beside the flat
     * spot)
     */
    public static Subject subject(String name, int wrong, double error) {
        return TracedSubject.of(name, t -> {
            double[] z = t.vector("z");
            double[] s = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                s[i] = sigmoid(z[i]);
            }
            s = t.node("s", s);
            double sum = 0;
            for (double v : s) {
                sum += 3 * v;
            }
            t.output("loss", sum);
        }, t -> {
            double[] s = t.vector("s");
            double[] ds = new double[s.length];
            double[] dz = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                ds[i] = 3 * t.seed();
                dz[i] = (s[i] * (1 - s[i]) + 0.1) * ds[i] * (i == wrong ? 1 + error : 1);
            }
            t.grad("s", ds);
            t.grad("z", dz);
            t.grad("loss", t.seed());
        });
    }
}
