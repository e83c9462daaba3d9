package io.github.gradcheck.examples.library;

import java.util.SplittableRandom;

/**
 * A fully connected layer {@code y = W·x + b} as a small training library writes it, knowing
 * nothing of gradcheck: the weights live in one flat array in column-major order (Fortran and
 * BLAS style: {@code W[i][j]} at {@code j * out + i}), and the backward stores descent
 * directions for the update step {@code w += rate * delta}, that is {@code −dE/dW} and
 * {@code −dE/db}, while it returns the ordinary gradient {@code dE/dx} to the layer below.
 *
 * <p>It can be built with a classic bug of such code: the weight delta written in row-major
 * order into the column-major array ({@code W[i][j]} at {@code i * in + j}).
 */
public final class FlatDenseLibrary {

    private final int out;
    private final int in;
    private final double[] w;
    private final double[] b;
    private final boolean rowMajorDeltaBug;
    private double[] x;
    private double[] weightDelta;
    private double[] biasDelta;

    /**
     * A layer of {@code out} × {@code in} weights drawn from {@code seed}.
     *
     * @param out the number of outputs
     * @param in the number of inputs
     * @param seed the seed of the weights
     * @param rowMajorDeltaBug whether the backward writes the weight delta in row-major order
     */
    public FlatDenseLibrary(int out, int in, long seed, boolean rowMajorDeltaBug) {
        this.out = out;
        this.in = in;
        SplittableRandom random = new SplittableRandom(seed);
        this.w = random.doubles(out * in, -1, 1).toArray();
        this.b = random.doubles(out, -0.5, 0.5).toArray();
        this.rowMajorDeltaBug = rowMajorDeltaBug;
    }

    /** The forward: {@code y = W·x + b}, caching {@code x}. */
    public double[] forward(double[] input) {
        x = input.clone();
        double[] y = b.clone();
        for (int j = 0; j < in; j++) {
            for (int i = 0; i < out; i++) {
                y[i] += w[j * out + i] * x[j];
            }
        }
        return y;
    }

    /** The backward: stores {@code −dE/dW} and {@code −dE/db}, returns {@code dE/dx}. */
    public double[] backward(double[] dy) {
        weightDelta = new double[out * in];
        biasDelta = new double[out];
        double[] dx = new double[in];
        for (int i = 0; i < out; i++) {
            biasDelta[i] = -dy[i];
            for (int j = 0; j < in; j++) {
                weightDelta[rowMajorDeltaBug ? i * in + j : j * out + i] = -dy[i] * x[j];
                dx[j] += w[j * out + i] * dy[i];
            }
        }
        return dx;
    }

    /** The live weights, flat and column-major. */
    public double[] weights() {
        return w;
    }

    /** The live bias. */
    public double[] bias() {
        return b;
    }

    /** The last backward's {@code −dE/dW}, flat and column-major. */
    public double[] weightDelta() {
        return weightDelta;
    }

    /** The last backward's {@code −dE/db}. */
    public double[] biasDelta() {
        return biasDelta;
    }

    /** {@return the number of outputs} */
    public int outputs() {
        return out;
    }

    /** {@return the number of inputs} */
    public int inputs() {
        return in;
    }
}
