package io.github.gradcheck.check;

import org.apiguardian.api.API;

/**
 * The outcome of comparing a claimed gradient with a measured one.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public enum Verdict {
    /** The claimed gradient agrees with the measurement within the estimated error. */
    PASS("ok"),
    /** The claimed gradient differs from the measurement by more than the estimated error allows. */
    FAIL("WRONG"),
    /**
     * The measurement was too coarse to decide (its estimated error is large compared with
     * the gradient); draw another point rather than pass or fail this one.
     */
    INCONCLUSIVE("inconclusive");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** {@return how reports print it}: {@code ok}, {@code WRONG} or {@code inconclusive} */
    public String label() {
        return label;
    }

    /**
     * {@return the worse of two verdicts}: FAIL over INCONCLUSIVE over PASS
     *
     * @param other the other verdict
     */
    public Verdict and(Verdict other) {
        if (this == FAIL || other == FAIL) {
            return FAIL;
        }
        return this == INCONCLUSIVE || other == INCONCLUSIVE ? INCONCLUSIVE : PASS;
    }
}
