package io.github.gradcheck.internal.engine;

import java.util.SplittableRandom;

/**
 * A random direction of Gaussian components, drawn from its seed: a small one is kept as an
 * array, a large one (more than {@link #KEPT} components) is drawn again from its seed each time it
 * is read, so that a probe of a node of 10⁷ elements does not keep a node-sized array beside the
 * perturbed copy it hands the forward. Either way the components are the same numbers.
 */
final class RandomDirection {

    /** Directions of at most this many components (8 MiB) are kept as arrays. */
    static final int KEPT = 1 << 20;

    private final long seed;
    private final int length;
    private double[] kept;

    /**
     * @param seed the seed of the components ({@link SplittableRandom#nextGaussian()} in order)
     * @param length how many components
     */
    RandomDirection(long seed, int length) {
        this.seed = seed;
        this.length = length;
    }

    /** How many components. */
    int length() {
        return length;
    }

    /** The components in order, from the first. */
    Draw draw() {
        if (length <= KEPT && kept == null) {
            double[] u = new double[length];
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < length; i++) {
                u[i] = random.nextGaussian();
            }
            kept = u;
        }
        return kept != null ? new Draw(kept, null) : new Draw(null, new SplittableRandom(seed));
    }

    /** One pass over the components. */
    static final class Draw {
        private final double[] kept;
        private final SplittableRandom random;
        private int i;

        private Draw(double[] kept, SplittableRandom random) {
            this.kept = kept;
            this.random = random;
        }

        /** The next component. */
        double next() {
            return kept != null ? kept[i++] : random.nextGaussian();
        }
    }
}
