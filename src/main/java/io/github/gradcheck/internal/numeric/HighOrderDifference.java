package io.github.gradcheck.internal.numeric;

import org.apiguardian.api.API;

/**
 * A noise-aware central difference of high order from large steps, for a smooth function whose
 * noise (measured, or the rounding of its type) is far above what a second-order difference can
 * see through: with noise σ an order-p estimate resolves about σ^(p/(p+1)), an order-2 one only
 * σ^(2/3).
 *
 * <p>On a ladder of steps h (from {@code start·scale}, ratio {@link #RATIO}, {@link #LEVELS}
 * levels), the samples at ±h … ±4h give an order-8 estimate D₈ and, from ±h … ±3h, an order-6
 * estimate D₆, both with weights computed for the displacements actually taken
 * ({@code (x + k·h) − x}, Fornberg's algorithm), so that rounded steps stay exact. The error of
 * D₈ at h is {@code 3·‖w₈‖·σ} (its noise: three standard deviations through its weights) plus
 * {@code |D₈ − D₆|} (an over-estimate of its truncation: the order-6 estimate's own); the step
 * with the smallest error is used. The noise term grows by 1/{@link #RATIO} a level: once it alone
 * reaches the best error, no smaller step can win and the ladder stops (the same estimate, fewer
 * evaluations). Two stencils can agree by accident (a step near the scale of a
 * feature): a caller must not trust one ladder alone, and should require two with incommensurate
 * steps to agree with each other. A function that varies on a scale far below the steps mostly shows in
 * that difference and makes the error large; starts with mantissas
 * that are not powers of two keep the steps off the periods of positional encodings.
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class HighOrderDifference {

    /** The ratio of consecutive steps of a ladder. */
    public static final double RATIO = 0.55;

    /** The number of steps of a ladder. */
    public static final int LEVELS = 9;

    /**
     * The share of the noise term predicted for the next level (the current one over
     * {@link #RATIO}) that it has for certain: the weights scale as 1/h up to the rounding of the
     * displacements, far below this margin.
     */
    static final double CERTAIN_LOSS = 0.99;

    /** The most forward evaluations of one ladder (8 per level). */
    public static final int EVALUATIONS = 8 * LEVELS;

    private HighOrderDifference() {
    }

    /**
     * The order-8 estimate of cotangent {@code k}'s derivative at the step with the smallest
     * error, or an estimate with an infinite error where no level had finite samples.
     *
     * @param probe the probed output
     * @param k the cotangent
     * @param largest the ladder's largest step
     * @param sigma the noise of one sample (the measured noise or the type's rounding, whichever is larger)
     * @return the estimate, its error and the step it came from
     */
    public static Estimate estimate(Probe probe, int k, double largest, double sigma) {
        Estimate best = new Estimate(Double.NaN, Double.POSITIVE_INFINITY, 0);
        double f0 = probe.at(0).value(k);
        double noise = 0;
        for (int level = 0; level < LEVELS; level++) {
            if (CERTAIN_LOSS * noise / RATIO >= best.error()) {
                // the noise term alone grows by 1/RATIO a level: no smaller step can beat the best one any more
                break;
            }
            double h = largest * Math.pow(RATIO, level);
            double[] t = new double[9];
            double[] f = new double[9];
            t[0] = 0;
            f[0] = f0;
            boolean finite = Double.isFinite(f0);
            for (int j = 1; j <= 4; j++) {
                Sample plus = probe.at(j * h);
                Sample minus = probe.at(-j * h);
                t[2 * j - 1] = plus.displacement();
                f[2 * j - 1] = plus.value(k);
                t[2 * j] = minus.displacement();
                f[2 * j] = minus.value(k);
                finite &= Double.isFinite(f[2 * j - 1]) && Double.isFinite(f[2 * j]) && t[2 * j - 1] > 0 && t[2 * j] < 0;
            }
            if (!finite) {
                continue;
            }
            double[] w8 = firstDerivativeWeights(t, 9);
            double[] w6 = firstDerivativeWeights(t, 7);
            double d8 = 0;
            double d6 = 0;
            double gain = 0;
            for (int i = 0; i < 9; i++) {
                d8 += w8[i] * f[i];
                gain += w8[i] * w8[i];
                if (i < 7) {
                    d6 += w6[i] * f[i];
                }
            }
            double truncation = Math.abs(d8 - d6);
            noise = 3 * Math.sqrt(gain) * sigma;
            double error = noise + truncation;
            if (Double.isFinite(d8) && error < best.error()) {
                best = new Estimate(d8, error, h);
            }
        }
        return best;
    }

    /**
     * The weights of the first derivative at 0 from the values at {@code t[0..n-1]} (distinct
     * displacements), exact for polynomials of degree {@code n − 1} (Fornberg, "Generation of finite
     * difference formulas on arbitrarily spaced grids", Math. Comp. 1988).
     *
     * @param t the displacements
     * @param n how many of them to use (the first n)
     * @return the n weights
     */
    static double[] firstDerivativeWeights(double[] t, int n) {
        double[][] c = new double[n][2];
        c[0][0] = 1;
        double c1 = 1;
        double c4 = t[0];
        for (int i = 1; i < n; i++) {
            int mn = Math.min(i, 1);
            double c2 = 1;
            double c5 = c4;
            c4 = t[i];
            for (int j = 0; j < i; j++) {
                double c3 = t[i] - t[j];
                c2 *= c3;
                if (j == i - 1) {
                    for (int m = mn; m >= 1; m--) {
                        c[i][m] = c1 * (m * c[i - 1][m - 1] - c5 * c[i - 1][m]) / c2;
                    }
                    c[i][0] = -c1 * c5 * c[i - 1][0] / c2;
                }
                for (int m = mn; m >= 1; m--) {
                    c[j][m] = (c4 * c[j][m] - m * c[j][m - 1]) / c3;
                }
                c[j][0] = c4 * c[j][0] / c3;
            }
            c1 = c2;
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = c[i][1];
        }
        return w;
    }
}
