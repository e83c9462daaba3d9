package io.github.gradcheck.assertj;

import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.report.TextReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape every gradcheck assertion message shares, in AssertJ's manner:
 *
 * <pre>
 * Expecting subject 'f' to have correct gradients at:
 *   x = 3.0, y = -4.0
 * but the backward rule that maps d(invden) to d(den) is wrong (node 'den' is the first wrong node):
 * (the per-node report)
 * </pre>
 */
final class FailureMessage {

    private FailureMessage() {
    }

    /** The message: what was expected of the subject at the report's point, why not, and the report. */
    static String of(GradientReport report, String expectation, String but) {
        return "\nExpecting subject '" + report.subject() + "' " + expectation + " at:\n  " + report.point()
                + "\nbut " + but + ":\n" + TextReport.render(report).stripTrailing();
    }

    /** {@code 'den'}, followed by the further origins when there are several independent errors. */
    static String firstWrongNode(GradientReport report) {
        List<String> origins = ReportFacts.origins(report);
        if (origins.isEmpty()) {
            return "(none)";
        }
        String first = quote(origins.get(0));
        return origins.size() == 1 ? first
                : first + " (further independent errors start at " + quoted(origins.subList(1, origins.size())) + ")";
    }

    /** The nodes whose check was inconclusive, quoted. */
    static String inconclusiveNodes(GradientReport report) {
        List<String> names = new ArrayList<>();
        for (NodeReport n : report.nodes()) {
            if (n.verdict() == Verdict.INCONCLUSIVE) {
                names.add(n.name());
            }
        }
        return (names.size() == 1 ? "node " : "nodes ") + quoted(names);
    }

    /** {@code claimed 0.79, measured -0.79 ± 5.0e-08 at den[2]}: the worst element of a node. */
    static String worstElement(NodeReport node) {
        ElementComparison w = node.worst();
        return "claimed " + Numbers.full(w.analytic()) + ", measured " + Numbers.full(w.numeric()) + " ± "
                + Numbers.scientific(w.errorEstimate()) + " at " + node.name() + w.position();
    }

    static String quote(String name) {
        return "'" + name + "'";
    }

    static String quoted(List<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            q.add(quote(n));
        }
        return String.join(", ", q);
    }
}
