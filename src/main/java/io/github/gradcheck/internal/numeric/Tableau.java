package io.github.gradcheck.internal.numeric;

import java.util.ArrayList;
import java.util.List;

/**
 * A Richardson tableau over central differences at decreasing steps of any ratios: Neville's
 * polynomial extrapolation in {@code h²} to {@code h = 0},
 * {@code T[j][l] = T[j][l−1] + (T[j][l−1] − T[j−1][l−1]) / ((h_{j−l}/h_j)² − 1)}, using the steps
 * actually taken (so exact displacements that are not exact ratios cost nothing in accuracy).
 *
 * <p>As in Ridders' method the answer is the entry whose change from its two parents is least;
 * here that change is floored at the entry's noise level {@code FLOOR·σ/h}, σ the largest
 * per-sample noise level of the samples it uses and h its smallest step, so that an entry whose
 * parents agree by accident (a coincidence, or aliasing) never claims an error below what the
 * noise allows, and so that the choice moves to larger steps where the noise dominates.
 */
final class Tableau {

    /**
     * The noise floor factor: the entry's error is at least {@code FLOOR·σ/h}. A central difference
     * carries noise of standard deviation {@code σ/(h·√2)}; one Richardson step with ratio 2
     * amplifies it about 2.2 times; 6 is about 3.8 standard deviations of an extrapolated entry.
     */
    static final double FLOOR = 6;

    private final int maxOrder;
    private final List<Double> steps = new ArrayList<>();
    private final List<Double> noise = new ArrayList<>();
    private final List<double[]> rows = new ArrayList<>();
    private double value = Double.NaN;
    private double change = Double.POSITIVE_INFINITY;
    private double floor = Double.POSITIVE_INFINITY;
    private double step = Double.NaN;

    /** @param maxOrder the most extrapolations of one entry (each removes one power of h²) */
    Tableau(int maxOrder) {
        this.maxOrder = maxOrder;
    }

    /**
     * Adds the central difference {@code d} at step {@code h} (smaller than every earlier step),
     * whose samples carry the per-sample noise level {@code sigma}.
     */
    void add(double h, double d, double sigma) {
        int j = rows.size();
        steps.add(h);
        noise.add(sigma);
        int orders = Math.min(j, maxOrder);
        double[] row = new double[orders + 1];
        row[0] = d;
        if (j == 0 && Double.isNaN(value)) {
            value = d;
            step = h;
        }
        double sigmaMax = sigma;
        for (int l = 1; l <= orders; l++) {
            double[] previous = rows.get(j - 1);
            double parent = previous[l - 1];
            double ratio = steps.get(j - l) / h;
            row[l] = row[l - 1] + (row[l - 1] - parent) / (ratio * ratio - 1);
            sigmaMax = Math.max(sigmaMax, noise.get(j - l));
            double c = Math.max(Math.abs(row[l] - row[l - 1]), Math.abs(row[l] - parent));
            double f = FLOOR * sigmaMax / h;
            if (!(Double.isFinite(row[l]) && Double.isFinite(c))) {
                continue;
            }
            if (Math.max(c, f) <= Math.max(change, floor)) {
                value = row[l];
                change = c;
                floor = f;
                step = h;
            }
        }
        rows.add(row);
    }

    /** The chosen entry, its error (its change floored at its noise level) and its smallest step. */
    Estimate best() {
        return new Estimate(value, Math.max(change, floor), step);
    }
}
