package io.github.gradcheck.check;

import io.github.gradcheck.model.Precision;
import org.apiguardian.api.API;

/**
 * Turns a measurement and its error estimate into a verdict:
 * {@code tol = S·e + κ·ε·max(|a|, |n|)} with safety factor {@code S} and rounding factor
 * {@code κ}; pass iff {@code |a − n| ≤ tol}. A pass whose tolerance is coarse relative to
 * the gradient (worse than the resolution limit) is inconclusive, unless both values are
 * zero within the tolerance.
 *
 * @param safety the factor S on the error estimate (10 by default)
 * @param roundingFactor the factor κ on the analytic value's rounding level (64 by default)
 * @param doubleResolution the coarsest relative tolerance still conclusive in double (1e-2)
 * @param floatResolution the coarsest relative tolerance still conclusive in float (1e-1)
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record TolerancePolicy(double safety, double roundingFactor, double doubleResolution, double floatResolution) {

    /** The defaults: S = 10, κ = 64, resolution limits 1e-2 (double) and 1e-1 (float). */
    public static TolerancePolicy defaults() {
        return new TolerancePolicy(10, 64, 1e-2, 1e-1);
    }

    /** The tolerance for one comparison. */
    public double tolerance(double analytic, double numeric, double errorEstimate, Precision precision) {
        double magnitude = Math.max(Math.abs(analytic), Math.abs(numeric));
        return safety * errorEstimate + roundingFactor * precision.epsilon() * magnitude;
    }

    /** The verdict for one comparison with tolerance {@code tol}. */
    public Verdict verdict(double analytic, double numeric, double tol, Precision precision) {
        double diff = Math.abs(analytic - numeric);
        if (!(diff <= tol)) {
            return Verdict.FAIL;
        }
        double magnitude = Math.max(Math.abs(analytic), Math.abs(numeric));
        if (magnitude <= tol) {
            return Verdict.PASS;
        }
        double limit = precision == Precision.FLOAT ? floatResolution : doubleResolution;
        return tol <= limit * magnitude ? Verdict.PASS : Verdict.INCONCLUSIVE;
    }
}
