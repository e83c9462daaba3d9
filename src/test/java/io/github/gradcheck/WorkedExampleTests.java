package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.Subject;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The worked example of the design, with the exact numbers of its table, in all three styles. */
class WorkedExampleTests {

    static final Map<String, double[]> TABLE = Map.of(
            // node -> {forward value, gradient df/dnode}
            "sigy", new double[] {0.01798620996209156, 0.5121444488396316},
            "num", new double[] {3.0179862099620918, 0.5121444488396316},
            "sigx", new double[] {0.9525741268224334, -0.7915934472725935},
            "xpy", new double[] {-1.0, 1.583186894545187},
            "xpysqr", new double[] {1.0, -0.7915934472725935},
            "den", new double[] {1.9525741268224333, -0.7915934472725935},
            "invden", new double[] {0.5121444488396316, 3.0179862099620918},
            "f", new double[] {1.5456448841066441, 1.0},
            "x", new double[] {3, 2.0595697955721652},
            "y", new double[] {-4, 1.5922327514838093});

    static Stream<Arguments> nodeStyles() {
        return Stream.of(Arguments.of("traced", WorkedExample.traced(false), WorkedExample.traced(true)),
                Arguments.of("graph", WorkedExample.graph(false), WorkedExample.graph(true)));
    }

    static void assertRelative(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeStyles")
    void forwardValuesAndClaimedGradientsMatchTheTable(String style, Subject correct, Subject broken) {
        Trace trace = correct.forward(WorkedExample.POINT);
        Gradients g = correct.backward(trace, Value.scalar(1.0));
        assertThat(trace.names()).containsExactlyInAnyOrderElementsOf(TABLE.keySet());
        TABLE.forEach((node, row) -> {
            assertRelative(trace.node(node).value().asScalar(), row[0], style + " value of " + node);
            assertRelative(g.of(node).orElseThrow().asScalar(), row[1], style + " gradient of " + node);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeStyles")
    void correctVersionPassesAndMeasuresTheTablesGradients(String style, Subject correct, Subject broken) {
        GradientReport report = GradCheck.check(correct, WorkedExample.POINT);
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
        assertThat(report.blame().origin()).isEmpty();
        TABLE.forEach((node, row) -> assertThat(report.node(node).orElseThrow().worst().numeric())
                .as("measured gradient of " + node)
                .isCloseTo(row[1], within(1e-9 * Math.max(1, Math.abs(row[1])))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeStyles")
    void brokenInvdenIsBlamedOnDenWithAFlippedSign(String style, Subject correct, Subject broken) {
        GradientReport report = GradCheck.check(broken, WorkedExample.POINT);
        String text = TextReport.render(report);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        for (String right : new String[] {"f", "invden", "num", "sigy"}) {
            assertThat(report.node(right).orElseThrow().verdict()).as(right + "\n" + text).isEqualTo(Verdict.PASS);
        }
        Blame blame = report.blame();
        assertThat(blame.origin()).as(text).contains("den");
        assertThat(blame.otherOrigins()).isEmpty();
        assertThat(blame.consequences()).containsExactlyInAnyOrder("xpysqr", "sigx", "xpy", "x", "y");
        NodeReport den = report.node("den").orElseThrow();
        assertThat(den.consumers()).containsExactly("invden");
        assertThat(den.commonFactor()).hasValueCloseTo(-1.0, within(1e-9));
        assertThat(report.node("x").orElseThrow().worst().analytic()).isCloseTo(-1.0353, within(1e-4));
        assertThat(report.node("y").orElseThrow().worst().analytic()).isCloseTo(-1.5741, within(1e-4));
        assertThat(text).contains("'den' is the first node whose gradient is wrong",
                "consumers (invden) are right", "maps d(invden) to d(den)", "a flipped sign",
                "wrong only as a consequence");
    }

    @Test
    void graphFormNamesTheBrokenEdge() {
        GradientReport report = GradCheck.check(WorkedExample.graph(true), WorkedExample.POINT);
        assertThat(report.blame().wrongEdges()).extracting(EdgeReport::edge)
                .containsExactly(new Edge("den", "invden", 0));
        assertThat(TextReport.render(report))
                .contains("the backward of op 'invden' with respect to argument 0 ('den') is WRONG");
    }

    @Test
    void tracedStyleLearnsConsumersByPerturbation() {
        GradientReport report = GradCheck.check(WorkedExample.traced(false), WorkedExample.POINT);
        assertThat(report.node("x").orElseThrow().consumers()).containsExactlyInAnyOrder("num", "sigx", "xpy");
        assertThat(report.node("y").orElseThrow().consumers()).containsExactlyInAnyOrder("sigy", "xpy");
        assertThat(report.node("den").orElseThrow().consumers()).containsExactly("invden");
    }

    @Test
    void functionFormReportsPerInputAndBlamesBoth() {
        GradientReport report = GradCheck.check(WorkedExample.function(true), WorkedExample.POINT);
        assertThat(report.nodes()).extracting(NodeReport::name).containsExactly("output", "y", "x");
        assertThat(report.node("x").orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.node("y").orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
        GradientReport ok = GradCheck.check(WorkedExample.function(false), WorkedExample.POINT);
        assertThat(ok.passed()).as(TextReport.render(ok)).isTrue();
        assertRelative(ok.node("x").orElseThrow().worst().analytic(), TABLE.get("x")[1], "dx");
        assertRelative(ok.node("y").orElseThrow().worst().analytic(), TABLE.get("y")[1], "dy");
    }

    @Test
    void reportCountsEvaluationsAndNamesTheReplayScope() {
        GradientReport graph = GradCheck.check(WorkedExample.graph(false), WorkedExample.POINT);
        assertThat(graph.backwardEvaluations()).as("one backward, one more to check it is reentrant, one at a scaled"
                + " cotangent (linearity), one at another (the claims' rounding)").isEqualTo(4);
        assertThat(graph.forwardEvaluations()).isGreaterThan(10);
        assertThat(graph.replayScope()).contains("downstream");
        assertThat(TextReport.render(graph)).contains("cost: ", " forward, ", " backward evaluations", "seed: ");
    }
}
