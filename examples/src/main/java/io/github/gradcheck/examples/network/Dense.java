package io.github.gradcheck.examples.network;

import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Parameter;
import java.util.List;

/**
 * A fully connected layer {@code y = W·x + b}, written by hand as in any small network: the
 * forward caches its input, the backward computes {@code dW = g·xᵀ}, {@code db = g} and
 * returns {@code dx = Wᵀ·g}.
 *
 * <p>It can also be built with one of two classic bugs, to show that gradcheck catches them
 * and says where they are; see {@link Backward}.
 */
public final class Dense implements Layer<double[], double[]> {

    /** How the backward is written. */
    public enum Backward {
        /** Right. */
        RIGHT,
        /**
         * {@code dx = W·g} instead of {@code Wᵀ·g}: the missing transpose. In a square layer the
         * shapes fit and nothing crashes, only the gradient is wrong; in a non-square layer the
         * loop runs off the end of a row.
         */
        MISSING_TRANSPOSE,
        /**
         * {@code dW += g·xᵀ} instead of {@code dW = g·xᵀ}: the gradient array is never reset, so
         * from the second backward on it holds the sum of all backward passes so far.
         */
        ACCUMULATING_WEIGHT_GRADIENT
    }

    private final double[][] w;
    private final double[] b;
    private final Backward backward;
    private double[] x;
    private double[][] dw;
    private double[] db;

    /**
     * A layer that owns {@code w} (out × in) and {@code b} (out); the arrays are used, not copied.
     *
     * @param w the weights, one row per output
     * @param b the bias, one entry per output
     * @param backward how the backward is written
     */
    public Dense(double[][] w, double[] b, Backward backward) {
        if (w.length != b.length) {
            throw new IllegalArgumentException("W has " + w.length + " rows but b has " + b.length + " entries");
        }
        this.w = w;
        this.b = b;
        this.backward = backward;
        this.dw = new double[w.length][w[0].length];
        this.db = new double[b.length];
    }

    /** A right layer that owns {@code w} and {@code b}. */
    public Dense(double[][] w, double[] b) {
        this(w, b, Backward.RIGHT);
    }

    @Override
    public double[] forward(double[] input) {
        x = input.clone();
        double[] y = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double s = b[i];
            for (int j = 0; j < x.length; j++) {
                s += w[i][j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    @Override
    public double[] backward(double[] g) {
        int out = w.length;
        int in = w[0].length;
        if (backward != Backward.ACCUMULATING_WEIGHT_GRADIENT) {
            dw = new double[out][in];
        }
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) {
                dw[i][j] += g[i] * x[j];
            }
        }
        db = g.clone();
        double[] dx = new double[in];
        for (int j = 0; j < in; j++) {
            for (int i = 0; i < out; i++) {
                dx[j] += backward == Backward.MISSING_TRANSPOSE ? w[j][i] * g[i] : w[i][j] * g[i];
            }
        }
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.of("W", w, () -> dw), Parameter.of("b", b, () -> db));
    }

    /** The live weight array (for tests that check it is left unchanged). */
    public double[][] weights() {
        return w;
    }

    /** The live bias array (for tests that check it is left unchanged). */
    public double[] bias() {
        return b;
    }
}
