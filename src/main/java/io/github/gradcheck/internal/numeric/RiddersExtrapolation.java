package io.github.gradcheck.internal.numeric;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * One run of Ridders' method: central differences at steps {@code h0, h0/2, h0/4, ...}
 * extrapolated in a Richardson tableau; the answer is the tableau entry whose change from its
 * neighbours, floored at its rounding level, is least, and its error is that change. Unlike
 * Numerical Recipes' {@code dfridr} the run does not stop when the diagonal grows: a kink near
 * the point spoils the large steps, and the small ones must still be reached. Levels whose
 * samples are not finite (a large step that leaves the function's domain) are skipped until
 * the first finite one.
 *
 * <p>A single run can under-estimate its error badly (entries that coincide give 0); each
 * result therefore carries its rounding floor {@code 8·ε·F/h}, and {@link RobustDifference}
 * combines several runs.
 */
final class RiddersExtrapolation {

    /** The number of steps of one run. */
    static final int LEVELS = 10;

    private RiddersExtrapolation() {
    }

    /**
     * The result of one run for one cotangent.
     *
     * @param value the chosen tableau entry
     * @param error the change of that entry from its neighbours (infinite when the run had fewer
     *     than two finite levels)
     * @param floor the rounding level of that entry: 8·ε·F/h at its smallest step
     * @param smallestStep the smallest step the entry used
     */
    record Run(double value, double error, double floor, double smallestStep) {

        /** The larger of the error and the floor: how good the run claims to be. */
        double bound() {
            return Math.max(error, floor);
        }
    }

    /**
     * One run per cotangent, starting at step {@code h0}.
     *
     * @param minMagnitude a lower bound of the magnitude F whose rounding noise the samples carry, beside
     *     their own value (e.g. Σ|x<sub>j</sub>·∂f/∂x<sub>j</sub>|: a function that cancels large terms
     *     is noisier than its value says); it raises the floor of the answer, not the choice of entry
     */
    static Run[] run(Probe probe, double h0, double epsilon, double minMagnitude) {
        return run(probe, h0, LEVELS, 8, epsilon, minMagnitude);
    }

    /**
     * One run per cotangent, starting at step {@code h0}, with {@code levels} steps and the rounding
     * floor {@code roundingFactor·ε·F/h} ({@link #run(Probe, double, double, double)} uses 10 levels
     * and factor 8).
     */
    static Run[] run(Probe probe, double h0, int levels, double roundingFactor, double epsilon,
                            double minMagnitude) {
        return run(probe, h0, levels, roundingFactor, epsilon, minMagnitude, null, false);
    }

    /**
     * As {@link #run(Probe, double, int, double, double, double)}, with the samples' granularity per
     * cotangent (a power of two dividing every sample, or null): each sample's rounding noise is
     * taken to be at least half of it, for the answer's floor and, if {@code inChoice}, for the
     * choice of entry too.
     */
    static Run[] run(Probe probe, double h0, int levels, double roundingFactor, double epsilon, double minMagnitude,
                     double[] granularity, boolean inChoice) {
        return run(probe, h0, levels, roundingFactor, epsilon, k -> minMagnitude, granularity, inChoice);
    }

    /**
     * As {@link #run(Probe, double, int, double, double, double, double[], boolean)}, with a lower bound
     * of the magnitude per cotangent (the first-order terms of each row of a Jacobian).
     */
    static Run[] run(Probe probe, double h0, int levels, double roundingFactor, double epsilon,
                     IntToDoubleFunction minMagnitude, double[] granularity, boolean inChoice) {
        int n = probe.at(h0).cotangents();
        double[][][] tableau = new double[n][levels][levels];
        double[] best = new double[n];
        double[] bestError = new double[n];
        double[] bestStep = new double[n];
        double[] magnitude = new double[n];
        double[] bestFloor = new double[n];
        Arrays.fill(bestError, Double.POSITIVE_INFINITY);
        Arrays.fill(best, Double.NaN);
        double[] grain = new double[n];
        if (granularity != null) {
            for (int k = 0; k < n; k++) {
                grain[k] = granularity[k] / epsilon;
                magnitude[k] = inChoice ? grain[k] : 0;
            }
        }
        int level = 0;
        double h = h0;
        for (int i = 0; i < levels; i++, h /= 2) {
            Sample plus = probe.at(h);
            Sample minus = probe.at(-h);
            if (!plus.finite() || !minus.finite()) {
                if (level == 0) {
                    continue;
                }
                break;
            }
            for (int k = 0; k < n; k++) {
                magnitude[k] = Math.max(magnitude[k], Central.magnitude(plus, minus, k));
                double[][] a = tableau[k];
                a[0][level] = Central.difference(plus, minus, k);
                if (level == 0) {
                    best[k] = a[0][0];
                    bestStep[k] = h;
                    bestFloor[k] = Central.floor(roundingFactor, epsilon, magnitude[k], h);
                    continue;
                }
                double factor = 4;
                for (int j = 1; j <= level; j++, factor *= 4) {
                    a[j][level] = (factor * a[j - 1][level] - a[j - 1][level - 1]) / (factor - 1);
                    double change = Math.max(Math.abs(a[j][level] - a[j - 1][level]),
                            Math.abs(a[j][level] - a[j - 1][level - 1]));
                    double floor = Central.floor(roundingFactor, epsilon, magnitude[k], h);
                    if (!(Double.isFinite(change) && Double.isFinite(a[j][level]))) {
                        continue;
                    }
                    if (Math.max(change, floor) <= Math.max(bestError[k], bestFloor[k])) {
                        bestError[k] = change;
                        bestFloor[k] = floor;
                        best[k] = a[j][level];
                        bestStep[k] = h;
                    }
                }
            }
            level++;
        }
        Run[] runs = new Run[n];
        for (int k = 0; k < n; k++) {
            double floor = bestStep[k] > 0
                    ? Math.max(bestFloor[k], Central.floor(roundingFactor, epsilon, Math.max(minMagnitude.applyAsDouble(k), grain[k]),
                            bestStep[k]))
                    : Double.POSITIVE_INFINITY;
            runs[k] = new Run(best[k], bestError[k], floor, bestStep[k]);
        }
        return runs;
    }
}
