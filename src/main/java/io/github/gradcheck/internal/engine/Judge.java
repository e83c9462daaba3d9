package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Precision;

/**
 * How the comparisons of one probe are judged: the user's tolerance policy in the precision of
 * the claimed gradient, and the noise of the evaluations being differenced.
 *
 * @param policy the tolerance policy
 * @param precision the precision the claimed gradient is computed in (its rounding level, and which
 *     resolution and screen limits apply)
 * @param noise the relative rounding noise of one evaluation
 * @param firstOrderTerms Σ|x<sub>j</sub>·g<sub>j</sub>| over the probed node: the output is at
 *     least as noisy as its first-order terms in that node, whatever its value (0 when unknown)
 */
record Judge(TolerancePolicy policy, Precision precision, double noise, double firstOrderTerms) {

    /** The same judge for evaluations at least as noisy as {@code floor}. */
    Judge noisierThan(double floor) {
        return new Judge(policy, precision, Math.max(noise, floor), firstOrderTerms);
    }

    /** The policy's tolerance in this judge's precision. */
    double tolerance(double analytic, double numeric, double errorEstimate, double terms) {
        return policy.tolerance(analytic, numeric, errorEstimate, terms, precision);
    }

    /** The policy's verdict in this judge's precision. */
    Verdict verdict(double analytic, double numeric, double tol) {
        return policy.verdict(analytic, numeric, tol, precision);
    }

    /** Whether the screen's comparison is a clear pass in this judge's precision. */
    boolean clearPass(double analytic, double numeric, double tol) {
        return policy.clearPass(analytic, numeric, tol, precision);
    }

    /** The coarsest resolution at which the screen may pass in this judge's precision. */
    double screenLimit() {
        return policy.screenLimit(precision);
    }
}
