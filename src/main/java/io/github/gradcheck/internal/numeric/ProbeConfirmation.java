package io.github.gradcheck.internal.numeric;

import io.github.gradcheck.model.Precision;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * The measurement to make before one probed direction (an element, or a random direction) is
 * declared wrong: the noise, then the scale, then the incommensurate confirmation, each informed
 * by the one before.
 *
 * <ol>
 *   <li>{@link NoiseEstimation#measure} at the default spacing (14 evaluations where one pair of
 *   tables finds the noise). Noise above the rounding level is measured again at a finer spacing,
 *   where a localized feature (a kink near x) no longer shows and noise of the computation still
 *   does. Noise of 1% of the values or more there may be the function's own
 *   variation (a kink or a narrow feature inside the table): the scan then runs without it, and
 *   the noise is measured again at the scale found; found there too, it swamps the values.</li>
 *   <li>{@link FunctionScale#find} with that noise (8 evaluations for a function varying on the
 *   scale of x, up to 40 for a feature 1e-6 of it). Unresolved with a noise found, the scan runs
 *   again without it (that noise may be a kink inside the table); unresolved: the direction is
 *   inconclusive.</li>
 *   <li>Where the noise could not be measured at the default spacing (every table too large, as
 *   for a feature far below the scale of x), swamped the values there, or was read from a table
 *   that reached past the scale found (a kink or a bump inside the table reads as noise), it is
 *   measured again at a spacing set by the scale found.</li>
 *   <li>{@link IncommensurateDifference#confirm} from the scale, with the noise (12
 *   evaluations where the first ladder bears out the first family's measurement, 24 where both
 *   ladders are needed); where neither ladder reaches its asymptotic range, again from a start
 *   about 4 times smaller, at most twice (the scale may sit at the edge of that range).</li>
 * </ol>
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class ProbeConfirmation {

    /**
     * How the measurement ended.
     *
     * @since 0.1.0
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public enum Outcome {
        /** A confirming estimate with an error that accounts for the measured noise. */
        CONFIRMED,
        /** The noise is 1% of the values or more (or the values vary too much to measure it at any spacing). */
        NOISE_SWAMPS,
        /** No step within the budget resolves the function's scale at the point. */
        SCALE_UNRESOLVED,
        /** No step gave finite samples on both sides: the edge of the domain. */
        NOT_FINITE,
        /** Neither incommensurate ladder reached its asymptotic range. */
        NOT_CONFIRMED
    }

    /**
     * The measurement.
     *
     * @param outcome how it ended
     * @param noise the noise used (the second measurement where the first could not find it)
     * @param scale the scan (null where the noise swamped the values)
     * @param confirmation the confirming measurement (null unless the scale was resolved)
     * @param evaluations the distinct evaluations asked for by all the steps (the base point not counted)
     * @since 0.1.0
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public record Result(Outcome outcome, Noise noise, FunctionScale.Scale scale,
                         IncommensurateDifference.Confirmation confirmation, int evaluations) {

        /** {@return the confirming estimate; value NaN and error infinite unless confirmed} */
        public Estimate estimate() {
            return outcome == Outcome.CONFIRMED ? confirmation.estimate()
                    : new Estimate(Double.NaN, Double.POSITIVE_INFINITY, Double.NaN);
        }

        /** {@return whether there is an estimate to compare a claim with} */
        public boolean confirmed() {
            return outcome == Outcome.CONFIRMED;
        }
    }

    /**
     * How far from x, in units of its spacing, the noise measurement samples: ±4 intervals of the
     * second table, 3/2 times the first's spacing.
     */
    static final double NOISE_TABLE_REACH = NoiseEstimation.INTERVALS / 2 * NoiseEstimation.SECOND_TABLE;

    /** How much finer the spacing of the table that tells noise from a localized feature is. */
    static final double FINER = 16;

    /** Noise up to this many times the type's rounding {@code ε·F/2} counts as rounding. */
    static final double ROUNDING_LEVEL = 4;

    /** How many times a confirmation without an answer is made again from a smaller start. */
    static final int RETRIES = 2;

    /** The factor the start shrinks by for each retry (about the scan's ratio, not a power of two). */
    static final double RETRY_RATIO = FunctionScale.RATIO;

    private ProbeConfirmation() {
    }

    /**
     * The share of the second differences' energy (about their median, which holds the smooth
     * curvature) that two adjacent entries must carry for the table to show one jump in slope.
     */
    static final double ONE_JUMP = 0.9;

    /**
     * Whether the table at {@code spacing} shows one jump in slope between two of its points (a kink),
     * rather than noise: its second differences, less their median, are all but zero outside two
     * adjacent entries. Noise of a computation is spread over every entry.
     */
    private static boolean oneJump(Probe probe, int k, double x, Precision precision, double spacing) {
        double[] v = tableValues(probe, k, x, precision, spacing);
        double[] d = new double[v.length - 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = v[i + 2] - 2 * v[i + 1] + v[i];
        }
        double[] sorted = d.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double total = 0;
        double pair = 0;
        for (int i = 0; i < d.length; i++) {
            double r = d[i] - median;
            total += r * r;
            if (i > 0) {
                double q = d[i - 1] - median;
                pair = Math.max(pair, r * r + q * q);
            }
        }
        return total > 0 && pair >= ONE_JUMP * total;
    }

    private static double[] tableValues(Probe probe, int k, double x, Precision precision, double spacing) {
        double step = Incommensurate.exact(x, spacing, precision);
        double[] v = new double[NoiseEstimation.INTERVALS + 1];
        for (int i = 0; i < v.length; i++) {
            int j = i - NoiseEstimation.INTERVALS / 2;
            v[i] = probe.at(j == 0 ? 0 : Incommensurate.exact(x, j * step, precision)).value(k);
        }
        return v;
    }

    /**
     * The spacing of the third table {@link #jumpsExplainTheNoise} reads, relative to the first:
     * {@code 1.5·2^(1/4)}, past the second table's reach and sharing no point with either (the first
     * two share their points at ±3h).
     */
    static final double THIRD_TABLE = NoiseEstimation.SECOND_TABLE * 1.189207115002721;

    /**
     * Whether the noise of the tables at {@code spacing} is one jump in slope: every table that finds
     * noise above {@code rounding} — the pair ECnoise read, and a third at {@link #THIRD_TABLE} times
     * the spacing (8 evaluations, only here) — shows one jump ({@link #oneJump}), and one does. A
     * kink near x shows in every table that reaches it; the sawtooth of values rounded to a coarser
     * type (a staircase, flat between neighbouring floats: a node rounded to float in double code)
     * can fall into the pair as a single step, where their spacings are close to whole numbers of
     * treads and their shared points carry the same phase, but a table at a spacing incommensurate
     * with both samples it at scattered phases and reads it as noise.
     */
    private static boolean jumpsExplainTheNoise(Probe probe, int k, double x, Precision precision, double spacing,
                                                double rounding) {
        boolean jump = false;
        for (double h : new double[] {spacing, NoiseEstimation.SECOND_TABLE * spacing, THIRD_TABLE * spacing}) {
            boolean noisy = NoiseEstimation.read(tableValues(probe, k, x, precision, h)).sigma() > rounding;
            boolean oneJump = oneJump(probe, k, x, precision, h);
            if (noisy && !oneJump) {
                return false;
            }
            jump |= oneJump;
        }
        return jump;
    }

    /** Whether the 9 values of the table at {@code spacing} have second differences that are all exactly 0. */
    private static boolean exactlyLinear(Probe probe, int k, double x, Precision precision, double spacing) {
        double[] v = tableValues(probe, k, x, precision, spacing);
        for (int i = 2; i < v.length; i++) {
            if (v[i] - 2 * v[i - 1] + v[i - 2] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean answered(Estimate e) {
        return Double.isFinite(e.value()) && Double.isFinite(e.error());
    }

    /**
     * The noise, told from a kink inside the table: a slope that jumps at one point reads as noise
     * to ECnoise wherever the table reaches it. Such a table has its second differences at two
     * adjacent entries ({@link #oneJump}); noise that is a property of the computation (float
     * arithmetic, a solver's tolerance, a fine table, a long sum) spreads over all of them. Only
     * then is the noise measured again at a spacing {@link #FINER} times finer, which no longer
     * reaches the kink: where it finds no more than rounding (or exactly linear values, the smooth
     * side of a kink), that is the noise. Costs one more pair of tables, only there.
     */
    private static Noise localized(Probe probe, int k, double x, double typicalScale, Precision precision,
                                   double epsilon, Noise noise) {
        double rounding = ROUNDING_LEVEL * epsilon * noise.magnitude() / 2;
        if (!noise.measured() || noise.sigma() <= rounding
                || !jumpsExplainTheNoise(probe, k, x, precision, noise.spacing(), rounding)) {
            // noise of the computation (float arithmetic, a solver, a table) spreads over the whole table
            return noise;
        }
        double spacing = noise.spacing() / FINER;
        Noise finer = NoiseEstimation.measure(probe, k, x, typicalScale, precision, spacing,
                2 * NoiseEstimation.INTERVALS);
        // no noise above the values' resolution tells a feature only where both finer tables are exactly linear
        // (the smooth side of a kink, f = a·x + b): a quantized output sampled finely can read as too small, its
        // increments a whole number of quanta by chance at one spacing, without being any less noisy
        boolean atRounding = finer.measured() ? finer.sigma() <= rounding
                : finer.belowResolution() && exactlyLinear(probe, k, x, precision, spacing)
                        && exactlyLinear(probe, k, x, precision, NoiseEstimation.SECOND_TABLE * spacing);
        return atRounding ? finer : noise;
    }

    /**
     * Measures cotangent {@code k} of the probe: noise, scale, confirmation.
     *
     * @param probe the probed output
     * @param k the cotangent
     * @param x the probed coordinate's value (NaN when unknown, e.g. along a direction)
     * @param typicalScale the typical magnitude of values like x (0 when unknown)
     * @param precision the precision of the perturbed value
     * @param epsilon the unit roundoff of the output's type
     * @return the measurement and what it cost
     */
    public static Result measure(Probe probe, int k, double x, double typicalScale, Precision precision,
                                 double epsilon) {
        return measure(probe, k, x, typicalScale, precision, epsilon, (ladder, noise) -> false);
    }

    /**
     * Whether an incommensurate ladder's estimate agrees with the first family's measurement, given
     * the noise measured: where it does, the second ladder is not needed
     * ({@link IncommensurateDifference#confirm(Probe, int, double, Precision, double, double, double,
     * Predicate)}).
     *
     * @since 0.1.0
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    @FunctionalInterface
    public interface FirstFamily {

        /**
         * @param ladder the ladder's estimate
         * @param noise the noise measured at the point
         * @return whether the first family's measurement agrees with it within both errors
         */
        boolean agreesWith(Estimate ladder, Noise noise);
    }

    /**
     * As {@link #measure(Probe, int, double, double, Precision, double)}, with the first family's
     * measurement known: the confirmation climbs one ladder where that ladder agrees with it.
     *
     * @param firstFamily whether a ladder agrees with the first family's measurement
     */
    public static Result measure(Probe probe, int k, double x, double typicalScale, Precision precision,
                                 double epsilon, FirstFamily firstFamily) {
        CountingProbe counted = new CountingProbe(probe);
        double base = Double.isNaN(x) ? 0 : x;
        Noise noise = NoiseEstimation.measure(counted, k, x, typicalScale, precision,
                NoiseEstimation.spacing(base, typicalScale, precision), NoiseEstimation.DEFAULT_BUDGET);
        noise = localized(counted, k, x, typicalScale, precision, epsilon, noise);
        // noise of 1% of the value at the default spacing may be the function's own variation there (a
        // kink or a feature inside the table): it swamps only if it is found again at the scale's spacing
        boolean swamped = noise.measured() && noise.swamps();
        FunctionScale.Scale scale = FunctionScale.find(counted, k, x, typicalScale, precision,
                swamped ? 0 : noise.sigma(), epsilon, FunctionScale.DEFAULT_BUDGET);
        boolean suspect = false;
        if (!scale.resolved() && scale.status() != FunctionScale.Status.NOT_FINITE && !swamped && noise.sigma() > 0) {
            // the noise may be a kink or a feature inside the table, which hides every level's variation:
            // scan as if there were none; the noise is then measured again at the scale found
            FunctionScale.Scale again = FunctionScale.find(counted, k, x, typicalScale, precision, 0, epsilon,
                    FunctionScale.DEFAULT_BUDGET);
            if (again.resolved()) {
                scale = again;
                suspect = true;
            }
        }
        if (!scale.resolved()) {
            Outcome outcome = scale.status() == FunctionScale.Status.NOT_FINITE ? Outcome.NOT_FINITE
                    : swamped ? Outcome.NOISE_SWAMPS : Outcome.SCALE_UNRESOLVED;
            return new Result(outcome, noise, scale, null, counted.evaluations());
        }
        // a table that reached past the scale crossed the feature that sets it (a kink, a bump), which
        // ECnoise cannot tell from noise: a slope that jumps at one point reads as one noisy sample
        boolean crossed = noise.measured() && (suspect || NOISE_TABLE_REACH * noise.spacing() > scale.scale());
        if (swamped || crossed || noise.inform() == NoiseEstimation.Inform.STEP_TOO_LARGE) {
            Noise again = NoiseEstimation.measure(counted, k, x, typicalScale, precision,
                    NoiseEstimation.spacing(scale.scale(), precision), NoiseEstimation.DEFAULT_BUDGET);
            if (again.measured() && again.swamps()
                    || swamped && again.inform() == NoiseEstimation.Inform.STEP_TOO_LARGE) {
                return new Result(Outcome.NOISE_SWAMPS, swamped ? noise : again, scale, null, counted.evaluations());
            }
            if (again.inform() != NoiseEstimation.Inform.STEP_TOO_LARGE || crossed) {
                noise = again;
            }
        }
        Noise measured = noise;
        Predicate<Estimate> agrees = ladder -> firstFamily.agreesWith(ladder, measured);
        IncommensurateDifference.Confirmation confirmation = IncommensurateDifference.confirm(counted, k, x, precision,
                scale.scale(), noise.sigma(), epsilon, agrees);
        double start = scale.scale();
        for (int retry = 0; retry < RETRIES && !answered(confirmation.estimate()); retry++) {
            // the scale may sit at the edge of the asymptotic range, its first levels not yet lawful
            start /= RETRY_RATIO;
            confirmation = IncommensurateDifference.confirm(counted, k, x, precision, start, noise.sigma(), epsilon,
                    agrees);
        }
        Estimate e = confirmation.estimate();
        Outcome outcome = Double.isFinite(e.value()) && Double.isFinite(e.error()) ? Outcome.CONFIRMED
                : Outcome.NOT_CONFIRMED;
        return new Result(outcome, noise, scale, confirmation, counted.evaluations());
    }
}
