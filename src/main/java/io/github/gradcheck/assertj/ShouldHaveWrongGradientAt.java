package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.FailureMessage.firstWrongNode;
import static io.github.gradcheck.assertj.FailureMessage.inconclusiveNodes;
import static io.github.gradcheck.assertj.FailureMessage.quote;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;

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
        Verdict overall = report.verdict();
        if (overall == Verdict.PASS) {
            return "every claimed gradient is correct";
        }
        if (overall == Verdict.INCONCLUSIVE) {
            return "no gradient was found wrong (the check was inconclusive at " + inconclusiveNodes(report)
                    + "; choose another point)";
        }
        Verdict atNode = ReportFacts.nodeReport(report, node).verdict();
        if (atNode == Verdict.FAIL) {
            return "node " + quote(node) + " is wrong only as a consequence of a wrong gradient that starts at node "
                    + firstWrongNode(report);
        }
        String state = atNode == Verdict.PASS ? "is right" : "was inconclusive";
        return "node " + quote(node) + " " + state + "; the first wrong node is " + firstWrongNode(report);
    }
}
