package io.github.gradcheck.examples.network;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Sequential;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small classifier of hand-written layers, right and with classic backward bugs:
 *
 * <pre>
 * x[4] → Dense#1 (W 3×4, b 3) → Tanh → Dense#2 (W 3×3, b 3) → SoftmaxCrossEntropy (label) → loss
 * </pre>
 *
 * As a {@link Sequential} subject its nodes are {@code x}, {@code Dense#1.W}, {@code Dense#1.b},
 * {@code Dense#1}, {@code Tanh}, {@code Dense#2.W}, {@code Dense#2.b}, {@code Dense#2} and
 * {@code SoftmaxCrossEntropy} (the loss). A layer's node holds its output; a wrong gradient at
 * a layer's input node means that layer's backward with respect to its input is broken.
 *
 * <pre>{@code
 * GradCheck.check(Networks.broken(Networks.Bug.DENSE_MISSING_TRANSPOSE), Networks.POINT);
 * // blame: 'Tanh' is the first node whose gradient is wrong ...
 * // edge:  the backward of layer 'Dense#2' with respect to argument 0 ('Tanh') is WRONG ...
 * }</pre>
 */
public final class Networks {

    /** The size of the input. */
    public static final int INPUTS = 4;
    /** The size of the hidden layer; equal to {@link #CLASSES}, so that Dense#2 is square. */
    public static final int HIDDEN = 3;
    /** The number of classes. */
    public static final int CLASSES = 3;
    /** The seed of the default weights. */
    public static final long SEED = 7L;
    /** The label of the default loss. */
    public static final int LABEL = 2;
    /** A point to show the networks at. */
    public static final Point POINT = Point.of("x", new double[] {0.5, -1.0, 2.0, 0.25});

    /** A bug in the network's backward pass. */
    public enum Bug {
        /** No bug. */
        NONE,
        /** Dense#2 computes {@code dx = W·g} instead of {@code Wᵀ·g}; blamed on node {@code Tanh}. */
        DENSE_MISSING_TRANSPOSE,
        /** The loss's backward forgets {@code − onehot(label)}; blamed on node {@code Dense#2}. */
        SOFTMAX_CE_MISSING_ONE_HOT,
        /**
         * Both Dense layers add to {@code dW} instead of overwriting it. The first backward of a
         * fresh network is still right, so only a check after an earlier backward (a training step,
         * another check) catches it; blamed on {@code Dense#2.W} and {@code Dense#1.W}.
         */
        DENSE_ACCUMULATING_WEIGHT_GRADIENT,
        /**
         * Two broken layers: the loss forgets {@code − onehot(label)} and Dense#2 computes
         * {@code dx = W·g}; the local checks of every layer name both in one run.
         */
        TWO_BROKEN_LAYERS
    }

    private Networks() {
    }

    /** The right network with the default weights and label. */
    public static GraphSubject correct() {
        return network(Bug.NONE, SEED, LABEL);
    }

    /** The network with {@code bug}, the default weights and label. */
    public static GraphSubject broken(Bug bug) {
        return network(bug, SEED, LABEL);
    }

    /** The network with {@code bug}, weights drawn from {@code seed}, and the loss of {@code label}. */
    public static GraphSubject network(Bug bug, long seed, int label) {
        String name = bug == Bug.NONE ? "two-layer net"
                : "two-layer net (bug: " + bug.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        return Sequential.of(name, layers(bug, seed, label));
    }

    /** The layers of the network, for callers that want to look at their parameter arrays. */
    public static List<Layer<?, ?>> layers(Bug bug, long seed, int label) {
        SplittableRandom random = new SplittableRandom(seed);
        Dense.Backward hidden = bug == Bug.DENSE_ACCUMULATING_WEIGHT_GRADIENT
                ? Dense.Backward.ACCUMULATING_WEIGHT_GRADIENT : Dense.Backward.RIGHT;
        Dense.Backward output = bug == Bug.DENSE_MISSING_TRANSPOSE || bug == Bug.TWO_BROKEN_LAYERS
                ? Dense.Backward.MISSING_TRANSPOSE : hidden;
        return List.of(
                new Dense(matrix(random, HIDDEN, INPUTS), vector(random, HIDDEN), hidden),
                new Tanh(),
                new Dense(matrix(random, CLASSES, HIDDEN), vector(random, CLASSES), output),
                new SoftmaxCrossEntropy(label, bug == Bug.SOFTMAX_CE_MISSING_ONE_HOT || bug == Bug.TWO_BROKEN_LAYERS));
    }

    /** A point with a standard normal input vector. */
    public static Point randomPoint(SplittableRandom random) {
        return Point.of("x", vector(random, INPUTS));
    }

    /** Gaussian weights scaled by 1/√columns, as usual for tanh layers. */
    static double[][] matrix(SplittableRandom random, int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian() / Math.sqrt(columns);
            }
        }
        return m;
    }

    static double[] vector(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}
