package io.github.gradcheck.internal.numeric;

import io.github.gradcheck.model.Precision;
import org.apiguardian.api.API;

/**
 * Measures the computational noise of a probed output at its base point, after Moré and Wild's
 * ECnoise ("Estimating computational noise", SIAM J. Sci. Comput. 33(3), 2011; the reference code
 * is ECnoise.m of POptUS/CNoise).
 *
 * <p>The output is evaluated at {@code m + 1 = 9} equally spaced points {@code x + i·h},
 * {@code i = −4..4}. In the table of differences {@code Δᵏf} the smooth part of f shrinks like
 * {@code hᵏ·f⁽ᵏ⁾} while independent noise of standard deviation σ keeps the variance
 * {@code σ²/γ_k}, {@code γ_k = (k!)²/(2k)!}; so {@code σ_k = (γ_k·mean((Δᵏf)²))^(1/2)} estimates
 * σ once k is past the smooth part. A level k is accepted where {@code σ_k, σ_k+1, σ_k+2} agree
 * within a factor 4 and the k-th differences change sign (no trend left). Each table ends in one
 * of three {@link Inform outcomes}.
 *
 * <p>{@link #measure} reads two tables, at spacings {@code h} and {@code 3h/2}, and keeps the
 * larger noise found. The noise of a computation rounded to a coarser type, or quantized by a
 * solver's tolerance, is not independent from point to point: it is a sawtooth of the smooth
 * value, and a table whose step moves the value by close to a whole number of quanta samples the
 * sawtooth at nearly one phase and sees too little noise, or none (all second differences zero).
 * Two spacings in an irrational ratio to each other rarely both fall into that trap. Where
 * neither table finds noise, ECnoise's advice is followed: a spacing too small is multiplied by
 * 128, one too large divided by 128 (ECnoise suggests 100; 128 keeps the mantissa), and once the
 * noise is bracketed between the two the spacing is bisected geometrically, within a budget of
 * evaluations.
 *
 * <p>Two additions to ECnoise, both for finite-difference checks: an accepted σ of 1% of the
 * values or more is taken to be the function's own variation at a spacing too large (an
 * oscillation whose period is below the spacing looks like noise of that size), not noise; and a
 * level whose differences are all exactly zero counts as a spacing too small. ECnoise's test of
 * the values' range ({@code (max − min)/max > 0.1}) is left out: it rejects every spacing for an
 * output that crosses zero, where the differences find the noise as well as anywhere.
 *
 * <p>The spacings have the mantissa {@link Incommensurate#SCAN}, not a power of two, so that a
 * function periodic with a power-of-two period does not repeat itself on the table, and each
 * displacement is the exact {@code (x + i·h) − x}.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class NoiseEstimation {

    /** The number of intervals m of one table (m + 1 = 9 points, 8 of them new evaluations). */
    public static final int INTERVALS = 8;

    /** The default budget of evaluations for {@link #measure}: three pairs of tables. */
    public static final int DEFAULT_BUDGET = 6 * INTERVALS;

    /** The ratio of the second table's spacing to the first's. */
    static final double SECOND_TABLE = 1.5;

    /** The factor a spacing is multiplied or divided by when the table says it is too small or too large. */
    static final double RETRY_FACTOR = 128;

    /** Above this fraction of the values' magnitude, a detected "noise" is the function's own variation. */
    static final double LARGEST_NOISE = 1e-2;

    /**
     * The outcome of one difference table (ECnoise's {@code inform}).
     *
     * @since 0.1.0
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public enum Inform {
        /** Noise detected (inform 1). */
        NOISE_FOUND,
        /**
         * No noise detected, the spacing is too small (inform 2): half the values are equal, or a
         * level of differences is exactly zero. As a final outcome: the noise is below the values'
         * resolution, so the type's rounding level stands.
         */
        STEP_TOO_SMALL,
        /**
         * No noise detected, the spacing is too large (inform 3): the smooth part of the function
         * dominates every level, or a value is not finite. As a final outcome: the noise could not
         * be measured.
         */
        STEP_TOO_LARGE
    }

    /**
     * The reading of one difference table.
     *
     * @param sigma the noise estimate (0 unless {@code inform} is {@link Inform#NOISE_FOUND})
     * @param level the accepted order of differences (0 when none)
     * @param inform the outcome
     * @param levels the estimate {@code σ_k} of each order {@code k = 1..m} (index {@code k − 1});
     *     empty where the table stopped early
     * @since 0.1.0
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public record Table(double sigma, int level, Inform inform, double[] levels) {

        /**
         * Copies the levels.
         *
         * @param sigma the noise estimate
         * @param level the accepted order of differences
         * @param inform the outcome
         * @param levels the estimate of each order
         */
        public Table {
            levels = levels.clone();
        }

        /** {@return the estimates of each order, a copy} */
        @Override
        public double[] levels() {
            return levels.clone();
        }
    }

    private NoiseEstimation() {
    }

    /**
     * ECnoise on one table of values at equally spaced points.
     *
     * @param values {@code f(x + i·h)} for {@code m + 1 ≥ 4} consecutive {@code i} (at least 7
     *     recommended)
     * @return the noise estimate, its level and the table's outcome
     */
    public static Table read(double[] values) {
        int n = values.length;
        if (n < 4) {
            throw new IllegalArgumentException("ECnoise needs at least 4 values, got " + n);
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return new Table(0, 0, Inform.STEP_TOO_LARGE, new double[0]);
            }
        }
        double[] d = values.clone();
        double[] levels = new double[n - 1];
        boolean[] signChange = new boolean[n - 1];
        double gamma = 1;
        for (int j = 1; j < n; j++) {
            int count = n - j;
            for (int i = 0; i < count; i++) {
                d[i] = d[i + 1] - d[i];
            }
            int zeros = 0;
            double sumSquares = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                zeros += d[i] == 0 ? 1 : 0;
                sumSquares += d[i] * d[i];
                min = Math.min(min, d[i]);
                max = Math.max(max, d[i]);
            }
            if (j == 1 && 2 * zeros >= n) {
                return new Table(0, 0, Inform.STEP_TOO_SMALL, new double[0]);
            }
            if (zeros == count && count >= 3) {
                // an exactly computed polynomial of degree < j, or quantized values sampled in step
                // with their quantum (the last one or two differences can also vanish by chance)
                return new Table(0, 0, Inform.STEP_TOO_SMALL, levels);
            }
            gamma *= 0.5 * j / (2.0 * j - 1);
            levels[j - 1] = Math.sqrt(gamma * sumSquares / count);
            signChange[j - 1] = min < 0 && max > 0;
        }
        for (int k = 1; k <= n - 3; k++) {
            double lo = Math.min(levels[k - 1], Math.min(levels[k], levels[k + 1]));
            double hi = Math.max(levels[k - 1], Math.max(levels[k], levels[k + 1]));
            if (hi <= 4 * lo && signChange[k - 1]) {
                return new Table(levels[k - 1], k, Inform.NOISE_FOUND, levels);
            }
        }
        return new Table(0, 0, Inform.STEP_TOO_LARGE, levels);
    }

    /**
     * The first spacing to try: {@code ε^(1/4)·s} rounded down to a power of two, times the
     * mantissa {@link Incommensurate#SCAN} (about 9e-5·s in double, 1e-2·s in float), s the scale
     * of {@link StepSize#scale}. Small enough that the fifth and sixth differences of a function
     * varying on the scale s are below the type's rounding; large enough that a float computation
     * inside double code is sampled at distinct floats, and that noise which shows only on the
     * scale of the difference steps (a finely tabulated function, interpolated) is seen: noise
     * matters at the steps the derivative is measured with, not below them.
     *
     * @param x the probed coordinate's value (0 along a direction)
     * @param typicalScale the typical magnitude of values like it (0 when unknown)
     * @param precision the precision of the perturbed value
     * @return the spacing
     */
    public static double spacing(double x, double typicalScale, Precision precision) {
        return spacing(StepSize.scale(x, typicalScale), precision);
    }

    /**
     * The spacing for a function that varies on the scale {@code scale} (e.g. the scale a
     * {@link FunctionScale} scan found): {@code ε^(1/4)·scale} rounded down to a power of two,
     * times {@link Incommensurate#SCAN}.
     *
     * @param scale the scale on which the function varies
     * @param precision the precision of the perturbed value
     * @return the spacing
     */
    public static double spacing(double scale, Precision precision) {
        return StepSize.powerOfTwoAtMost(Math.pow(precision.epsilon(), 0.25) * scale) * Incommensurate.SCAN;
    }

    /**
     * Measures the noise of cotangent {@code k} of the probe at the base point, retrying with other
     * spacings while the budget allows.
     *
     * @param probe the probed output
     * @param k the cotangent
     * @param x the probed coordinate's value (NaN when unknown, e.g. along a direction: the
     *     displacements are then taken as asked)
     * @param typicalScale the typical magnitude of values like x (0 when unknown): with x, sets the
     *     scale s that bounds the spacing ({@code 6·h ≤ s/4})
     * @param precision the precision of the perturbed value
     * @param spacing the first spacing (see {@link #spacing})
     * @param budget the most evaluations to spend (at least {@code 2·}{@link #INTERVALS} for one
     *     pair of tables)
     * @return the noise, its outcome and what it cost
     */
    public static Noise measure(Probe probe, int k, double x, double typicalScale, Precision precision,
                                double spacing, int budget) {
        CountingProbe counted = new CountingProbe(probe);
        double magnitude = probe.at(0).magnitude(k);
        double s = StepSize.scale(Double.isNaN(x) ? 0 : x, typicalScale);
        // the bounds keep the mantissa, so that no spacing is a power of two
        double largest = s / 32 * Incommensurate.SCAN;
        double smallest = Math.max(8 * Incommensurate.ulp(x, precision), s * 0x1p-100) * Incommensurate.SCAN;
        double h = Math.min(Math.max(spacing, smallest), largest);
        double tooSmall = Double.NaN;
        double tooLarge = Double.NaN;
        Inform last = Inform.STEP_TOO_LARGE;
        int tables = 0;
        while (counted.evaluations() + 2 * INTERVALS <= budget) {
            Table first = plausible(table(counted, k, x, precision, h), counted, k, x, precision, h, magnitude);
            Table second = plausible(table(counted, k, x, precision, SECOND_TABLE * h), counted, k, x, precision,
                    SECOND_TABLE * h, magnitude);
            tables += 2;
            if (first.inform() == Inform.NOISE_FOUND || second.inform() == Inform.NOISE_FOUND) {
                Table found = second.sigma() > first.sigma() ? second : first;
                return new Noise(found.sigma(), magnitude, found.level(), Inform.NOISE_FOUND, h, tables,
                        counted.evaluations());
            }
            boolean small = first.inform() == Inform.STEP_TOO_SMALL || second.inform() == Inform.STEP_TOO_SMALL;
            last = small ? Inform.STEP_TOO_SMALL : Inform.STEP_TOO_LARGE;
            if (small) {
                tooSmall = h;
            } else {
                tooLarge = h;
            }
            double next;
            if (!Double.isNaN(tooSmall) && !Double.isNaN(tooLarge)) {
                if (tooLarge < 4 * tooSmall) {
                    break; // bracketed as finely as is useful, or the outcomes contradict each other
                }
                next = Math.sqrt(tooSmall * tooLarge);
            } else {
                next = small ? h * RETRY_FACTOR : h / RETRY_FACTOR;
            }
            next = Math.min(Math.max(next, smallest), largest);
            if (next == h) {
                break;
            }
            h = next;
        }
        if (!Double.isNaN(tooSmall)) {
            // no noise above the values' resolution at a spacing where they were smooth enough
            last = Inform.STEP_TOO_SMALL;
        }
        return new Noise(0, magnitude, 0, last, h, tables, counted.evaluations());
    }

    /** A table whose noise is 1% of the values or more read as a spacing too large. */
    private static Table plausible(Table table, Probe probe, int k, double x, Precision precision, double h,
                                   double magnitude) {
        if (table.inform() == Inform.NOISE_FOUND
                && table.sigma() >= LARGEST_NOISE * largestValue(probe, k, x, precision, h, magnitude)) {
            return new Table(0, 0, Inform.STEP_TOO_LARGE, table.levels());
        }
        return table;
    }

    /** One table of cotangent k at spacing h. */
    private static Table table(Probe probe, int k, double x, Precision precision, double h) {
        double step = Incommensurate.exact(x, h, precision);
        double[] values = new double[INTERVALS + 1];
        for (int i = 0; i <= INTERVALS; i++) {
            int j = i - INTERVALS / 2;
            double offset = j == 0 ? 0 : Incommensurate.exact(x, j * step, precision);
            values[i] = probe.at(offset).value(k);
        }
        return read(values);
    }

    /** The largest |value| or magnitude over the table at spacing h (its samples are cached). */
    private static double largestValue(Probe probe, int k, double x, Precision precision, double h, double magnitude) {
        double step = Incommensurate.exact(x, h, precision);
        double m = magnitude;
        for (int j = -INTERVALS / 2; j <= INTERVALS / 2; j++) {
            double offset = j == 0 ? 0 : Incommensurate.exact(x, j * step, precision);
            m = Math.max(m, Math.abs(probe.at(offset).value(k)));
        }
        return m;
    }
}
