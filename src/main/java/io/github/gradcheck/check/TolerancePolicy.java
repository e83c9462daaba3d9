package io.github.gradcheck.check;

import io.github.gradcheck.model.Precision;
import org.apiguardian.api.API;

/**
 * Turns a measurement and its error estimate into a verdict. The tolerance is
 * {@code tol = S·e + κ·ε·max(|a|, |n|, c)}: {@code e} is the estimated error of the numeric
 * value {@code n}, {@code κ·ε} the rounding level of the analytic value {@code a} (ε of the
 * precision it is computed in) and {@code c} the size of the terms whose sum {@code a} is.
 *
 * <p>Three verdicts: pass iff {@code |a − n| ≤ tol}; but where the resolution
 * {@code tol / max(|a|, |n|)} is coarser than the limit for the precision, the comparison is
 * inconclusive whichever way it went (unless both values are zero within the tolerance). The
 * cheap first measurement is a clear pass, needing no confirmation, when it passed and its
 * resolution is at least as fine as the screen limit for the precision.
 *
 * @implNote No constant tolerance is involved: every tolerance follows from an error estimate.
 * The term {@code c} guards cancellation in the analytic dot product, whose rounding is that of
 * its largest terms, not of its sum. A bug larger than the screen limit can never pass the
 * screen; everything the screen does not pass clearly is confirmed by the robust measurement.
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

    /**
     * Validates: every factor and limit is positive (the rounding factor may be 0).
     *
     * @param safety see {@link #safety()}
     * @param roundingFactor see {@link #roundingFactor()}
     * @param doubleResolution see {@link #doubleResolution()}
     * @param floatResolution see {@link #floatResolution()}
     * @param doubleScreen see {@link #doubleScreen()}
     * @param floatScreen see {@link #floatScreen()}
     * @throws IllegalArgumentException when a factor or limit is not positive, or NaN
     */
    public TolerancePolicy {
        if (!(safety > 0) || !(roundingFactor >= 0) || !(doubleResolution > 0) || !(floatResolution > 0)
                || !(doubleScreen > 0) || !(floatScreen > 0)) {
            throw new IllegalArgumentException("a tolerance policy needs positive factors and limits, got safety "
                    + safety + ", rounding factor " + roundingFactor + ", resolutions " + doubleResolution + "/"
                    + floatResolution + ", screen limits " + doubleScreen + "/" + floatScreen);
        }
    }

    /**
     * {@return the defaults}: S = 10, κ = 64, resolution limits 1e-2 (double) and 1e-1 (float),
     * screen limits 1e-8 (double) and 1e-4 (float)
     */
    public static TolerancePolicy defaults() {
        return new TolerancePolicy(10, 64, 1e-2, 1e-1, 1e-8, 1e-4);
    }

    /**
     * {@return a copy with another safety factor S on the error estimate} (larger: fewer failures,
     * coarser checks)
     *
     * @param newSafety the factor, positive
     */
    public TolerancePolicy withSafety(double newSafety) {
        return new TolerancePolicy(newSafety, roundingFactor, doubleResolution, floatResolution, doubleScreen, floatScreen);
    }

    /**
     * {@return a copy with another factor κ on the rounding level of the claimed gradient}
     *
     * @param newRoundingFactor the factor, not negative
     */
    public TolerancePolicy withRoundingFactor(double newRoundingFactor) {
        return new TolerancePolicy(safety, newRoundingFactor, doubleResolution, floatResolution, doubleScreen,
                floatScreen);
    }

    /**
     * {@return a copy with other resolution limits}: the coarsest relative tolerance at which a
     * comparison still counts, in double and in float; coarser comparisons are inconclusive.
     *
     * @param newDoubleResolution the limit in double, positive
     * @param newFloatResolution the limit in float, positive
     */
    public TolerancePolicy withResolutionLimits(double newDoubleResolution, double newFloatResolution) {
        return new TolerancePolicy(safety, roundingFactor, newDoubleResolution, newFloatResolution, doubleScreen,
                floatScreen);
    }

    /**
     * {@return the tolerance for one comparison}: {@code S·e + κ·ε·max(|a|, |n|)}
     *
     * @param analytic the claimed value a
     * @param numeric the measured value n
     * @param errorEstimate the measurement's estimated error e
     * @param precision the precision the claimed value is computed in (its ε)
     */
    public double tolerance(double analytic, double numeric, double errorEstimate, Precision precision) {
        return tolerance(analytic, numeric, errorEstimate, 0, precision);
    }

    /**
     * {@return the tolerance for one comparison}: {@code S·e + κ·ε·max(|a|, |n|, terms)}; a claimed
     * value that is not finite does not enter it (the tolerance of a comparison with an infinite
     * claim is that of the measurement alone, so that the claim can fail)
     *
     * @param analytic the claimed value a
     * @param numeric the measured value n
     * @param errorEstimate the measurement's estimated error e
     * @param terms the sum of the absolute values of the terms the analytic value is a sum of
     *     (0 when unknown)
     * @param precision the precision the claimed value is computed in (its ε)
     */
    public double tolerance(double analytic, double numeric, double errorEstimate, double terms, Precision precision) {
        double claimed = Double.isFinite(analytic) ? Math.abs(analytic) : 0;
        double magnitude = Math.max(Math.max(claimed, Math.abs(numeric)), terms);
        return safety * errorEstimate + roundingFactor * precision.epsilon() * magnitude;
    }

    /**
     * {@return the verdict for one comparison with tolerance {@code tol}}: PASS when
     * {@code |a − n| ≤ tol} and the resolution is conclusive (or both values are zero within the
     * tolerance), FAIL when they differ by more and the resolution is conclusive, INCONCLUSIVE
     * otherwise. A claimed value that is not finite (NaN or infinite) against a finite measurement
     * is FAIL whatever the resolution: no finite gradient is infinite; a measurement that is not
     * finite decides nothing (INCONCLUSIVE).
     *
     * @param analytic the claimed value a
     * @param numeric the measured value n
     * @param tol the tolerance, e.g. from {@link #tolerance(double, double, double, double, Precision)}
     * @param precision the precision whose resolution limit applies
     */
    public Verdict verdict(double analytic, double numeric, double tol, Precision precision) {
        if (!Double.isFinite(numeric)) {
            return Verdict.INCONCLUSIVE;
        }
        if (!Double.isFinite(analytic)) {
            return Verdict.FAIL;
        }
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

    /**
     * {@return whether the cheap screen's comparison is a clear pass, needing no confirmation}: the
     * values agree within {@code tol} and {@code tol} is within the screen limit of
     * {@code precision}, relative to the larger value
     *
     * @param analytic the claimed value
     * @param numeric the screen's measured value
     * @param tol the tolerance
     * @param precision the precision whose screen limit applies
     */
    public boolean clearPass(double analytic, double numeric, double tol, Precision precision) {
        double diff = Math.abs(analytic - numeric);
        double magnitude = Math.max(Math.abs(analytic), Math.abs(numeric));
        double limit = screenLimit(precision);
        return diff <= tol && tol <= limit * magnitude;
    }

    /**
     * {@return the coarsest resolution still conclusive in {@code precision}}: {@link #floatResolution()}
     * or {@link #doubleResolution()}
     *
     * @param precision the precision
     */
    public double resolutionLimit(Precision precision) {
        return precision == Precision.FLOAT ? floatResolution : doubleResolution;
    }

    /**
     * {@return the coarsest resolution at which the screen may pass in {@code precision}}:
     * {@link #floatScreen()} or {@link #doubleScreen()}
     *
     * @param precision the precision
     */
    public double screenLimit(Precision precision) {
        return precision == Precision.FLOAT ? floatScreen : doubleScreen;
    }

    private boolean conclusive(double magnitude, double tol, Precision precision) {
        return tol <= resolutionLimit(precision) * magnitude;
    }
}
