package io.github.gradcheck.diagnosis;

import org.apiguardian.api.API;

/**
 * The shapes of error gradcheck recognises in a wrong gradient. Each is stated only when
 * it holds at every compared element, within that element's tolerance; otherwise the
 * diagnosis is {@link #NO_SIMPLE_PATTERN}.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public enum DiagnosisKind {
    /** analytic = −1 × numeric at every element: a flipped sign. */
    WRONG_SIGN,
    /** analytic = c × numeric at every element for one c ≠ ±1, e.g. 2, 1/2, N or 1/N. */
    CONSTANT_FACTOR,
    /** A square matrix node whose analytic value is the numeric gradient transposed. */
    TRANSPOSED,
    /** The claimed gradient is 0 where the true one is not: a missing term. */
    ZERO_WHERE_NONZERO,
    /** The claimed gradient is non-zero where the true one is 0. */
    NONZERO_WHERE_ZERO,
    /** Only some elements are wrong (one element, a row, a column, the diagonal, or a list). */
    SOME_ELEMENTS,
    /**
     * A node consumed by several others whose claimed gradient equals the contribution of
     * one consumer alone: the backward overwrote the gradient instead of summing.
     */
    FAN_OUT_OVERWRITE,
    /** A node consumed by several others whose claimed gradient lacks one consumer's contribution. */
    FAN_OUT_MISSING_CONTRIBUTION,
    /** The claimed gradient equals the true gradient of another node: routed to the wrong input. */
    WRONG_ROUTING,
    /**
     * The claimed gradient did not change when the output's cotangent did: the backward ignores,
     * overwrites or drops the gradient flowing into it.
     */
    IGNORES_UPSTREAM,
    /** The claimed gradient is not linear in the output's cotangent, as a vector–Jacobian product must be. */
    NOT_LINEAR,
    /** Wrong, but none of the shapes above holds at every compared element. */
    NO_SIMPLE_PATTERN
}
