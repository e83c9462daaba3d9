package io.github.gradcheck.check;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a check measured at one node.
 *
 * @param mode the mode the node was checked in ({@link CheckMode#FULL} also for a node small
 *     enough that a cheaper mode checks every element anyway)
 * @param elements the node's number of elements
 * @param elementsChecked how many distinct elements were compared one by one
 * @param directions how many random directions were compared (including those of a narrowing)
 * @param narrowing how the node was narrowed down to elements after a failure; empty when it was not
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record Coverage(CheckMode mode, int elements, int elementsChecked, int directions, String narrowing) {

    /**
     * Validates.
     *
     * @param mode see {@link #mode()}, not null
     * @param elements see {@link #elements()}
     * @param elementsChecked see {@link #elementsChecked()}
     * @param directions see {@link #directions()}
     * @param narrowing see {@link #narrowing()}, not null: empty when the node was not narrowed
     */
    public Coverage {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(narrowing, "narrowing");
    }

    /**
     * {@return the coverage of a full check}: every one of {@code elements} elements, one by one
     *
     * @param elements the node's number of elements
     */
    public static Coverage full(int elements) {
        return new Coverage(CheckMode.FULL, elements, elements, 0, "");
    }

    /** {@return whether every element was compared one by one} */
    public boolean complete() {
        return elementsChecked >= elements;
    }

    /**
     * {@return a phrase for reports}, e.g. {@code "every element"}, {@code "3 Gaussian directions and 16 of
     * 10000 elements; narrowed by bisection to elements 4864..4927 after a failure"}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (mode == CheckMode.FULL || (complete() && narrowing.isEmpty())) {
            sb.append(elements == 1 ? "its one element" : "every element");
        } else if (mode == CheckMode.FAST) {
            sb.append(directions).append(directions == 1 ? " Gaussian direction" : " Gaussian directions")
                    .append(" and ").append(elementsChecked).append(" of ").append(elements).append(" elements");
        } else {
            sb.append(elementsChecked).append(" sampled of ").append(elements).append(" elements");
        }
        if (!narrowing.isEmpty()) {
            sb.append("; ").append(narrowing);
        }
        return sb.toString();
    }
}
