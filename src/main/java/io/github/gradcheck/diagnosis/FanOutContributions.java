package io.github.gradcheck.diagnosis;

import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.internal.engine.Engine;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.subject.Subject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Measures what each consumer of a wrong fan-out node contributes to its gradient, by
 * re-running the forward with the other consumers held at their cached values, and compares
 * the claim with each contribution alone (an overwrite instead of a sum) and, for three or
 * more consumers, with the sum of all but one (a dropped contribution). The comparison is
 * the engine's own check of the claim against that contribution, so it uses the same
 * tolerances as the report.
 */
final class FanOutContributions {

    private final GradientReport report;
    private final Subject subject;
    private final Trace trace;
    private int evaluations;

    private FanOutContributions(GradientReport report, Subject subject, Trace trace) {
        this.report = report;
        this.subject = subject;
        this.trace = trace;
    }

    /**
     * The contributions to the nodes of {@code report}, measured on {@code subject} at its point,
     * or empty when the subject cannot hold nodes (only traced code can).
     */
    static Optional<FanOutContributions> of(GradientReport report, Subject subject) {
        Trace trace = subject.forward(report.point());
        Optional<Trace> held = subject.replayHolding(trace, trace.output().name(), trace.output().value(), Set.of());
        FanOutContributions contributions = new FanOutContributions(report, subject, trace);
        contributions.evaluations = held.isPresent() ? 2 : 1;
        return held.isPresent() ? Optional.of(contributions) : Optional.empty();
    }

    int evaluations() {
        return evaluations;
    }

    /** The fan-out diagnosis of a wrong node with at least two consumers, if one holds. */
    Optional<ElementPatterns.Statement> diagnose(NodeReport node) {
        List<String> consumers = node.consumers();
        if (consumers.size() < 2 || node.verdict() != Verdict.FAIL || !trace.has(node.name())) {
            return Optional.empty();
        }
        for (String alone : consumers) {
            Set<String> held = new LinkedHashSet<>(consumers);
            held.remove(alone);
            Optional<NodeReport> match = matching(node, held, "through '" + alone + "' alone");
            if (match.isPresent()) {
                List<String> missing = new ArrayList<>(held);
                return Optional.of(new ElementPatterns.Statement(DiagnosisKind.FAN_OUT_OVERWRITE,
                        "'" + node.name() + "' feeds " + String.join(", ", consumers) + ", but its claimed gradient equals"
                        + " the contribution through '" + alone + "' alone: the backward overwrote d(" + node.name()
                        + ") instead of adding to it (missing the contribution through " + String.join(", ", missing) + ")",
                        evidence(node, match.get(), "through '" + alone + "' alone")));
            }
        }
        if (consumers.size() >= 3) {
            for (String dropped : consumers) {
                Optional<NodeReport> match = matching(node, Set.of(dropped), "without '" + dropped + "'");
                if (match.isPresent()) {
                    return Optional.of(new ElementPatterns.Statement(DiagnosisKind.FAN_OUT_MISSING_CONTRIBUTION,
                            "'" + node.name() + "' feeds " + String.join(", ", consumers) + ", but its claimed gradient"
                            + " lacks the contribution through '" + dropped + "': the other contributions are summed,"
                            + " that one is never added", evidence(node, match.get(), "through all but '" + dropped + "'")));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The node's claim compared with the contribution with {@code held} held (a check of the
     * claim against it), when they agree everywhere.
     */
    private Optional<NodeReport> matching(NodeReport node, Set<String> held, String label) {
        HeldSubject view = new HeldSubject(subject, trace, node.name(), held, label);
        try {
            GradientReport partial = new Engine(report.options().withoutDoubleReference()).check(view, report.point());
            Optional<NodeReport> compared = partial.node(node.name());
            if (compared.isPresent() && compared.get().verdict() == Verdict.PASS
                    && compared.get().elements().stream().anyMatch(ComparedElements::measurablyNonZero)) {
                return compared;
            }
            return Optional.empty();
        } catch (SubjectException e) {
            return Optional.empty();
        } finally {
            evaluations += view.evaluations();
        }
    }

    private static String evidence(NodeReport original, NodeReport compared, String what) {
        ComparedElements c = new ComparedElements(compared.name(), compared.shape(), compared.elements());
        ElementComparison e = compared.worst();
        ElementComparison total = new ComparedElements(original.name(), original.shape(), original.elements())
                .at(e.index(), e.cotangent());
        int n = ComparedElements.indices(compared.elements()).size();
        return "the claim agrees with the contribution " + what + " within tolerance at "
                + (n == 1 ? "the only element" : "all " + n + " elements") + "; at " + c.where(e) + ": claimed "
                + Numbers.full(e.analytic()) + ", contribution " + Numbers.full(e.numeric()) + " ± "
                + Numbers.scientific(e.errorEstimate())
                + (total == null ? "" : ", whole gradient " + Numbers.full(total.numeric()));
    }
}
