package io.github.gradcheck.internal.numeric;

import io.github.gradcheck.model.Precision;
import org.apiguardian.api.API;

/**
 * The measurement to make before one probed direction (an element, or a random direction) is
 * declared wrong: the noise, then the scale, then the incommensurate confirmation, each informed
 * by the one before.
 *
 * <ol>
 *   <li>{@link NoiseEstimation#measure} at the default spacing (14 evaluations where one pair of
 *   tables finds the noise). Noise of 1% of the values or more: nothing can be measured.</li>
 *   <li>{@link FunctionScale#find} with that noise (8 evaluations for a function varying on the
 *   scale of x, up to 40 for a feature 1e-6 of it). Unresolved: the direction is inconclusive.</li>
 *   <li>Where the noise could not be measured at the default spacing (every table too large, as
 *   for a feature far below the scale of x), it is measured again at a spacing set by the scale
 *   found.</li>
 *   <li>{@link IncommensurateDifference#confirm} from the scale, with the noise (24
 *   evaluations).</li>
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

    private ProbeConfirmation() {
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
        CountingProbe counted = new CountingProbe(probe);
        double base = Double.isNaN(x) ? 0 : x;
        Noise noise = NoiseEstimation.measure(counted, k, x, typicalScale, precision,
                NoiseEstimation.spacing(base, typicalScale, precision), NoiseEstimation.DEFAULT_BUDGET);
        if (noise.measured() && noise.swamps()) {
            return new Result(Outcome.NOISE_SWAMPS, noise, null, null, counted.evaluations());
        }
        FunctionScale.Scale scale = FunctionScale.find(counted, k, x, typicalScale, precision, noise.sigma(), epsilon,
                FunctionScale.DEFAULT_BUDGET);
        if (!scale.resolved()) {
            Outcome outcome = scale.status() == FunctionScale.Status.NOT_FINITE ? Outcome.NOT_FINITE
                    : Outcome.SCALE_UNRESOLVED;
            return new Result(outcome, noise, scale, null, counted.evaluations());
        }
        if (noise.inform() == NoiseEstimation.Inform.STEP_TOO_LARGE) {
            Noise again = NoiseEstimation.measure(counted, k, x, typicalScale, precision,
                    NoiseEstimation.spacing(scale.scale(), precision), NoiseEstimation.DEFAULT_BUDGET);
            if (again.measured() && again.swamps()) {
                return new Result(Outcome.NOISE_SWAMPS, again, scale, null, counted.evaluations());
            }
            if (again.inform() != NoiseEstimation.Inform.STEP_TOO_LARGE) {
                noise = again;
            }
        }
        IncommensurateDifference.Confirmation confirmation = IncommensurateDifference.confirm(counted, k, x, precision,
                scale.scale(), noise.sigma(), epsilon);
        Estimate e = confirmation.estimate();
        Outcome outcome = Double.isFinite(e.value()) && Double.isFinite(e.error()) ? Outcome.CONFIRMED
                : Outcome.NOT_CONFIRMED;
        return new Result(outcome, noise, scale, confirmation, counted.evaluations());
    }
}
