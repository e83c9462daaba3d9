package io.github.gradcheck.check;

import io.github.gradcheck.model.Point;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * The result of checking a subject's tangent rules (forward mode) node by node at one point: for
 * random tangents of the inputs, the tangent every computed node's rule claims (its producers'
 * claimed tangents pushed through it) against the directional derivative of that node measured by
 * finite differences; the blame, going forward, of the first node whose tangent is wrong while its
 * producers' are right, with the edges into it; and each op's tangent rule against its own backward
 * (the adjoint test, no finite difference). Render it with {@code io.github.gradcheck.report.TextReport}.
 *
 * @param subject the subject's name
 * @param point where it was checked
 * @param options how it was checked (including the seed, and how many random tangents)
 * @param nodes the computed nodes, in forward order; an element's {@link ElementComparison#cotangent()
 *     cotangent} is the number of the random input tangent it was compared for
 * @param producers the producers of each computed node, in argument order
 * @param blame where the wrong tangents start: the {@linkplain Blame#origin() origin} is the first
 *     wrong node going forward whose producers' tangents are right, its {@linkplain Blame#edges()
 *     edges} the tangent rule with respect to each of its arguments, checked alone
 * @param identities each op's tangent rule against its backward (the adjoint test)
 * @param forwardEvaluations forward passes spent measuring
 * @param localEvaluations single ops evaluated alone, checking edges
 * @param ruleEvaluations calls of the tangent rules and local backwards
 * @param notes remarks for the reader that are not verdicts
 * @param wallTime how long the check took
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record TangentReport(String subject, Point point, CheckOptions options, List<NodeReport> nodes,
                            Map<String, List<String>> producers, Blame blame, List<IdentityCheck> identities,
                            int forwardEvaluations, int localEvaluations, int ruleEvaluations, List<String> notes,
                            Duration wallTime) {

    /**
     * Copies the lists and the map.
     *
     * @param subject see {@link #subject()}
     * @param point see {@link #point()}
     * @param options see {@link #options()}
     * @param nodes see {@link #nodes()}
     * @param producers see {@link #producers()}
     * @param blame see {@link #blame()}
     * @param identities see {@link #identities()}
     * @param forwardEvaluations see {@link #forwardEvaluations()}
     * @param localEvaluations see {@link #localEvaluations()}
     * @param ruleEvaluations see {@link #ruleEvaluations()}
     * @param notes see {@link #notes()}
     * @param wallTime see {@link #wallTime()}
     */
    public TangentReport {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(options, "options");
        nodes = List.copyOf(nodes);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        producers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        producers = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(blame, "blame");
        identities = List.copyOf(identities);
        notes = List.copyOf(notes);
        Objects.requireNonNull(wallTime, "wallTime");
    }

    /** {@return FAIL if a node's tangent or an op's adjoint test failed, else INCONCLUSIVE if one was, else PASS} */
    public Verdict verdict() {
        Verdict v = tangentVerdict();
        for (IdentityCheck i : identities) {
            v = v.and(i.verdict());
        }
        return v;
    }

    /** {@return the verdict of the nodes' tangents alone, without the adjoint tests} */
    public Verdict tangentVerdict() {
        Verdict v = Verdict.PASS;
        for (NodeReport n : nodes) {
            v = v.and(n.verdict());
        }
        return v;
    }

    /** {@return whether every tangent and every op's adjoint test was confirmed} */
    public boolean passed() {
        return verdict() == Verdict.PASS;
    }

    /**
     * {@return the check of the named node's tangent}, empty when it is not a computed node
     *
     * @param name the node's name
     */
    public Optional<NodeReport> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** {@return the adjoint tests that failed, op by op} */
    public List<IdentityCheck> failedIdentities() {
        return identities.stream().filter(i -> i.verdict() == Verdict.FAIL).toList();
    }

    /** {@return the coarsest relative resolution of any compared tangent element with a non-zero value} */
    public OptionalDouble resolution() {
        return nodes.stream().map(NodeReport::resolution).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).max();
    }

    /** {@return the seed that reproduces this check}: that of its {@link #options()} */
    public long seed() {
        return options.seed();
    }

    /** {@return one line: the subject, the point, the verdict and the first wrong node, if any} */
    @Override
    public String toString() {
        return "TangentReport[subject '" + subject + "' at " + point + ": " + verdict().label()
                + blame.origin().map(o -> ", first wrong node going forward '" + o + "'").orElse("") + "]";
    }
}
