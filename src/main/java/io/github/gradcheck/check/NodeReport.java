package io.github.gradcheck.check;

import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * Everything the check found at one node: every element compared, the worst of them, the
 * node's verdict, the nodes that consume it, and what it cost.
 *
 * @param name the node's name
 * @param kind its role
 * @param shape its shape
 * @param precision the precision it was computed in
 * @param consumers the nodes computed directly from it (for traced code learned by perturbation and settled
 *     by replays that hold the other descendants, when the subject can)
 * @param elements every comparison, in element order (and cotangent order within)
 * @param forwardEvaluations the forward evaluations spent measuring it (for traced code, also those that
 *     settled its consumers)
 * @param deviation when the user declared that this node's gradient deviates on purpose (or it
 *     deviates only because such a node does), why; its failed elements then do not fail the node
 * @param directions the comparisons along random directions (fast mode and narrowing), in the
 *     order they were drawn; empty in full mode
 * @param coverage what was measured: the mode, how many elements and directions, any narrowing
 * @param linearity whether the node's claimed gradient is linear in the output's cotangent (see
 *     {@link Linearity}); empty when not checked
 * @param intended where a deviation that states its size was declared for this node
 *     ({@link Deviation#intended}, {@link Deviation#atMost}), the comparison of each element's claim
 *     with the declared intent: its {@code numeric} is the intended value (or, for a bound, the
 *     measured one, with the bound in the tolerance); empty otherwise
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record NodeReport(String name, NodeKind kind, Shape shape, Precision precision, List<String> consumers,
                        List<ElementComparison> elements, int forwardEvaluations, Optional<String> deviation,
                        List<DirectionComparison> directions, Coverage coverage, Optional<Linearity> linearity,
                        List<ElementComparison> intended) {

    /**
     * Copies the lists.
     *
     * @param name see {@link #name()}
     * @param kind see {@link #kind()}
     * @param shape see {@link #shape()}
     * @param precision see {@link #precision()}
     * @param consumers see {@link #consumers()}
     * @param elements see {@link #elements()}
     * @param forwardEvaluations see {@link #forwardEvaluations()}
     * @param deviation see {@link #deviation()}; empty when none was declared
     * @param directions see {@link #directions()}; empty in full mode
     * @param coverage see {@link #coverage()}, e.g. {@link Coverage#full(int)}
     * @param linearity see {@link #linearity()}; empty when not checked
     * @param intended see {@link #intended()}; empty when no deviation of stated size was declared
     */
    public NodeReport {
        consumers = List.copyOf(consumers);
        elements = List.copyOf(elements);
        Objects.requireNonNull(deviation, "deviation");
        directions = List.copyOf(directions);
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(linearity, "linearity");
        intended = List.copyOf(intended);
    }

    /**
     * A node report without comparisons against a declared intent.
     *
     * @param name see {@link #name()}
     * @param kind see {@link #kind()}
     * @param shape see {@link #shape()}
     * @param precision see {@link #precision()}
     * @param consumers see {@link #consumers()}
     * @param elements see {@link #elements()}
     * @param forwardEvaluations see {@link #forwardEvaluations()}
     * @param deviation see {@link #deviation()}; empty when none was declared
     * @param directions see {@link #directions()}; empty in full mode
     * @param coverage see {@link #coverage()}, e.g. {@link Coverage#full(int)}
     * @param linearity see {@link #linearity()}; empty when not checked
     */
    public NodeReport(String name, NodeKind kind, Shape shape, Precision precision, List<String> consumers,
                      List<ElementComparison> elements, int forwardEvaluations, Optional<String> deviation,
                      List<DirectionComparison> directions, Coverage coverage, Optional<Linearity> linearity) {
        this(name, kind, shape, precision, consumers, elements, forwardEvaluations, deviation, directions, coverage,
                linearity, List.of());
    }

    /**
     * A node report without a linearity check.
     *
     * @param name see {@link #name()}
     * @param kind see {@link #kind()}
     * @param shape see {@link #shape()}
     * @param precision see {@link #precision()}
     * @param consumers see {@link #consumers()}
     * @param elements see {@link #elements()}
     * @param forwardEvaluations see {@link #forwardEvaluations()}
     * @param deviation see {@link #deviation()}; empty when none was declared
     * @param directions see {@link #directions()}; empty in full mode
     * @param coverage see {@link #coverage()}, e.g. {@link Coverage#full(int)}
     */
    public NodeReport(String name, NodeKind kind, Shape shape, Precision precision, List<String> consumers,
                      List<ElementComparison> elements, int forwardEvaluations, Optional<String> deviation,
                      List<DirectionComparison> directions, Coverage coverage) {
        this(name, kind, shape, precision, consumers, elements, forwardEvaluations, deviation, directions, coverage,
                Optional.empty(), List.of());
    }

    /**
     * {@return whether the node's claim failed the linearity check}: it is not linear in the
     * output's cotangent (e.g. the backward ignores the gradient flowing into it)
     */
    public boolean notLinear() {
        return linearity.isPresent() && !linearity.get().linear();
    }

    /**
     * {@return the node's verdict}: FAIL if any comparison failed, else INCONCLUSIVE if any was,
     * else PASS. A node declared to deviate by a stated amount is judged by its comparisons with
     * the declared intent ({@link #intended()}) instead of with the measured gradient; one declared
     * to deviate by an unstated amount, or wrong only because of a node that deviates as
     * declared, passes where it failed. A claim that is not linear in the cotangent fails in any
     * case.
     */
    public Verdict verdict() {
        Verdict v = measuredVerdict();
        if (deviation.isEmpty()) {
            return v;
        }
        if (intended.isEmpty()) {
            return v == Verdict.FAIL && !notLinear() ? Verdict.PASS : v;
        }
        Verdict i = notLinear() ? Verdict.FAIL : Verdict.PASS;
        for (ElementComparison e : intended) {
            i = i.and(e.verdict());
        }
        return i;
    }

    /**
     * {@return whether the node was declared to deviate by a stated amount and its claim is not the
     * declared intent somewhere}: it fails, and the declaration explains nothing
     */
    public boolean deviatesNotAsDeclared() {
        return deviation.isPresent() && !intended.isEmpty()
                && intended.stream().anyMatch(e -> e.verdict() == Verdict.FAIL);
    }

    /**
     * {@return the verdict of the comparisons alone} (elements and random directions, and the
     * linearity check: a claim that is not linear in the cotangent fails), ignoring a declared
     * deviation.
     */
    public Verdict measuredVerdict() {
        Verdict v = notLinear() ? Verdict.FAIL : Verdict.PASS;
        for (ElementComparison e : elements) {
            v = v.and(e.verdict());
        }
        for (DirectionComparison d : directions) {
            v = v.and(d.verdict());
        }
        return v;
    }

    /** {@return whether the node's gradient differs from the measured one, as the user declared it would} */
    public boolean deviates() {
        return deviation.isPresent() && measuredVerdict() == Verdict.FAIL && verdict() == Verdict.PASS;
    }

    /**
     * {@return whether the output depends on none of this node's elements}: every perturbation left
     * it unchanged.
     */
    public boolean independent() {
        return !elements.isEmpty() && elements.stream().allMatch(e -> e.finding() == Finding.INDEPENDENT)
                && directions.stream().allMatch(d -> d.finding() == Finding.INDEPENDENT);
    }

    /** {@return how many element comparisons were inconclusive} */
    public long inconclusiveElements() {
        return elements.stream().filter(e -> e.verdict() == Verdict.INCONCLUSIVE).count();
    }

    /**
     * {@return the coarsest relative resolution among the elements whose gradient is significant}
     * (see {@link ElementComparison#significant()}): claimed or measured above the element's
     * tolerance, and not {@linkplain Finding#NEGLIGIBLE too small to resolve on its own}; empty
     * when no element is significant. A claim that is zero within its tolerance
     * has no relative resolution to speak of.
     */
    public OptionalDouble resolution() {
        return elements.stream().filter(ElementComparison::significant).mapToDouble(ElementComparison::resolution)
                .filter(Double::isFinite).max();
    }

    /**
     * The element to show: the one furthest past its tolerance among the failures an independent
     * measurement confirmed (any failure where none is confirmed), or when all pass, the one with
     * the largest relative error. A failed node's worst element is so the one its failure rests on,
     * never one {@linkplain Finding#NOT_CONFIRMED_SEPARATELY not confirmed separately} while a
     * confirmed one exists.
     *
     * @return that element's comparison
     * @throws IllegalStateException when no element of the node was compared (the checker never
     *     reports such a node: it refuses values without elements)
     */
    public ElementComparison worst() {
        if (elements.isEmpty()) {
            throw new IllegalStateException("node '" + name + "' has no compared elements");
        }
        Comparator<ElementComparison> bySeverity = Comparator.comparingDouble(ElementComparison::severity);
        Comparator<ElementComparison> order = measuredVerdict() == Verdict.PASS
                ? Comparator.comparingDouble(ElementComparison::relativeError).thenComparing(bySeverity)
                : bySeverity;
        boolean confirmed = confirmedFailures() > 0;
        ElementComparison worst = null;
        for (ElementComparison e : elements) {
            if (confirmed && !confirmedFailure(e)) {
                continue;
            }
            if (worst == null || order.compare(e, worst) > 0) {
                worst = e;
            }
        }
        return worst;
    }

    private static boolean confirmedFailure(ElementComparison e) {
        return e.verdict() == Verdict.FAIL && e.finding() != Finding.NOT_CONFIRMED_SEPARATELY;
    }

    /**
     * {@return how many element comparisons failed with a failure an independent measurement
     * confirmed}: the failed elements less those {@linkplain Finding#NOT_CONFIRMED_SEPARATELY not
     * confirmed separately}. A failed node whose elements all pass or are inconclusive rests on a
     * random direction instead (fast mode).
     */
    public long confirmedFailures() {
        return elements.stream().filter(NodeReport::confirmedFailure).count();
    }

    /**
     * {@return how many element comparisons failed by the first measurement only}, {@linkplain
     * Finding#NOT_CONFIRMED_SEPARATELY not confirmed separately}: the node is proven wrong by
     * another element or direction, or is wrong only as a consequence of a confirmed blame origin
     */
    public long unconfirmedFailures() {
        return elements.stream().filter(e -> e.verdict() == Verdict.FAIL
                && e.finding() == Finding.NOT_CONFIRMED_SEPARATELY).count();
    }

    /**
     * {@return how many random-direction comparisons (fast mode) failed with a failure an
     * independent measurement confirmed}: those that are not {@linkplain
     * Finding#NOT_CONFIRMED_SEPARATELY not confirmed separately}
     */
    public long confirmedDirectionFailures() {
        return directions.stream().filter(d -> d.verdict() == Verdict.FAIL
                && d.finding() != Finding.NOT_CONFIRMED_SEPARATELY).count();
    }

    /**
     * {@return how many element comparisons failed}, those {@linkplain Finding#NOT_CONFIRMED_SEPARATELY
     * not confirmed separately} included (see {@link #confirmedFailures()})
     */
    public long failedElements() {
        return elements.stream().filter(e -> e.verdict() == Verdict.FAIL).count();
    }

    /**
     * The factor c with analytic ≈ c × numeric at every failed element, when there is one
     * (e.g. −1 for a flipped sign, 2 for a doubled gradient); empty when the failed elements
     * do not share a factor or a measured value is zero.
     *
     * @return the common factor, if the failed elements share one
     */
    public OptionalDouble commonFactor() {
        return Factor.commonRatio(elements);
    }
}
