package io.github.gradcheck.examples.forward;

import io.github.gradcheck.examples.network.Dense;
import io.github.gradcheck.examples.network.SoftmaxCrossEntropy;
import io.github.gradcheck.examples.network.Tanh;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Sequential;

/**
 * A small network whose layers bring tangent rules (forward mode) beside their backwards, checked
 * layer by layer going forward: {@code Dense → Tanh → Dense → SoftmaxCrossEntropy}, with the
 * tangent of the dense layer {@code y = W·x + b} written as {@code dy = dW·x + W·dx + db}. Its two
 * classic bugs ({@link Bug}) are in the second dense layer, so that layer is the first, going
 * forward, whose tangent is wrong while its producer's ({@code Tanh}) is right.
 */
public final class LayerTangents {

    /** x = (0.5, −1, 2). */
    public static final Point POINT = Point.of("x", new double[] {0.5, -1.0, 2.0});

    /** The label of the loss. */
    public static final int LABEL = 1;

    /** How the tangent rule of the second dense layer is written. */
    public enum Bug {
        /** Right: {@code dy = dW·x + W·dx + db}. */
        NONE,
        /** {@code dy = dW·x + W·dx}: the bias's tangent forgotten. */
        FORGOTTEN_BIAS_TANGENT,
        /** {@code dy = dW·x + Wᵀ·dx}: the transposed weights (the shapes fit in a square layer). */
        TRANSPOSED_WEIGHTS
    }

    private LayerTangents() {
    }

    /**
     * {@return the dense layer {@code y = W·x + b} of the examples, with a tangent rule written as
     * {@code bug} says}
     *
     * @param w the weights, one row per output (square for {@link Bug#TRANSPOSED_WEIGHTS})
     * @param b the bias
     * @param backward how its backward is written
     * @param bug how its tangent rule is written
     */
    public static Layer<double[], double[]> dense(double[][] w, double[] b, Dense.Backward backward, Bug bug) {
        return new Dense(w, b, backward).withTangent((x, y, dx, dp) -> {
            double[][] dw = dp.matrix("W");
            double[] db = dp.vector("b");
            double[] dy = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                double s = bug == Bug.FORGOTTEN_BIAS_TANGENT ? 0 : db[i];
                for (int j = 0; j < x.length; j++) {
                    double weight = bug == Bug.TRANSPOSED_WEIGHTS ? w[j][i] : w[i][j];
                    s += dw[i][j] * x[j] + weight * dx[j];
                }
                dy[i] = s;
            }
            return dy;
        });
    }

    /** {@return tanh applied element by element, with its tangent rule {@code dy = (1 − y²)·dx}} */
    public static Layer<double[], double[]> tanh() {
        return new Tanh().withTangent((x, y, dx, dp) -> {
            double[] dy = new double[dx.length];
            for (int i = 0; i < dx.length; i++) {
                dy[i] = (1 - y[i] * y[i]) * dx[i];
            }
            return dy;
        });
    }

    /** {@return the softmax cross-entropy loss, with its tangent rule {@code dL = Σ (pᵢ − [i = label])·dzᵢ}} */
    public static Layer<double[], Double> loss() {
        return new SoftmaxCrossEntropy(LABEL).withTangent((z, l, dz, dp) -> {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : z) {
                sum += Math.exp(v - max);
            }
            double dl = 0;
            for (int i = 0; i < z.length; i++) {
                dl += (Math.exp(z[i] - max) / sum - (i == LABEL ? 1 : 0)) * dz[i];
            }
            return dl;
        });
    }

    /** {@return the network, the tangent rule of its second dense layer written as {@code bug} says} */
    public static GraphSubject network(Bug bug) {
        return network(bug, Dense.Backward.RIGHT);
    }

    /**
     * {@return the network, the tangent rule of its second dense layer written as {@code bug} says
     * and its backward as {@code backward} says}
     *
     * @param bug how the second dense layer's tangent rule is written
     * @param backward how the second dense layer's backward is written
     */
    public static GraphSubject network(Bug bug, Dense.Backward backward) {
        double[][] w1 = {{0.4, -0.7, 0.2}, {0.9, 0.1, -0.5}, {-0.3, 0.6, 0.8}};
        double[] b1 = {0.1, -0.2, 0.05};
        double[][] w2 = {{0.5, -1.2, 0.3}, {0.7, 0.2, -0.9}, {-0.4, 1.1, 0.6}};
        double[] b2 = {-0.1, 0.3, 0.2};
        String name = bug == Bug.NONE && backward == Dense.Backward.RIGHT ? "mlp (tangents)"
                : "mlp (tangents, " + (bug == Bug.NONE ? "backward " + backward : bug) + ")";
        return Sequential.of(name, dense(w1, b1, Dense.Backward.RIGHT, Bug.NONE), tanh(),
                dense(w2, b2, backward, bug), loss());
    }
}
