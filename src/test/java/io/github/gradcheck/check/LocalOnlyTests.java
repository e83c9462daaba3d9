package io.github.gradcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.assertj.GradientAssertions;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.examples.network.Networks;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.HtmlReport;
import io.github.gradcheck.report.JsonReport;
import io.github.gradcheck.report.TextReport;
import org.junit.jupiter.api.Test;

/**
 * {@link GraphChecks#LOCAL}: the op checks alone, no end-to-end table. The verdict, what to fix and
 * the diagnoses rest on the op checks; a pass says the ops are right alone, and the limit (a
 * composition error passes) is stated in the report.
 */
class LocalOnlyTests {

    static final CheckOptions LOCAL = CheckOptions.defaults().withGraphChecks(GraphChecks.LOCAL);

    @Test
    void twoBrokenLayersAreNamedWithoutTheTableAndForTheSameSingleOpEvaluations() {
        GradientReport local = GradCheck.check(Networks.broken(Networks.Bug.TWO_BROKEN_LAYERS), Networks.POINT, LOCAL);
        GradientReport both = GradCheck.check(Networks.broken(Networks.Bug.TWO_BROKEN_LAYERS), Networks.POINT);

        assertThat(local.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(local.nodes()).isEmpty();
        assertThat(local.blame().origin()).isEmpty();
        assertThat(local.whatIsWrong()).isEqualTo(both.whatIsWrong());
        assertThat(local.blame().wrongEdges()).extracting(EdgeReport::edge).containsExactly(
                new Edge("Dense#2", "SoftmaxCrossEntropy", 0), new Edge("Tanh", "Dense#2", 0));
        // the forwards are the point's own (twice, for determinism); no replay at all
        assertThat(local.forwardEvaluations()).isEqualTo(2);
        assertThat(local.localEvaluations()).isEqualTo(both.localEvaluations());
        assertThat(local.complete()).isTrue();
        assertThat(local.resolution()).isPresent();
    }

    @Test
    void theDiagnosesAreThoseOfTheBrokenOps() {
        GradientReport r = GradCheck.check(WorkedExample.graph(true), WorkedExample.POINT, LOCAL);
        Diagnoses d = Diagnoses.of(r);

        assertThat(d.all()).hasSize(1);
        assertThat(d.forEdges()).singleElement().satisfies(x -> {
            assertThat(x.edge()).contains(new Edge("den", "invden", 0));
            assertThat(x.kind()).isEqualTo(DiagnosisKind.WRONG_SIGN);
        });
    }

    @Test
    void theTextReportIsATableOfOpChecksWithWhatToFixAndWhatWasNotMeasured() {
        String text = TextReport.render(GradCheck.check(Networks.broken(Networks.Bug.TWO_BROKEN_LAYERS),
                Networks.POINT, LOCAL));

        assertThat(text).contains("verdict: WRONG: the backward of layer 'SoftmaxCrossEntropy' with respect to argument 0"
                        + " ('Dense#2') is wrong (and 1 more below)\n")
                .containsPattern("\nop +argument +shape +at +analytic +numeric +abs err +rel err +verdict\n")
                .containsPattern("\nlayer 'Dense#2' +0 \\('Tanh'\\) +\\[3\\] .* WRONG \\(3 of 3 wrong\\)\n")
                .contains("fix:   the backward of layer 'Dense#2' with respect to argument 0 ('Tanh') is wrong\n")
                .contains("diagnosis: the backward of layer 'Dense#2' for argument 0 ('Tanh') is wrong")
                .contains("note: GraphChecks.LOCAL: every op's backward was checked alone; the end-to-end gradients of"
                        + " the nodes were not measured")
                .contains("each op check evaluated its op alone")
                .doesNotContain("blame:").doesNotContain("forward evaluations by node");
    }

    @Test
    void aPassSaysTheOpsAreRightNotTheGradients() {
        GradientReport r = GradCheck.check(Networks.correct(), Networks.POINT, LOCAL);

        assertThat(r.passed()).isTrue();
        assertThat(TextReport.render(r)).contains("verdict: ok: every op's backward matches the op alone, with respect"
                + " to every argument (the end-to-end gradients were not measured: GraphChecks.LOCAL)");
        assertThat(HtmlReport.render(r)).contains("every op&#39;s backward matches the op alone")
                .contains("<section id=\"op-checks\">").doesNotContain("<section id=\"graph\">")
                .doesNotContain("<h2>Worst element of each node</h2>");
    }

    @Test
    void aCompositionErrorPassesAsTheLimitOfLocalChecksAndTheReportSaysWhy() {
        Point at = Point.of("x", new double[] {0.5, -1.0, 2.0});
        GradientReport local = GradCheck.check(HiddenSkip.subject(), at, LOCAL);

        // the limit, measured: the table finds it (CompositionErrorTests), the op checks cannot
        assertThat(local.passed()).isTrue();
        assertThat(local.notes()).anyMatch(n -> n.contains("an error in how the ops are composed"));
        assertThat(GradCheck.check(HiddenSkip.subject(), at).passed()).isFalse();
    }

    @Test
    void subjectsThatComposeTheirBackwardAreCheckedEndToEndWhateverTheOption() {
        GradientReport r = GradCheck.check(WorkedExample.traced(true), WorkedExample.POINT, LOCAL);

        assertThat(r.nodes()).isNotEmpty();
        assertThat(r.blame().origin()).contains("den");
        assertThat(r.notes()).noneMatch(n -> n.contains("GraphChecks.LOCAL"));
    }

    @Test
    void theJsonHasTheOpChecksAndNoNodes() {
        JsonObject json = JsonParser.parseString(JsonReport.render(GradCheck.check(WorkedExample.graph(true),
                WorkedExample.POINT, LOCAL))).getAsJsonObject();

        assertThat(json.getAsJsonArray("nodes")).isEmpty();
        assertThat(json.getAsJsonArray("opChecks")).hasSize(12);
        assertThat(json.getAsJsonObject("options").get("graphChecks").getAsString()).isEqualTo("LOCAL");
        assertThat(json.get("verdict").getAsString()).isEqualTo("FAIL");
    }

    @Test
    void assertjNamesTheBrokenOpWithoutAFirstWrongNode() {
        assertThatThrownBy(() -> GradientAssertions.assertThat(Networks.broken(Networks.Bug.DENSE_MISSING_TRANSPOSE))
                .withOptions(LOCAL).at(Networks.POINT).hasCorrectGradients())
                .hasMessageContaining("but the backward of layer 'Dense#2' with respect to argument 0 ('Tanh') is wrong:")
                .hasMessageNotContaining("(none)");
    }
}
