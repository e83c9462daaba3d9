package io.github.gradcheck.assertj;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import java.util.ArrayList;
import java.util.List;

/** What the assertions read from a report: a node's report, and where wrong gradients start. */
final class ReportFacts {

    private ReportFacts() {
    }

    /**
     * The report of {@code node}.
     *
     * @throws IllegalArgumentException naming the subject and its checked nodes when there is none
     */
    static NodeReport nodeReport(GradientReport report, String node) {
        return report.node(node).orElseThrow(() -> new IllegalArgumentException("subject '" + report.subject()
                + "' has no checked node named '" + node + "'; its checked nodes are " + names(report)));
    }

    /** The nodes where a wrong gradient starts: the blame's origin, then its further origins. */
    static List<String> origins(GradientReport report) {
        return report.blame().origins();
    }

    private static List<String> names(GradientReport report) {
        List<String> names = new ArrayList<>();
        for (NodeReport n : report.nodes()) {
            names.add(n.name());
        }
        return names;
    }
}
