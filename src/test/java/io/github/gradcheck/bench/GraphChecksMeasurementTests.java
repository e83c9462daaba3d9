package io.github.gradcheck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.GraphChecks;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fast subset of {@link GraphChecksMeasurement} (a few seeds per case): what the default rests on
 * holds here too, so the table in BENCHMARKS.md cannot drift from what the modes do.
 */
class GraphChecksMeasurementTests {

    @Test
    void theFindingsBehindTheDefault() {
        List<GraphChecksMeasurement.Row> rows = GraphChecksMeasurement.run(3, 0);
        for (GraphChecksMeasurement.Row r : rows) {
            GraphChecksMeasurement.Tally t = r.tally();
            String where = r.c().name() + " (" + r.mode().label() + ")";
            assertThat(t.rightOpBlamed).as("right ops called broken in %s", where).isZero();
            assertThat(t.inconclusive).as("inconclusive runs of %s", where).isZero();
            if (t.bugs == 0) {
                assertThat(t.failed).as("false failures of %s", where).isZero();
                continue;
            }
            boolean composition = r.c().name().startsWith("composition");
            boolean twoBroken = r.c().name().contains("two broken");
            if (composition && r.mode() == GraphChecks.LOCAL) {
                // the limit of the op checks alone: a composition error passes
                assertThat(t.failed).as(where).isZero();
            } else if (twoBroken && r.mode() == GraphChecks.END_TO_END) {
                // the table alone names the first broken layer and calls the second a consequence
                assertThat(t.failed).as(where).isEqualTo(t.runs);
                assertThat(t.bugsNamed).as(where).isEqualTo(t.runs);
            } else {
                assertThat(t.allNamed).as("runs of %s naming every injected bug", where).isEqualTo(t.runs);
            }
        }
        assertThat(rows).hasSize(GraphChecksMeasurement.cases().size() * GraphChecks.values().length);
    }
}
