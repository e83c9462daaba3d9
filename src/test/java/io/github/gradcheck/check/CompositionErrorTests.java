package io.github.gradcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import org.junit.jupiter.api.Test;

/**
 * Ops whose backwards are each right alone, composed wrongly. gradcheck composes a graph's backward
 * itself (it routes every contribution to its argument and sums fan-out), so the one composition
 * error a graph can hold is a use of a node that the graph does not declare: here a layer reads
 * the input another layer cached, a skip connection the stack knows nothing of. Every op check
 * passes; only the end-to-end table sees the missing path, and the report says the ops are right
 * and the composition is wrong ({@link HiddenSkip}).
 */
class CompositionErrorTests {

    static final Point POINT = Point.of("x", new double[] {0.5, -1.0, 2.0});

    @Test
    void everyOpCheckPassesAndTheEndToEndTableFindsTheMissingPath() {
        GradientReport r = GradCheck.check(HiddenSkip.subject(), POINT);

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.blame().edges()).hasSize(3).allMatch(e -> e.verdict() == Verdict.PASS);
        assertThat(r.blame().origin()).contains("x");
        assertThat(r.node("Tanh").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
        // the claim lacks the skip path: d/dx of ½Σ(tanh x + x)² is (tanh x + x)(1 − tanh² x + 1)
        ElementComparison w = r.node("x").orElseThrow().worst();
        double x = POINT.get("x").get(w.index());
        double y = Math.tanh(x) + x;
        assertThat(w.numeric()).isCloseTo(y * (2 - Math.tanh(x) * Math.tanh(x)), org.assertj.core.data.Offset.offset(1e-8));
        assertThat(w.analytic()).isCloseTo(y * (1 - Math.tanh(x) * Math.tanh(x)), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void theReportSaysTheOpsAreRightAndTheCompositionIsWrong() {
        GradientReport r = GradCheck.check(HiddenSkip.subject(), POINT);

        assertThat(r.composedWrongly()).containsExactly("x");
        assertThat(r.blame().wrongEdges()).isEmpty();
        assertThat(r.whatIsWrong()).containsExactly("the gradient of 'x' is composed wrongly: the backward of every op"
                + " that uses it is right alone (layer 'Tanh' for argument 0), yet their sum is not its gradient");
        String text = TextReport.render(r);
        assertThat(text).contains("verdict: WRONG: the gradient of 'x' is composed wrongly")
                .contains("edge:  the backward of layer 'Tanh' with respect to argument 0 ('x') is ok\n")
                .contains("yet the backward of each of them is right alone (see composition: below).")
                .contains("composition: every op that uses 'x' has a right backward alone (edge: ok), so the backward"
                        + " rules are right and their composition is wrong:")
                .doesNotContain("the backward rule that maps d(Tanh) to d(x) is broken");
        com.google.gson.JsonObject blame = com.google.gson.JsonParser.parseString(
                io.github.gradcheck.report.JsonReport.render(r)).getAsJsonObject().getAsJsonObject("blame");
        assertThat(blame.getAsJsonArray("composedWrongly").asList()).extracting(e -> e.getAsString())
                .containsExactly("x");
    }

    @Test
    void endToEndAloneSaysTheSameFromTheEdgesIntoTheOrigin() {
        GradientReport r = GradCheck.check(HiddenSkip.subject(), POINT,
                CheckOptions.defaults().withGraphChecks(GraphChecks.END_TO_END));

        assertThat(r.blame().edges()).extracting(EdgeReport::edge).containsExactly(new Edge("x", "Tanh", 0));
        assertThat(r.composedWrongly()).containsExactly("x");
    }

    @Test
    void aBrokenOpIsNotCalledACompositionError() {
        GradientReport r = GradCheck.check(io.github.gradcheck.examples.network.Networks.broken(
                io.github.gradcheck.examples.network.Networks.Bug.DENSE_MISSING_TRANSPOSE),
                io.github.gradcheck.examples.network.Networks.POINT);

        assertThat(r.composedWrongly()).isEmpty();
        assertThat(TextReport.render(r)).doesNotContain("composition:");
    }
}
