package io.github.gradcheck.check;

import io.github.gradcheck.model.Point;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * The result of checking one subject at one point: one {@link NodeReport} per node in
 * backward order (output first), the {@link Blame}, and what the check cost. Render it as
 * text with {@code io.github.gradcheck.report.TextReport}.
 *
 * @param subject the subject's name
 * @param point where it was checked
 * @param options how it was checked (including the seed)
 * @param nodes the node checks, output first
 * @param blame where the error starts, if any
 * @param forwardEvaluations whole or partial forward passes spent
 * @param localEvaluations single-op evaluations spent checking edges
 * @param backwardEvaluations backward passes spent
 * @param replayScope what each measurement re-evaluated, e.g. "only the nodes downstream"
 * @param notes remarks for the reader that are not verdicts: the numeric side computed by a double
 *     reference, nondeterminism accepted within the declared tolerance, ...
 * @param mode the mode that ran ({@link CheckMode#AUTO} resolved to what it chose); each node's
 *     {@link NodeReport#coverage() coverage} says what it covered there
 * @param wallTime how long the check took; a component like any other, so two reports are
 *     {@linkplain #equals equal} only when they took the same time too: compare what two checks
 *     measured with {@link #sameMeasurements}
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record GradientReport(String subject, Point point, CheckOptions options, List<NodeReport> nodes, Blame blame,
                             int forwardEvaluations, int localEvaluations, int backwardEvaluations,
                             String replayScope, List<String> notes, CheckMode mode, Duration wallTime) {

    /**
     * Copies the lists.
     *
     * @param subject see {@link #subject()}
     * @param point see {@link #point()}
     * @param options see {@link #options()}
     * @param nodes see {@link #nodes()}
     * @param blame see {@link #blame()}
     * @param forwardEvaluations see {@link #forwardEvaluations()}
     * @param localEvaluations see {@link #localEvaluations()}
     * @param backwardEvaluations see {@link #backwardEvaluations()}
     * @param replayScope see {@link #replayScope()}
     * @param notes see {@link #notes()}
     * @param mode see {@link #mode()}
     * @param wallTime see {@link #wallTime()}
     */
    public GradientReport {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(options, "options");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(blame, "blame");
        notes = List.copyOf(notes);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(wallTime, "wallTime");
    }

    /**
     * {@return the coarsest relative resolution achieved at any element with a non-zero gradient}:
     * the smallest relative error in a claimed gradient that this check was sure to detect; empty
     * when every gradient is zero.
     */
    public OptionalDouble resolution() {
        if (nodes.isEmpty()) {
            // op checks only (GraphChecks.LOCAL): what they resolved
            return blame.edges().stream().flatMap(e -> e.elements().stream()).filter(ElementComparison::significant)
                    .mapToDouble(ElementComparison::resolution).filter(Double::isFinite).max();
        }
        return nodes.stream().map(NodeReport::resolution).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).max();
    }

    /**
     * {@return the number of inconclusive element comparisons, over every node} (over every op
     * check when no node was measured, with {@link GraphChecks#LOCAL})
     */
    public long inconclusiveElements() {
        if (nodes.isEmpty()) {
            return blame.edges().stream().flatMap(e -> e.elements().stream())
                    .filter(e -> e.verdict() == Verdict.INCONCLUSIVE).count();
        }
        return nodes.stream().mapToLong(NodeReport::inconclusiveElements).sum();
    }

    /** {@return the nodes whose gradients deviate as the user declared, in backward order} */
    public List<NodeReport> deviations() {
        return nodes.stream().filter(NodeReport::deviates).toList();
    }

    /**
     * {@return the verdict of the check}: FAIL if any node or any op's local check failed, else
     * INCONCLUSIVE if any was, else PASS
     */
    public Verdict verdict() {
        Verdict v = Verdict.PASS;
        for (NodeReport n : nodes) {
            v = v.and(n.verdict());
        }
        for (EdgeReport e : blame.edges()) {
            v = v.and(e.verdict());
        }
        return v;
    }

    /**
     * {@return what to fix, one statement per broken backward}: for a graph whose ops were checked
     * alone, each op's backward whose local check failed, with respect to which argument ("the
     * backward of layer 'Dense#2' with respect to argument 0 ('Tanh') is wrong"); otherwise, for
     * every node where a wrong gradient starts, the backward rule into it ("the backward rule that
     * maps d(invden) to d(den) is wrong"), or for a node nothing consumes (a function's input), its
     * gradient; for a node whose every op check passed while its gradient is wrong, that its
     * gradient is composed wrongly ({@link #composedWrongly()}). Empty when nothing was found wrong.
     * The text report's verdict line, the JUnit
     * failure message and the AssertJ messages start with these statements.
     */
    public List<String> whatIsWrong() {
        List<String> out = new ArrayList<>();
        for (EdgeReport e : blame.wrongEdges()) {
            out.add("the backward of " + e.consumer() + " with respect to argument " + e.edge().argument() + " ('"
                    + e.edge().producer() + "') is wrong");
        }
        List<String> origins = new ArrayList<>();
        blame.origin().ifPresent(origins::add);
        origins.addAll(blame.otherOrigins());
        boolean function = nodes.stream().allMatch(n -> n.kind() == io.github.gradcheck.model.NodeKind.OUTPUT
                || n.kind() == io.github.gradcheck.model.NodeKind.INPUT);
        if (function && !origins.isEmpty() && out.isEmpty()) {
            // a black box: no backward rule to name, only the inputs whose gradients are wrong
            out.add(origins.size() == 1 ? "the gradient of input '" + origins.get(0) + "' is wrong"
                    : "the gradients of inputs '" + String.join("', '", origins) + "' are wrong");
            return out;
        }
        List<String> composedWrongly = composedWrongly();
        for (String origin : origins) {
            if (blame.wrongEdges().stream().anyMatch(e -> e.edge().producer().equals(origin))) {
                continue;
            }
            NodeReport n = node(origin).orElseThrow();
            if (composedWrongly.contains(origin)) {
                out.add("the gradient of '" + origin + "' is composed wrongly: the backward of every op that uses it is"
                        + " right alone (" + opsInto(origin) + "), yet their sum is not its gradient");
            } else if (n.consumers().isEmpty()) {
                out.add("the gradient of " + (n.kind() == io.github.gradcheck.model.NodeKind.INPUT ? "input" : "node")
                        + " '" + origin + "' is wrong");
            } else {
                out.add("the backward rule that maps d(" + String.join("), d(", n.consumers()) + ") to d(" + origin
                        + ") is wrong");
            }
        }
        return out;
    }

    /**
     * {@return the nodes where a wrong gradient starts although every op check into them passed}:
     * the ops that use such a node each have a right backward alone, so the error is in how the
     * node's gradient is composed from them — a use of the node the graph does not declare (an op
     * that reads another op's state or cache), or state shared between ops. A node counts only
     * where its op checks compared every element at which it is wrong. Only graphs whose ops are
     * checked alone can show this; empty for other subjects and when nothing is wrong.
     *
     * @since 0.1.0
     */
    public List<String> composedWrongly() {
        List<String> origins = new ArrayList<>();
        blame.origin().ifPresent(origins::add);
        origins.addAll(blame.otherOrigins());
        List<String> out = new ArrayList<>();
        for (String origin : origins) {
            List<EdgeReport> into = blame.edges().stream().filter(e -> e.edge().producer().equals(origin)).toList();
            // the op checks must have looked where the node is wrong (not only at a sample beside it)
            java.util.Set<Integer> wrongAt = new java.util.HashSet<>();
            node(origin).ifPresent(n -> n.elements().stream().filter(e -> e.verdict() == Verdict.FAIL)
                    .forEach(e -> wrongAt.add(e.index())));
            boolean looked = !wrongAt.isEmpty() && into.stream().allMatch(e -> e.elements().stream()
                    .map(ElementComparison::index).collect(java.util.stream.Collectors.toSet()).containsAll(wrongAt));
            if (!into.isEmpty() && looked && into.stream().allMatch(e -> e.verdict() == Verdict.PASS)) {
                out.add(origin);
            }
        }
        return out;
    }

    /** {@code layer 'Tanh' for argument 0, op 'p' for argument 1}: the op checks into {@code node}. */
    private String opsInto(String node) {
        List<String> ops = new ArrayList<>();
        for (EdgeReport e : blame.edges()) {
            if (e.edge().producer().equals(node)) {
                ops.add(e.consumer() + " for argument " + e.edge().argument());
            }
        }
        return String.join(", ", ops);
    }

    /** {@return whether every claimed gradient was confirmed}: the verdict is PASS */
    public boolean passed() {
        return verdict() == Verdict.PASS;
    }

    /**
     * {@return the check of the named node}, empty when no node of that name was checked
     *
     * @param name the node's name
     */
    public Optional<NodeReport> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** {@return the seed that reproduces this check}: that of its {@link #options()} */
    public long seed() {
        return options.seed();
    }

    /**
     * {@return whether every element of every node was compared one by one} (of every op check's
     * argument when no node was measured, with {@link GraphChecks#LOCAL})
     */
    public boolean complete() {
        if (nodes.isEmpty()) {
            return blame.edges().stream().allMatch(e -> e.elements().stream().mapToInt(ElementComparison::index)
                    .distinct().count() >= e.shape().size());
        }
        return nodes.stream().allMatch(n -> n.coverage().complete());
    }

    /**
     * {@return the forward evaluations spent measuring nodes, node by node}, in backward order; the
     * rest of {@link #forwardEvaluations()} went to the point itself
     */
    public Map<String, Integer> forwardEvaluationsByNode() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (NodeReport n : nodes) {
            m.put(n.name(), n.forwardEvaluations());
        }
        return m;
    }

    /**
     * {@return whether {@code other} measured the same as this report}: every component is equal but
     * the {@linkplain #wallTime() wall time}. A check repeated with the same options at the same
     * point, or run on several threads instead of one, measures the same however long it takes.
     *
     * @param other the report to compare with
     */
    public boolean sameMeasurements(GradientReport other) {
        return other != null && equals(new GradientReport(other.subject, other.point, other.options, other.nodes,
                other.blame, other.forwardEvaluations, other.localEvaluations, other.backwardEvaluations,
                other.replayScope, other.notes, other.mode, wallTime));
    }

    /** {@return one line: the subject, the point, the verdict and the first wrong node, if any} */
    @Override
    public String toString() {
        return "GradientReport[subject '" + subject + "' at " + point + ": " + verdict().label()
                + blame.origin().map(o -> ", first wrong node '" + o + "'").orElse("") + "]";
    }
}
