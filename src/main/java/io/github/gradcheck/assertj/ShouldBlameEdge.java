package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.FailureMessage.quote;

import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.GradientReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The message of the assertion that a consumer's backward with respect to a producer is blamed. */
final class ShouldBlameEdge {

    private ShouldBlameEdge() {
    }

    /** The report of the edge from {@code producer} into {@code consumer}, if the blame checked it. */
    static Optional<EdgeReport> edgeReport(GradientReport report, String producer, String consumer) {
        return report.blame().edges().stream()
                .filter(e -> e.edge().producer().equals(producer) && e.edge().consumer().equals(consumer))
                .findFirst();
    }

    /** For a report whose blame does not find the edge from {@code producer} into {@code consumer} wrong. */
    static String shouldBlameEdge(GradientReport report, String producer, String consumer) {
        String expectation = "to have a wrong backward of " + quote(consumer) + " with respect to " + quote(producer);
        Optional<EdgeReport> edge = edgeReport(report, producer, consumer);
        String but;
        if (edge.isPresent()) {
            but = "the local check of that edge is " + edge.get().verdict().label();
        } else if (report.blame().edges().isEmpty()) {
            but = "the blame checked no edges (edges are checked for graph subjects, into the nodes where a wrong"
                    + " gradient starts)";
        } else {
            List<String> checked = new ArrayList<>();
            for (EdgeReport e : report.blame().edges()) {
                checked.add(e.edge() + ": " + e.verdict().label());
            }
            but = "the blame checked no such edge; it checked " + String.join(", ", checked);
        }
        return FailureMessage.of(report, expectation, but);
    }
}
