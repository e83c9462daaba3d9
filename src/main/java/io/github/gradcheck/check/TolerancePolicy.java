package io.github.gradcheck.check;

import io.github.gradcheck.model.Precision;
import org.apiguardian.api.API;

/**
 * Turns a measurement and its error estimate into a verdict. The tolerance is
 * {@code tol = S·e + κ·ε·max(|a|, |n|, c)}: {@code e} is the estimated error of the numeric
 * value {@code n}, {@code κ·ε} the rounding level of the analytic value {@code a} (ε of the
 * precision it is computed in) and {@code c} the size of the terms whose sum {@code a} is
 * (it guards cancellation in the analytic dot product). No constant tolerance is involved.
 *
 * <p>Three verdicts: pass iff {@code |a − n| ≤ tol}; but where the resolution
 * {@code tol / max(|a|, |n|)} is coarser than the limit for the precision, the comparison is
 * inconclusive whichever way it went (unless both values are zero within the tolerance).
 *
 * <p>The screen limits say when the cheap first measurement is a clear pass: it passed and its
 * resolution is at least this fine. A bug larger than the screen limit can therefore never pass
 * the screen; everything else is confirmed by the robust measurement.
 *
 * @param safety the factor S on the error estimate (10 by default)
 * @param roundingFactor the factor κ on the analytic value's rounding level (64 by default)
 * @param doubleResolution the coarsest relative tolerance still conclusive in double (1e-2)
 * @param floatResolution the coarsest relative tolerance still conclusive in float (1e-1)
 * @param doubleScreen the coarsest resolution at which the screen may pass in double (1e-8)
 * @param floatScreen the coarsest resolution at which the screen may pass in float (1e-4)
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record TolerancePolicy(double safety, double roundingFactor, double doubleResolution, double floatResolution,
                              double doubleScreen, double floatScreen) {

    /** A policy with the default screen limits (1e-8 in double, 1e-4 in float). */
    public TolerancePolicy(double safety, double roundingFactor, double doubleResolution, double floatResolution) {
        this(safety, roundingFactor, doubleResolution, floatResolution, 1e-8, 1e-4);
    }

    /** Validates. */
    public TolerancePolicy {
        if (!(safety > 0) || !(roundingFactor >= 0) || !(doubleResolution > 0) || !(floatResolution > 0)
                || !(doubleScreen > 0) || !(floatScreen > 0)) {
            throw new IllegalArgumentException("a tolerance policy needs positive factors and limits, got safety "
                    + safety + ", rounding factor " + roundingFactor + ", resolutions " + doubleResolution + "/"
                    + floatResolution + ", screen limits " + doubleScreen + "/" + floatScreen);
        }
    }

    /** The defaults: S = 10, κ = 64, resolution limits 1e-2 (double) and 1e-1 (float). */
    public static TolerancePolicy defaults() {
        return new TolerancePolicy(10, 64, 1e-2, 1e-1);
    }

    /** A copy with another safety factor S on the error estimate (larger: fewer failures, coarser checks). */
    public TolerancePolicy withSafety(double newSafety) {
        return new TolerancePolicy(newSafety, roundingFactor, doubleResolution, floatResolution, doubleScreen, floatScreen);
    }

    /** A copy with another factor κ on the rounding level of the claimed gradient. */
    public TolerancePolicy withRoundingFactor(double newRoundingFactor) {
        return new TolerancePolicy(safety, newRoundingFactor, doubleResolution, floatResolution, doubleScreen,
                floatScreen);
    }

    /**
     * A copy with other resolution limits: the coarsest relative tolerance at which a comparison
     * still counts, in double and in float; coarser comparisons are inconclusive.
     */
    public TolerancePolicy withResolutionLimits(double newDoubleResolution, double newFloatResolution) {
        return new TolerancePolicy(safety, roundingFactor, newDoubleResolution, newFloatResolution, doubleScreen,
                floatScreen);
    }

    /** The tolerance for one comparison: {@code S·e + κ·ε·max(|a|, |n|)}. */
    public double tolerance(double analytic, double numeric, double errorEstimate, Precision precision) {
        return tolerance(analytic, numeric, errorEstimate, 0, precision);
    }

    /**
     * The tolerance for one comparison: {@code S·e + κ·ε·max(|a|, |n|, terms)}.
     *
     * @param terms the sum of the absolute values of the terms the analytic value is a sum of
     *     (0 when unknown)
     */
    public double tolerance(double analytic, double numeric, double errorEstimate, double terms, Precision precision) {
        double magnitude = Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), terms);
        return safety * errorEstimate + roundingFactor * precision.epsilon() * magnitude;
    }

    /** The verdict for one comparison with tolerance {@code tol}. */
    public Verdict verdict(double analytic, double numeric, double tol, Precision precision) {
        double diff = Math.abs(analytic - numeric);
        double magnitude = Math.max(Math.abs(analytic), Math.abs(numeric));
        boolean agrees = diff <= tol;
        if (agrees && magnitude <= tol) {
            return Verdict.PASS;
        }
        if (!conclusive(magnitude, tol, precision)) {
            return Verdict.INCONCLUSIVE;
        }
        return agrees ? Verdict.PASS : Verdict.FAIL;
    }

    /** Whether the cheap screen's comparison is a clear pass, needing no confirmation. */
    public boolean clearPass(double analytic, double numeric, double tol, Precision precision) {
        double diff = Math.abs(analytic - numeric);
        double magnitude = Math.max(Math.abs(analytic), Math.abs(numeric));
        double limit = precision == Precision.FLOAT ? floatScreen : doubleScreen;
        return diff <= tol && tol <= limit * magnitude;
    }

    /** The coarsest resolution still conclusive in {@code precision}. */
    public double resolutionLimit(Precision precision) {
        return precision == Precision.FLOAT ? floatResolution : doubleResolution;
    }

    private boolean conclusive(double magnitude, double tol, Precision precision) {
        return tol <= resolutionLimit(precision) * magnitude;
    }
}
