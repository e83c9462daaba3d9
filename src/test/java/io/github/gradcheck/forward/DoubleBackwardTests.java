package io.github.gradcheck.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import io.github.gradcheck.examples.forward.TanhDoubleBackward;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.DoubleBackward;
import io.github.gradcheck.subject.Op;
import org.junit.jupiter.api.Test;

/** The backward of a backward, checked as a subject of its own (gradgradcheck). */
class DoubleBackwardTests {

    @Test
    void aRightDoubleBackwardPasses() {
        GradientReport first = GradCheck.check(TanhDoubleBackward.subject(false).firstOrder(),
                Point.of("x", new double[] {0.3, -1.1, 0.7}));
        assertThat(first.passed()).isTrue();
        GradientReport second = GradCheck.check(TanhDoubleBackward.subject(false), TanhDoubleBackward.POINT);
        assertThat(second.verdict()).as(TextReport.render(second)).isEqualTo(Verdict.PASS);
        assertThat(second.nodes()).extracting(n -> n.name()).containsExactly("backward", "gradOutput", "x");
    }

    @Test
    void aDoubleBackwardThatTreatsTheOutputAsConstantIsBlamedOnTheInput() {
        // the first-order backward is right; only the second order is wrong
        assertThat(GradCheck.check(TanhDoubleBackward.subject(true).firstOrder(),
                Point.of("x", new double[] {0.3, -1.1, 0.7})).passed()).isTrue();
        GradientReport r = GradCheck.check(TanhDoubleBackward.subject(true), TanhDoubleBackward.POINT);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.blame().origin()).contains("x");
        assertThat(r.node(DoubleBackward.GRAD_OUTPUT).orElseThrow().verdict()).isEqualTo(Verdict.PASS);
        assertThat(Diagnoses.of(r).forNode("x").orElseThrow().kind()).isEqualTo(DiagnosisKind.ZERO_WHERE_NONZERO);
    }

    @Test
    void anOpOfTwoArgumentsHasItsGradientsFlattenedAndItsCotangentSplit() {
        // y = a·b (scalars); backward (g·b, g·a); double backward for w = (wa, wb): d/da = g·wb, d/db = g·wa,
        // d/dg = b·wa + a·wb
        Op mul = Op.of(in -> in.scalar(0) * in.scalar(1), (in, out, g) -> new double[] {g.asScalar() * in.scalar(1),
            g.asScalar() * in.scalar(0)});
        DoubleBackward mul2 = DoubleBackward.of("mul", mul, (in, out, g, w) -> new Object[] {
            g.asScalar() * w.scalar("b"), g.asScalar() * w.scalar("a"),
            in.scalar("b") * w.scalar("a") + in.scalar("a") * w.scalar("b")});
        GradientReport r = GradCheck.check(mul2, Point.of("a", 0.7, "b", -1.3, DoubleBackward.GRAD_OUTPUT, 0.9));
        assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
        assertThat(r.node(DoubleBackward.OUTPUT).orElseThrow().shape().toString()).isEqualTo("[2]");
    }

    @Test
    void aPointWithoutTheOutputGradientIsAnErrorThatSaysWhatToAdd() {
        assertThatThrownBy(() -> GradCheck.check(TanhDoubleBackward.subject(false), Point.of("x", new double[] {1, 2,
            3}))).isInstanceOf(SubjectException.class).hasMessageContaining("the point has no input 'gradOutput'");
        assertThatThrownBy(() -> GradCheck.check(TanhDoubleBackward.subject(false), Point.of("x", new double[] {1, 2,
            3}, DoubleBackward.GRAD_OUTPUT, 1.0))).isInstanceOf(SubjectException.class)
                .hasMessageContaining("'gradOutput' has shape scalar but the op's output has shape [3]");
    }
}
