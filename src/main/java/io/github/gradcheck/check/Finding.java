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
    /** The function has a kink (is not differentiable) within the stencil: inconclusive, never wrong. */
    KINK("kink within the stencil"),
    /** The numeric resolution is too coarse to decide: inconclusive. */
    COARSE("resolution too coarse"),
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
