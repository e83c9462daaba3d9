package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.FailureMessage.firstWrongNode;
import static io.github.gradcheck.assertj.FailureMessage.inconclusiveNodes;
import static io.github.gradcheck.assertj.FailureMessage.quote;
import static io.github.gradcheck.assertj.FailureMessage.worstElement;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;

/** The messages of assertions that expect gradients to be correct, everywhere or at one node. */
final class ShouldHaveCorrectGradients {

    private static final String CORRECT = "to have correct gradients";

    private ShouldHaveCorrectGradients() {
    }

    /** For a report that did not pass: a wrong node, or an inconclusive check. */
    static String shouldHaveCorrectGradients(GradientReport report) {
        if (report.verdict() == Verdict.INCONCLUSIVE) {
            return FailureMessage.of(report, CORRECT, "the check was inconclusive at that point: the measurement"
                    + " was too coarse to decide at " + inconclusiveNodes(report) + " and no gradient was found wrong."
                    + "\nChoose another point (or use hasNoWrongGradients() where an inconclusive point may pass)");
        }
        return FailureMessage.of(report, CORRECT, whatToFix(report));
    }

    /**
     * The broken backwards first ({@link GradientReport#whatIsWrong()}), then the first wrong node:
     * {@code the backward of layer 'Dense#2' with respect to argument 0 ('Tanh') is wrong (node 'Tanh'
     * is the first wrong node)}.
     */
    static String whatToFix(GradientReport report) {
        String node = "node " + firstWrongNode(report) + " is the first wrong node";
        java.util.List<String> fix = report.whatIsWrong();
        if (ReportFacts.origins(report).isEmpty() && !fix.isEmpty()) {
            // op checks only (GraphChecks.LOCAL): no node table, so no first wrong node to name
            return String.join("; ", fix);
        }
        return fix.isEmpty() ? node : String.join("; ", fix) + " (" + node + ")";
    }

    /** For a report with a wrong node. */
    static String shouldHaveNoWrongGradients(GradientReport report) {
        return FailureMessage.of(report, "to have no wrong gradients", whatToFix(report));
    }

    /** For a report in which {@code node} did not pass. */
    static String shouldHaveCorrectGradientAt(GradientReport report, String node) {
        NodeReport nodeReport = ReportFacts.nodeReport(report, node);
        String expectation = "to have a correct gradient at node " + quote(node);
        if (nodeReport.verdict() == Verdict.INCONCLUSIVE) {
            return FailureMessage.of(report, expectation, "the check of that node was inconclusive: the measurement"
                    + " was too coarse to decide (no wrong gradient was found there). Choose another point");
        }
        String where = ReportFacts.origins(report).contains(node)
                ? ": a wrong gradient starts there"
                : ", only as a consequence: the first wrong node is " + firstWrongNode(report);
        return FailureMessage.of(report, expectation, "it is wrong (" + worstElement(nodeReport) + ")" + where);
    }
}
