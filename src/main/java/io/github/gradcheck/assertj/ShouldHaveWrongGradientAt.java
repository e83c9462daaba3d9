package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.FailureMessage.firstWrongNode;
import static io.github.gradcheck.assertj.FailureMessage.inconclusiveNodes;
import static io.github.gradcheck.assertj.FailureMessage.quote;

import io.github.gradcheck.check.GradientReport;

/** The message of assertions that expect a wrong gradient to start at a given node. */
final class ShouldHaveWrongGradientAt {

    private ShouldHaveWrongGradientAt() {
    }

    /** For a report where no wrong gradient starts at {@code node}. */
    static String shouldHaveWrongGradientAt(GradientReport report, String node) {
        String expectation = "to have a wrong gradient starting at node " + quote(node);
        return FailureMessage.of(report, expectation, why(report, node));
    }

    private static String why(GradientReport report, String node) {
        return switch (report.verdict()) {
            case PASS -> "every claimed gradient is correct";
            case INCONCLUSIVE -> "no gradient was found wrong (the check was inconclusive at " + inconclusiveNodes(report)
                    + "; choose another point)";
            case FAIL -> switch (ReportFacts.nodeReport(report, node).verdict()) {
                case FAIL -> "node " + quote(node) + " is wrong only as a consequence of a wrong gradient that starts"
                        + " at node " + firstWrongNode(report);
                case PASS -> "node " + quote(node) + " is right; the first wrong node is " + firstWrongNode(report);
                case INCONCLUSIVE -> "node " + quote(node) + " was inconclusive; the first wrong node is "
                        + firstWrongNode(report);
            };
        };
    }
}
