package io.github.gradcheck.diagnosis;

import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Linearity;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.subject.Subject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * How every wrong node (and every wrong edge, for graph subjects) of a {@link GradientReport}
 * is wrong. A shape of error is stated only when it holds at every compared element within
 * that element's tolerance; otherwise the diagnosis says "no simple pattern".
 *
 * <pre>{@code
 * GradientReport report = GradCheck.check(subject, point);
 * Diagnoses diagnoses = Diagnoses.of(report, subject);   // or Diagnoses.of(report): no re-evaluation
 * diagnoses.forNode("den").ifPresent(d -> System.out.println(d.sentence()));
 * // 'den' has the wrong sign: analytic = -1 × numeric at every compared element
 * }</pre>
 *
 * <p>{@link #of(GradientReport)} works from the report alone and recognises a flipped sign,
 * a constant factor, a transpose, zeros where the gradient is not zero (and the reverse), a
 * few wrong elements (one, a row, a column, the diagonal) and a gradient routed from another
 * node. {@link #of(GradientReport, Subject)} also recognises a fan-out node whose gradient
 * was overwritten instead of summed, which needs the contribution of each consumer measured
 * separately: it re-runs the subject's forward with the other consumers held at their cached
 * values, for every wrong fan-out origin, and counts what that cost in {@link #evaluations()}.
 * Only subjects that can hold nodes (traced code) support that; for the others, and for graph
 * subjects (which sum fan-out themselves), it adds nothing.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Diagnoses {

    private final List<Diagnosis> all;
    private final int evaluations;

    private Diagnoses(List<Diagnosis> all, int evaluations) {
        this.all = List.copyOf(all);
        this.evaluations = evaluations;
    }

    /**
     * {@return no diagnoses, e.g. to render a report without them}
     */
    public static Diagnoses none() {
        return new Diagnoses(List.of(), 0);
    }

    /**
     * The diagnoses that follow from the report alone; no user code runs.
     *
     * @param report the report of a check
     * @return a diagnosis for every wrong node and every wrong edge; none when the report passed
     */
    public static Diagnoses of(GradientReport report) {
        Objects.requireNonNull(report, "the report to render must not be null; pass what GradCheck.check returned");
        return diagnose(report, null);
    }

    /**
     * The diagnoses of the report, including the fan-out ones that need {@code subject} (the
     * subject the report was made from) re-run at the report's point. The subject runs again
     * only when the report failed at a node with several consumers.
     *
     * @param report the report of a check
     * @param subject the subject that was checked, in the same state
     * @return a diagnosis for every wrong node and every wrong edge; none when the report passed
     * @throws io.github.gradcheck.model.SubjectException when the subject's code fails when run again
     */
    public static Diagnoses of(GradientReport report, Subject subject) {
        Objects.requireNonNull(report, "the report to render must not be null; pass what GradCheck.check returned");
        Objects.requireNonNull(subject, "the subject to diagnose with must not be null; pass the subject that was checked, or use Diagnoses.of(report)");
        if (report.verdict() != Verdict.FAIL || !needsContributions(report)) {
            return diagnose(report, null);
        }
        return FanOutContributions.of(report, subject).map(c -> diagnose(report, c))
                .orElseGet(() -> diagnose(report, null));
    }

    /**
     * The diagnoses of a Jacobian or Hessian check, from the report alone: how its wrong entries
     * are wrong (a flipped sign, a factor, a transpose, a missing term, a wrong row or column, a
     * few entries), and what its failed identities mean (a VJP that disagrees with the JVP, an
     * asymmetric Hessian). A Hessian's gradient check has diagnoses of its own:
     * {@code Diagnoses.of(report.gradient().get())}.
     *
     * @param report the report of a forward or second-order check
     * @return one diagnosis of the entries when some are wrong, one per kind of failed identity;
     *     none when the report passed
     * @since 0.1.0
     */
    public static Diagnoses of(JacobianReport report) {
        Objects.requireNonNull(report, "report");
        return new Diagnoses(JacobianPatterns.diagnose(report), 0);
    }

    /**
     * The diagnoses of a node-by-node forward-mode check, from the report alone: how every wrong
     * node's tangent is wrong (a flipped sign, a factor, zeros, a few elements), the origins first
     * marked as such, and how every failed edge into an origin is wrong.
     *
     * @param report the report of a tangent check
     * @return a diagnosis for every wrong node and edge; none when no tangent is wrong
     * @since 0.1.0
     */
    public static Diagnoses of(TangentReport report) {
        Objects.requireNonNull(report, "report");
        List<Diagnosis> out = new ArrayList<>();
        for (NodeReport n : report.nodes()) {
            if (n.verdict() != Verdict.FAIL) {
                continue;
            }
            boolean origin = report.blame().isOrigin(n.name());
            ElementPatterns.Statement s = ElementPatterns.diagnose(new ElementPatterns.Target("the tangent of '"
                    + n.name() + "'", new ComparedElements(n.name(), n.shape(), n.elements())), List.of());
            out.add(new Diagnosis(n.name(), Optional.empty(), s.kind(), s.sentence(), s.evidence(), origin));
            for (EdgeReport e : report.blame().edges()) {
                if (e.edge().consumer().equals(n.name()) && e.verdict() == Verdict.FAIL && !e.elements().isEmpty()) {
                    ElementPatterns.Statement es = ElementPatterns.diagnose(new ElementPatterns.Target(e.consumer()
                            + " with respect to argument " + e.edge().argument() + " ('" + e.edge().producer() + "')",
                            new ComparedElements(n.name(), n.shape(), e.elements())), List.of());
                    out.add(new Diagnosis(n.name(), Optional.of(e.edge()), es.kind(), es.sentence(), es.evidence(),
                            origin));
                }
            }
        }
        return new Diagnoses(out, 0);
    }

    /** Whether a blame origin has several consumers, whose contributions could tell an overwrite. */
    private static boolean needsContributions(GradientReport report) {
        for (NodeReport n : report.nodes()) {
            if (isOrigin(report, n.name()) && n.consumers().size() >= 2) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOrigin(GradientReport report, String node) {
        return report.blame().isOrigin(node);
    }

    /** The diagnoses, with the fan-out ones when {@code contributions} is not null. */
    private static Diagnoses diagnose(GradientReport report, FanOutContributions contributions) {
        List<Diagnosis> out = new ArrayList<>();
        for (NodeReport n : report.nodes()) {
            if (n.verdict() != Verdict.FAIL) {
                continue;
            }
            boolean origin = isOrigin(report, n.name());
            List<EdgeReport> wrongInto = report.blame().wrongEdges().stream()
                    .filter(e -> e.edge().producer().equals(n.name()) && !e.elements().isEmpty()).toList();
            Optional<ElementPatterns.Statement> fanOut = origin && contributions != null
                    ? contributions.diagnose(n) : Optional.empty();
            ElementPatterns.Statement s = n.notLinear() ? linearity(n) : fanOut.orElseGet(() -> ElementPatterns.diagnose(
                    new ElementPatterns.Target("'" + n.name() + "'", new ComparedElements(n.name(), n.shape(), n.elements())),
                    routingCandidates(report, n)));
            out.add(new Diagnosis(n.name(), Optional.empty(), s.kind(), s.sentence(), s.evidence(), origin));
            for (EdgeReport e : wrongInto) {
                out.add(diagnoseEdge(e, origin));
            }
        }
        // a broken op whose argument has no wrong row of its own (no node table, or the node passed)
        for (EdgeReport e : report.blame().wrongEdges()) {
            boolean diagnosed = report.node(e.edge().producer()).map(n -> n.verdict() == Verdict.FAIL).orElse(false);
            if (!diagnosed && !e.elements().isEmpty()) {
                out.add(diagnoseEdge(e, true));
            }
        }
        return new Diagnoses(out, contributions == null ? 0 : contributions.evaluations());
    }

    /** A claim that is not linear in the cotangent: what no element pattern can say. */
    private static ElementPatterns.Statement linearity(NodeReport n) {
        Linearity l = n.linearity().orElseThrow();
        String rule = l.through().isEmpty() ? (n.consumers().isEmpty() ? "the backward"
                : "the backward rule that maps d(" + String.join("), d(", n.consumers()) + ") to d(" + n.name() + ")")
                : "the backward of '" + l.through() + "' with respect to '" + n.name() + "'";
        String what = l.kind() == Linearity.Kind.IGNORES_UPSTREAM
                ? " ignores the gradient flowing into it (it returns the same whatever the upstream gradient is:"
                + " was the incoming gradient dropped, or overwritten instead of multiplied in?)"
                : " is not linear in the gradient flowing into it (a vector–Jacobian product must be)";
        return new ElementPatterns.Statement(l.kind() == Linearity.Kind.IGNORES_UPSTREAM
                ? DiagnosisKind.IGNORES_UPSTREAM : DiagnosisKind.NOT_LINEAR, "'" + n.name() + "': " + rule + what,
                l.describe(n.name()));
    }

    private static Diagnosis diagnoseEdge(EdgeReport e, boolean origin) {
        Edge edge = e.edge();
        String title = "the backward of " + e.consumer() + " for argument " + edge.argument() + " ('" + edge.producer()
                + "')";
        ElementPatterns.Target target = new ElementPatterns.Target(title,
                new ComparedElements(edge.producer(), e.shape(), e.elements()));
        ElementPatterns.Statement s = ElementPatterns.diagnose(target, List.of());
        return new Diagnosis(edge.producer(), Optional.of(edge), s.kind(), s.sentence(), s.evidence(), origin);
    }

    /** Nodes whose gradient a wrong node may have received by mistake: not itself, its consumers or the output. */
    private static List<ComparedElements> routingCandidates(GradientReport report, NodeReport n) {
        Set<String> excluded = new HashSet<>(n.consumers());
        excluded.add(n.name());
        List<ComparedElements> out = new ArrayList<>();
        for (NodeReport other : report.nodes()) {
            if (!excluded.contains(other.name()) && other.kind() != NodeKind.OUTPUT && other.shape().equals(n.shape())) {
                out.add(new ComparedElements(other.name(), other.shape(), other.elements()));
            }
        }
        return out;
    }

    /**
     * {@return every diagnosis: per wrong node in the report's order, each followed by the
     * diagnoses of its wrong edges}
     */
    public List<Diagnosis> all() {
        return all;
    }

    /**
     * The diagnosis of a node (not of an edge into it).
     *
     * @param node the node's name as the report prints it
     * @return its diagnosis, or empty when the node is not wrong (or has no such name)
     */
    public Optional<Diagnosis> forNode(String node) {
        return all.stream().filter(d -> d.node().equals(node) && d.edge().isEmpty()).findFirst();
    }

    /**
     * {@return the diagnoses of wrong edges, in the order of {@link #all()}; empty except for
     * graph subjects, whose ops are checked alone (every op, or with {@code GraphChecks.END_TO_END}
     * the edges into the nodes where a wrong gradient starts)}
     */
    public List<Diagnosis> forEdges() {
        return all.stream().filter(d -> d.edge().isPresent()).toList();
    }

    /**
     * The diagnoses of the wrong edges into a wrong node, which state how the node is wrong where
     * it is wrong through them: reports print those once and let the node refer to them, instead
     * of saying the same thing of the node and of its edge.
     *
     * @param diagnosis a diagnosis of this set
     * @return for a node's diagnosis, those of the wrong edges into that node, in the order of
     *     {@link #all()}; empty for an edge's diagnosis and for a node no wrong edge leads into
     * @since 0.1.0
     */
    public List<Diagnosis> statedBy(Diagnosis diagnosis) {
        Objects.requireNonNull(diagnosis, "the diagnosis must not be null; pass one of Diagnoses.all()");
        if (diagnosis.edge().isPresent()) {
            return List.of();
        }
        return all.stream().filter(d -> d.edge().isPresent() && d.node().equals(diagnosis.node())).toList();
    }

    /**
     * {@return whether nothing is diagnosed}
     */
    public boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * {@return the forward and backward evaluations of the subject spent on diagnosis; 0 for
     * diagnoses from the report alone}
     */
    public int evaluations() {
        return evaluations;
    }

    /**
     * {@return {@code Diagnoses[}, then one line per diagnosis with its kind and sentence, then {@code ]}}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Diagnoses[");
        for (Diagnosis d : all) {
            sb.append("\n  ").append(d.kind()).append(": ").append(d.sentence());
        }
        return sb.append(all.isEmpty() ? "]" : "\n]").toString();
    }
}
