package io.github.gradcheck.examples.library;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Shape;
import org.junit.jupiter.api.Test;

/** An LSTM step with two outputs, each with its own cotangent, and the report naming them. */
class LstmStepTests {

    @Test
    void theStepIsRightAndTheReportHasARowPerOutput() {
        GradientReport report = GradCheck.check(LstmStep.subject(false), LstmStep.point());

        assertThat(report).isCorrect();
        assertThat(report.nodes().get(0).name()).isEqualTo("(h, c)");
        assertThat(report.node("h").orElseThrow().shape()).isEqualTo(Shape.of(2));
        assertThat(report.node("c").orElseThrow().shape()).isEqualTo(Shape.of(2));
    }

    @Test
    void aCellGradientThatForgetsTheHiddenPathIsCaughtAtTheInputs() {
        GradientReport report = GradCheck.check(LstmStep.subject(true), LstmStep.point());

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.node("h").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.node("c").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.node("cPrev").orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void withTheFullJacobianTheReportNamesTheOutputWhosePathIsBroken() {
        GradientReport report = GradCheck.check(LstmStep.subject(true), LstmStep.point(),
                CheckOptions.defaults().withCotangents(CotangentMode.FULL_JACOBIAN));
        String text = GradCheck.describe(report);

        // only the cotangents of h reach the forgotten path: the worst element is one of h's
        assertThat(report.node("cPrev").orElseThrow().elements()).filteredOn(e -> e.verdict() == Verdict.FAIL)
                .allSatisfy(e -> assertThat(e.cotangent()).isLessThan(2));
        assertThat(text).containsPattern("cPrev +input +\\[2\\] +\\[[01]\\] of h\\[[01]\\]");
    }
}
