package io.github.gradcheck.bench.dl4j;

import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Parameter;
import java.util.List;

/**
 * The layers of the compared MLP, written by hand as gradcheck's users write them: DeepLearning4J's
 * {@code DenseLayer} (y = act(x·W + b), W of nIn × nOut as DeepLearning4J stores it) and its
 * {@code OutputLayer} with identity activation and the mean squared error, summed over the
 * minibatch as DeepLearning4J's score is with {@code miniBatch(false)}. Each counts its forwards,
 * so that the work of a check can be compared layer by layer with DeepLearning4J's (which runs
 * every layer for every score).
 */
final class MlpLayers {

    /** Forwards of any layer of this class since the last {@link #resetCount()}. */
    private static long layerForwards;

    private MlpLayers() {
    }

    static long layerForwards() {
        return layerForwards;
    }

    static void resetCount() {
        layerForwards = 0;
    }

    /** The activations of the hidden layers. */
    enum Activation {
        TANH, RELU;

        double apply(double z) {
            return this == TANH ? Math.tanh(z) : Math.max(z, 0);
        }

        /** The derivative at pre-activation {@code z} with output {@code y}. */
        double derivative(double z, double y) {
            return this == TANH ? 1 - y * y : (z > 0 ? 1 : 0);
        }
    }

    /** y = act(x·W + b) for a minibatch x of rows. */
    static final class Dense implements Layer<double[][], double[][]> {
        private final String name;
        private final double[][] w;
        private final double[] b;
        private final Activation act;
        private double[][] x;
        private double[][] z;
        private double[][] y;
        private double[][] dw;
        private double[] db;

        Dense(String name, double[][] w, double[] b, Activation act) {
            this.name = name;
            this.w = w;
            this.b = b;
            this.act = act;
            this.dw = new double[w.length][b.length];
            this.db = new double[b.length];
        }

        @Override
        public double[][] forward(double[][] input) {
            layerForwards++;
            x = input;
            z = affine(input, w, b);
            y = new double[z.length][z[0].length];
            for (int r = 0; r < z.length; r++) {
                for (int j = 0; j < z[r].length; j++) {
                    y[r][j] = act.apply(z[r][j]);
                }
            }
            return y;
        }

        @Override
        public double[][] backward(double[][] g) {
            double[][] gz = new double[g.length][g[0].length];
            for (int r = 0; r < g.length; r++) {
                for (int j = 0; j < g[r].length; j++) {
                    gz[r][j] = g[r][j] * act.derivative(z[r][j], y[r][j]);
                }
            }
            dw = new double[w.length][b.length];
            db = new double[b.length];
            return affineBackward(x, w, gz, dw, db);
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.of("W", w, () -> dw), Parameter.of("b", b, () -> db));
        }

        @Override
        public String name() {
            return name;
        }
    }

    /**
     * DeepLearning4J's {@code OutputLayer} with identity activation and {@code LossMSE}, summed over
     * the minibatch: the score is Σ (x·W + b − labels)² / nOut.
     */
    static final class MseOutput implements Layer<double[][], Double> {
        private final double[][] w;
        private final double[] b;
        private final double[][] labels;
        private double[][] x;
        private double[][] out;
        private double[][] dw;
        private double[] db;

        MseOutput(double[][] w, double[] b, double[][] labels) {
            this.w = w;
            this.b = b;
            this.labels = labels;
            this.dw = new double[w.length][b.length];
            this.db = new double[b.length];
        }

        @Override
        public Double forward(double[][] input) {
            layerForwards++;
            x = input;
            out = affine(input, w, b);
            double s = 0;
            for (int r = 0; r < out.length; r++) {
                for (int j = 0; j < out[r].length; j++) {
                    double d = out[r][j] - labels[r][j];
                    s += d * d;
                }
            }
            return s / b.length;
        }

        @Override
        public double[][] backward(Double g) {
            double scale = 2 * g / b.length;
            double[][] gz = new double[out.length][b.length];
            for (int r = 0; r < out.length; r++) {
                for (int j = 0; j < b.length; j++) {
                    gz[r][j] = scale * (out[r][j] - labels[r][j]);
                }
            }
            dw = new double[w.length][b.length];
            db = new double[b.length];
            return affineBackward(x, w, gz, dw, db);
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.of("W", w, () -> dw), Parameter.of("b", b, () -> db));
        }

        @Override
        public String name() {
            return "output";
        }
    }

    /** x·W + b, x of batch × nIn, W of nIn × nOut. */
    static double[][] affine(double[][] x, double[][] w, double[] b) {
        int nOut = b.length;
        double[][] z = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            double[] zr = b.clone();
            double[] xr = x[r];
            for (int i = 0; i < xr.length; i++) {
                double xi = xr[i];
                double[] wi = w[i];
                for (int j = 0; j < nOut; j++) {
                    zr[j] += xi * wi[j];
                }
            }
            z[r] = zr;
        }
        return z;
    }

    /** Sets dW = xᵀ·gz and db = Σ_rows gz, and returns dx = gz·Wᵀ. */
    static double[][] affineBackward(double[][] x, double[][] w, double[][] gz, double[][] dw, double[] db) {
        double[][] dx = new double[x.length][w.length];
        for (int r = 0; r < x.length; r++) {
            double[] g = gz[r];
            for (int j = 0; j < g.length; j++) {
                db[j] += g[j];
            }
            for (int i = 0; i < w.length; i++) {
                double xi = x[r][i];
                double s = 0;
                for (int j = 0; j < g.length; j++) {
                    dw[i][j] += xi * g[j];
                    s += w[i][j] * g[j];
                }
                dx[r][i] = s;
            }
        }
        return dx;
    }
}
