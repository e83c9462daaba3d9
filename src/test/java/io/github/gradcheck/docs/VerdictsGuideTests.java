package io.github.gradcheck.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import org.junit.jupiter.api.Test;

/** The code of docs/verdicts.md, run: each snippet is here, and what the page says it does is asserted. */
class VerdictsGuideTests {

    static final Subject RELU = FunctionSubject.of("relu",
            in -> Math.max(0, in.scalar("x")),
            (in, out, gOut) -> in.scalar("x") > 0 ? gOut.asScalar() : 0.0);

    static final Subject SQRT = FunctionSubject.of("sqrt",
            in -> Math.sqrt(in.scalar("x")),
            (in, out, gOut) -> gOut.asScalar() / (2 * Math.sqrt(in.scalar("x"))));

    static final Subject IGNORES_B = FunctionSubject.of("ignores b",
            in -> in.scalar("a") * in.scalar("a"),
            (in, out, gOut) -> new double[] {2 * in.scalar("a") * gOut.asScalar(), 0.0});

    @Test
    void aKinkIsInconclusiveNeverWrong() {
        Subject relu = RELU;

        GradientReport atTheKink = GradCheck.check(relu, Point.of("x", 0.0));
        assertThat(atTheKink.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(atTheKink.node("x").orElseThrow().worst().finding()).isEqualTo(Finding.KINK);

        assertThat(GradCheck.check(relu, Point.of("x", 0.5)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void theEdgeOfTheDomainIsInconclusive() {
        GradientReport report = GradCheck.check(SQRT, Point.of("x", 0.0));

        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(report.node("x").orElseThrow().worst().finding()).isEqualTo(Finding.DOMAIN_EDGE);
    }

    @Test
    void anInputTheOutputDoesNotDependOnNeedsAZeroGradient() {
        GradientReport report = GradCheck.check(IGNORES_B, Point.of("a", 1.5, "b", 2.0));

        assertThat(report.passed()).isTrue();
        assertThat(report.node("b").orElseThrow().independent()).isTrue();
    }

    @Test
    void readingTheVerdictsInCode() {
        GradientReport report = GradCheck.check(WorkedExample.traced(true), WorkedExample.POINT);

        Verdict verdict = report.verdict();                    // the worst of all nodes: FAIL
        double resolution = report.resolution().orElseThrow(); // 2.2e-10, as the resolution line says
        NodeReport den = report.node("den").orElseThrow();
        ElementComparison worst = den.worst();                 // its worst element, as in the table
        double claimed = worst.analytic();                     // 0.7915934472725935
        double measured = worst.numeric();                     // -0.791593447272362
        double error = worst.errorEstimate();                  // 1.1e-11

        assertThat(verdict).isEqualTo(Verdict.FAIL);
        assertThat(resolution).isBetween(2.1e-10, 2.3e-10);
        assertThat(den.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(claimed).isCloseTo(-measured, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(error).isLessThan(1e-10);
        assertThat(Math.abs(claimed - measured)).isGreaterThan(worst.tolerance());
        assertThat(report.node("num").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
    }
}
