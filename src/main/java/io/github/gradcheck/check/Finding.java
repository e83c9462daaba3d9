package io.github.gradcheck.check;

import org.apiguardian.api.API;

/**
 * What the measurement of one element found, beside the numbers: why a comparison is
 * inconclusive, or that the output does not depend on the element at all.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public enum Finding {
    /** An ordinary measurement; the verdict follows from the numbers. */
    MEASURED("measured"),
    /**
     * Every perturbation left the output bit-identical: the output does not depend on this
     * element (here), so its true gradient is 0 and only a zero claim is right.
     */
    INDEPENDENT("output does not depend on it"),
    /**
     * The claimed gradient is not finite (NaN or infinite) where the measured one is: wrong,
     * whatever the resolution of the measurement.
     */
    NON_FINITE_CLAIM("the claimed gradient is not finite"),
    /** The function has a kink (is not differentiable) within the stencil: inconclusive, never wrong. */
    KINK("kink within the stencil"),
    /** The numeric resolution is too coarse to decide: inconclusive. */
    COARSE("resolution too coarse"),
    /**
     * Too small to resolve on its own: the claim agrees with the measurement within the element's
     * own tolerance, which is coarse relative to the element but within the resolution limit of
     * the largest measured gradient of its node (softmax probabilities of 1e-12 beside one of 1).
     * Passes norm-wise; the resolution line leaves such elements out and says how many there are.
     */
    NEGLIGIBLE("too small to resolve on its own; agrees within the node's resolution"),
    /**
     * The output's computational noise, measured at the point, is as large as its variation
     * there (1% of its magnitude or more, or too irregular to measure at any spacing): no
     * derivative can be measured. Inconclusive.
     */
    NOISE("the output's noise is as large as its variation"),
    /**
     * No step within the budget resolves the function's variation at the point: every step
     * crosses a feature (a pole, a bump, many periods) or the neighbouring values of the
     * coordinate are further apart than the function's own scale (sin(x) at x = 1e300).
     * Inconclusive, never wrong.
     */
    UNRESOLVED("no step resolves the function's variation here"),
    /**
     * The first family of steps disagreed with the claim, and two families of steps
     * incommensurate with it did not reach a value to decide by (no asymptotic range). A
     * discrepancy seen by one family of steps only is no evidence: inconclusive.
     */
    UNCONFIRMED("no independent family of steps confirmed the measurement"),
    /**
     * The first family of steps found the claim wrong, and the element was not measured again
     * on its own: confirming every wrong element would multiply the cost of a failing check
     * (a wrong gradient makes most elements of the nodes below it wrong too). Either the
     * element's node is proven wrong by another element (or direction) whose failure an
     * independent measurement confirmed, which the reports show; or the node is wrong only as a
     * consequence of a node so proven (the blame's consequences: it shows where a wrong gradient
     * flows, not where it starts, and only the nodes where one starts are confirmed). The verdict
     * is FAIL; the reports count this element as not confirmed separately. (Where no failure of
     * a blame origin confirms, every one is confirmed or refuted on its own, so none keeps this
     * finding.) This element alone proves nothing: it might have been inconclusive had it been
     * measured again.
     *
     * @since 0.1.0
     */
    NOT_CONFIRMED_SEPARATELY("wrong by the first measurement; not confirmed separately"),
    /**
     * The output was not finite (NaN or infinite) at the perturbed points on either side of
     * the point, even with steps many times smaller: the point is at the edge of the function's
     * domain (e.g. {@code sqrt} at 0). Inconclusive; choose a point further inside the domain.
     */
    DOMAIN_EDGE("the function is not finite within a step of the point (edge of its domain)");

    private final String description;

    Finding(String description) {
        this.description = description;
    }

    /** {@return a few words for reports}, e.g. {@code "kink within the stencil"} */
    public String description() {
        return description;
    }
}
