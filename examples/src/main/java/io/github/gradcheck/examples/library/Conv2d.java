package io.github.gradcheck.examples.library;

import java.util.SplittableRandom;

/**
 * A 2-D convolution (cross-correlation, as neural-network libraries compute it) of a
 * multi-channel image {@code x[c][i][j]} with a rank-3 kernel {@code K[c][u][v]} into one output
 * channel: {@code y[i][j] = b + Σ_{c,u,v} K[c][u][v] · x[c][i+u][j+v]}, "valid" padding.
 *
 * <p>It can be built with a classic bug: the kernel's gradient computed with the kernel flipped
 * ({@code dK[c][u][v]} from {@code x[c][i+kh-1-u][j+kw-1-v]}, true convolution instead of the
 * cross-correlation the forward computes).
 */
public final class Conv2d {

    private final double[][][] kernel;
    private final double[] bias = new double[1];
    private final boolean flippedKernelBug;
    private double[][][] x;
    private double[][][] kernelGradient;
    private double[] biasGradient;

    /**
     * A kernel of {@code channels} × {@code rows} × {@code columns} drawn from {@code seed}.
     *
     * @param channels the input channels
     * @param rows the kernel's rows
     * @param columns the kernel's columns
     * @param seed the seed of the kernel
     * @param flippedKernelBug whether the kernel's gradient is computed with the kernel flipped
     */
    public Conv2d(int channels, int rows, int columns, long seed, boolean flippedKernelBug) {
        SplittableRandom random = new SplittableRandom(seed);
        this.kernel = new double[channels][rows][columns];
        for (double[][] channel : kernel) {
            for (double[] row : channel) {
                for (int v = 0; v < row.length; v++) {
                    row[v] = random.nextDouble(-1, 1);
                }
            }
        }
        this.bias[0] = random.nextDouble(-0.5, 0.5);
        this.flippedKernelBug = flippedKernelBug;
    }

    /** The forward: the cross-correlation of the image with the kernel, plus the bias. */
    public double[][] forward(double[][][] image) {
        x = image;
        int kh = kernel[0].length;
        int kw = kernel[0][0].length;
        double[][] y = new double[x[0].length - kh + 1][x[0][0].length - kw + 1];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y[0].length; j++) {
                double s = bias[0];
                for (int c = 0; c < kernel.length; c++) {
                    for (int u = 0; u < kh; u++) {
                        for (int v = 0; v < kw; v++) {
                            s += kernel[c][u][v] * x[c][i + u][j + v];
                        }
                    }
                }
                y[i][j] = s;
            }
        }
        return y;
    }

    /** The backward: the gradients of the kernel and the bias, and the image's gradient returned. */
    public double[][][] backward(double[][] dy) {
        int kh = kernel[0].length;
        int kw = kernel[0][0].length;
        kernelGradient = new double[kernel.length][kh][kw];
        biasGradient = new double[1];
        double[][][] dx = new double[x.length][x[0].length][x[0][0].length];
        for (int i = 0; i < dy.length; i++) {
            for (int j = 0; j < dy[0].length; j++) {
                biasGradient[0] += dy[i][j];
                for (int c = 0; c < kernel.length; c++) {
                    for (int u = 0; u < kh; u++) {
                        for (int v = 0; v < kw; v++) {
                            double seen = flippedKernelBug ? x[c][i + kh - 1 - u][j + kw - 1 - v] : x[c][i + u][j + v];
                            kernelGradient[c][u][v] += dy[i][j] * seen;
                            dx[c][i + u][j + v] += dy[i][j] * kernel[c][u][v];
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** The live kernel. */
    public double[][][] kernel() {
        return kernel;
    }

    /** The live bias, one entry. */
    public double[] bias() {
        return bias;
    }

    /** The last backward's gradient of the kernel. */
    public double[][][] kernelGradient() {
        return kernelGradient;
    }

    /** The last backward's gradient of the bias. */
    public double[] biasGradient() {
        return biasGradient;
    }
}
