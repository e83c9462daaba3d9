package io.github.gradcheck.check;

import io.github.gradcheck.model.Point;
import java.time.Duration;
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
 * @param wallTime how long the check took; not part of {@link #equals}: two checks that measured
 *     the same are equal however long they took (a parallel check equals the sequential one)
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record GradientReport(String subject, Point point, CheckOptions options, List<NodeReport> nodes, Blame blame,
                             int forwardEvaluations, int localEvaluations, int backwardEvaluations,
                             String replayScope, List<String> notes, CheckMode mode, Duration wallTime) {

    /** Copies the lists. */
    public GradientReport {
        nodes = List.copyOf(nodes);
        notes = List.copyOf(notes);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(wallTime, "wallTime");
    }

    /** A report of a full check whose wall time was not measured. */
    public GradientReport(String subject, Point point, CheckOptions options, List<NodeReport> nodes, Blame blame,
                          int forwardEvaluations, int localEvaluations, int backwardEvaluations,
                          String replayScope, List<String> notes) {
        this(subject, point, options, nodes, blame, forwardEvaluations, localEvaluations, backwardEvaluations,
                replayScope, notes, CheckMode.FULL, Duration.ZERO);
    }

    /** A report without notes. */
    public GradientReport(String subject, Point point, CheckOptions options, List<NodeReport> nodes, Blame blame,
                          int forwardEvaluations, int localEvaluations, int backwardEvaluations,
                          String replayScope) {
        this(subject, point, options, nodes, blame, forwardEvaluations, localEvaluations, backwardEvaluations,
                replayScope, List.of());
    }

    /**
     * The coarsest relative resolution achieved at any element with a non-zero gradient: the
     * smallest relative error in a claimed gradient that this check was sure to detect.
     */
    public OptionalDouble resolution() {
        return nodes.stream().map(NodeReport::resolution).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).max();
    }

    /** The number of inconclusive element comparisons. */
    public long inconclusiveElements() {
        return nodes.stream().mapToLong(NodeReport::inconclusiveElements).sum();
    }

    /** The nodes whose gradients deviate as the user declared. */
    public List<NodeReport> deviations() {
        return nodes.stream().filter(NodeReport::deviates).toList();
    }

    /** FAIL if any node failed, else INCONCLUSIVE if any was, else PASS. */
    public Verdict verdict() {
        Verdict v = Verdict.PASS;
        for (NodeReport n : nodes) {
            v = v.and(n.verdict());
        }
        return v;
    }

    /** Whether every claimed gradient was confirmed. */
    public boolean passed() {
        return verdict() == Verdict.PASS;
    }

    /** The check of the named node. */
    public Optional<NodeReport> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The seed that reproduces this check. */
    public long seed() {
        return options.seed();
    }

    /** Whether every element of every node was compared one by one. */
    public boolean complete() {
        return nodes.stream().allMatch(n -> n.coverage().complete());
    }

    /** The forward evaluations spent measuring nodes, node by node (the rest went to the point itself). */
    public Map<String, Integer> forwardEvaluationsByNode() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (NodeReport n : nodes) {
            m.put(n.name(), n.forwardEvaluations());
        }
        return m;
    }

    /** A copy with another wall time. */
    public GradientReport withWallTime(Duration newWallTime) {
        return new GradientReport(subject, point, options, nodes, blame, forwardEvaluations, localEvaluations,
                backwardEvaluations, replayScope, notes, mode, newWallTime);
    }

    /** Equal when every component but the {@link #wallTime() wall time} is equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GradientReport)) {
            return false;
        }
        GradientReport r = (GradientReport) o;
        return subject.equals(r.subject) && point.equals(r.point) && options.equals(r.options)
                && nodes.equals(r.nodes) && blame.equals(r.blame) && forwardEvaluations == r.forwardEvaluations
                && localEvaluations == r.localEvaluations && backwardEvaluations == r.backwardEvaluations
                && Objects.equals(replayScope, r.replayScope) && notes.equals(r.notes) && mode == r.mode;
    }

    /** Consistent with {@link #equals}: ignores the wall time. */
    @Override
    public int hashCode() {
        return Objects.hash(subject, point, options, nodes, blame, forwardEvaluations, localEvaluations,
                backwardEvaluations, replayScope, notes, mode);
    }

    /** One line: subject, verdict and origin. */
    @Override
    public String toString() {
        return "GradientReport[subject '" + subject + "' at " + point + ": " + verdict().label()
                + blame.origin().map(o -> ", first wrong node '" + o + "'").orElse("") + "]";
    }
}
