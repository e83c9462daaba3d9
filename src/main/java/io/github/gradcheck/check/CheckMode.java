package io.github.gradcheck.check;

import org.apiguardian.api.API;

/**
 * How much of every node a check measures. Checking a node of N elements one by one costs at
 * least 2N evaluations of what depends on it; the cheaper modes trade coverage for time and
 * narrow down to elements as soon as they find a wrong node, so that the report still names
 * the worst element.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public enum CheckMode {
    /**
     * {@link #FULL} while the checked nodes have at most {@link CheckOptions#AUTO_FULL_LIMIT}
     * elements in all, {@link #FAST} above. The default; the report says which mode ran.
     */
    AUTO("auto"),
    /** Every element of every node: the most thorough, and the most expensive. */
    FULL("full"),
    /**
     * Per node: a few Gaussian random directions (each compares the measured directional
     * derivative with the claimed gradient's dot product with the direction; every element
     * takes part, so one wrong element changes it) plus a seeded sample of single elements.
     * The cost does not grow with the node's size. A node with no more elements than that is
     * checked in full. On a failure the node is narrowed down to elements.
     */
    FAST("fast"),
    /**
     * At most {@link CheckOptions#sampleSize()} seeded elements per node (like "max per
     * parameter" in other tools). On a failure the node is narrowed down to elements.
     */
    SAMPLED("sampled");

    private final String label;

    CheckMode(String label) {
        this.label = label;
    }

    /** {@return the name used in reports}: {@code "auto"}, {@code "full"}, {@code "fast"} or {@code "sampled"} */
    public String label() {
        return label;
    }
}
