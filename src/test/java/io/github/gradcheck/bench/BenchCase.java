package io.github.gradcheck.bench;

import java.util.SplittableRandom;

/**
 * One subject of the verdict benchmark: a correct scalar function with its correct gradient,
 * in double or in float, and where to draw points. Bugs are injected around it.
 */
abstract class BenchCase {

    final String name;
    final int size;
    final boolean isFloat;

    BenchCase(String name, int size, boolean isFloat) {
        this.name = name;
        this.size = size;
        this.isFloat = isFloat;
    }

    /** A random point. */
    abstract double[] draw(SplittableRandom random);

    /** The function, computed in the case's precision (float cases round inputs and work in float). */
    abstract double value(double[] x);

    /** The correct gradient, computed in the case's precision. */
    abstract double[] gradient(double[] x);

    /** A double version of the forward for float cases, or null. */
    DoubleForward reference() {
        return null;
    }

    /** A double forward used as the numeric side of a float case. */
    interface DoubleForward {
        double value(double[] x);
    }

    /** {@code size} uniform values in [lo, hi), rounded to float for a float case. */
    double[] uniformVector(SplittableRandom r, double lo, double hi) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = isFloat ? (float) uniform(r, lo, hi) : uniform(r, lo, hi);
        }
        return x;
    }

    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}
