package io.github.gradcheck.check;

import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Shape;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The check of one consumer's local backward with respect to one of its arguments: the
 * contribution it claimed, against the consumer alone measured by finite differences and
 * contracted with the consumer's (verified) upstream gradient.
 *
 * @param edge the edge
 * @param consumer how the consumer is described, e.g. {@code op 'invden'}
 * @param shape the shape of the compared elements: the argument's (the producer's) for a backward,
 *     the consumer's output for a tangent rule
 * @param elements every comparison
 * @param evaluations the single-op evaluations this check spent (the consumer evaluated alone)
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record EdgeReport(Edge edge, String consumer, Shape shape, List<ElementComparison> elements,
                         int evaluations) {

    /**
     * Copies the list.
     *
     * @param edge see {@link #edge()}
     * @param consumer see {@link #consumer()}
     * @param shape see {@link #shape()}
     * @param elements see {@link #elements()}
     * @param evaluations see {@link #evaluations()}
     * @throws IllegalArgumentException when {@code evaluations} is negative
     */
    public EdgeReport {
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(shape, "shape");
        elements = List.copyOf(elements);
        if (evaluations < 0) {
            throw new IllegalArgumentException("evaluations must not be negative: " + evaluations);
        }
    }

    /** {@return the edge's verdict}: FAIL if any element failed, else INCONCLUSIVE if any was, else PASS */
    public Verdict verdict() {
        Verdict v = Verdict.PASS;
        for (ElementComparison e : elements) {
            v = v.and(e.verdict());
        }
        return v;
    }

    /**
     * {@return the element furthest past its tolerance}: among the confirmed failures where there is
     * one (an op check confirms one wrong element, the worst first, and its others are
     * {@linkplain Finding#NOT_CONFIRMED_SEPARATELY not confirmed separately}), so that the evidence
     * quoted rests on a confirmed measurement
     *
     * @throws IndexOutOfBoundsException when no element was compared (the checker never reports
     *     such an edge)
     */
    public ElementComparison worst() {
        boolean confirmed = elements.stream().anyMatch(EdgeReport::confirmedFailure);
        ElementComparison worst = null;
        for (ElementComparison e : elements) {
            if (confirmed && !confirmedFailure(e)) {
                continue;
            }
            if (worst == null || e.severity() > worst.severity()) {
                worst = e;
            }
        }
        return worst == null ? elements.get(0) : worst;
    }

    private static boolean confirmedFailure(ElementComparison e) {
        return e.verdict() == Verdict.FAIL && e.finding() != Finding.NOT_CONFIRMED_SEPARATELY;
    }
}
