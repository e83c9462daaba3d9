package io.github.gradcheck.check;

import io.github.gradcheck.examples.network.Tanh;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Sequential;

/**
 * A layer stack whose every layer has a right backward alone, composed wrongly: {@code ½ Σ (tanh x + x)²}
 * where the {@code + x} is a layer that reads the input the tanh layer cached, a skip connection
 * the stack does not declare. Its claimed gradient of {@code x} lacks the skip path.
 */
public final class HiddenSkip {

    private HiddenSkip() {
    }

    /** {@code tanh(x)} (the demo's layer), remembering its input {@code x}, which {@link SkipFrom} reads. */
    static final class RememberingTanh implements Layer<double[], double[]> {
        private final Tanh tanh = new Tanh();
        double[] seen;

        @Override
        public double[] forward(double[] x) {
            seen = x.clone();
            return tanh.forward(x);
        }

        @Override
        public double[] backward(double[] g) {
            return tanh.backward(g);
        }

        @Override
        public String name() {
            return "Tanh";
        }
    }

    /** {@code v + x}, with {@code x} read from the tanh layer's cache: right for its declared input v alone. */
    static final class SkipFrom implements Layer<double[], double[]> {
        private final RememberingTanh from;

        SkipFrom(RememberingTanh from) {
            this.from = from;
        }

        @Override
        public double[] forward(double[] v) {
            double[] y = v.clone();
            for (int i = 0; i < y.length; i++) {
                y[i] += from.seen[i];
            }
            return y;
        }

        @Override
        public double[] backward(double[] g) {
            return g.clone();
        }

        @Override
        public String name() {
            return "Skip";
        }
    }

    /** {@code ½ Σ y²}. */
    static final class HalfSquares implements Layer<double[], Double> {
        private double[] y;

        @Override
        public Double forward(double[] in) {
            y = in.clone();
            double s = 0;
            for (double v : y) {
                s += v * v;
            }
            return s / 2;
        }

        @Override
        public double[] backward(Double g) {
            double[] dy = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                dy[i] = g * y[i];
            }
            return dy;
        }

        @Override
        public String name() {
            return "Loss";
        }
    }

    /** {@return the stack: Tanh (remembering x), Skip (adding the remembered x), Loss} */
    public static GraphSubject subject() {
        RememberingTanh tanh = new RememberingTanh();
        return Sequential.of("tanh with a hidden skip connection", tanh, new SkipFrom(tanh), new HalfSquares());
    }
}
