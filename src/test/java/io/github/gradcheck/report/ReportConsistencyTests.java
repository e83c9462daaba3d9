package io.github.gradcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import org.junit.jupiter.api.Test;

/** A report never contradicts itself: each edge case the issue found, as the report now reads. */
class ReportConsistencyTests {

    private final GradientChecker checker = new GradientChecker();

    @Test
    void unusedSaysTheClaimIsZeroOnlyWhenItIs() {
        // before: "unused: ... its claimed gradient is 0" next to a claimed 1e-20
        Subject tiny = FunctionSubject.of("ignores w", in -> Math.sin(in.scalar("x")),
                (in, out, g) -> new double[] {Math.cos(in.scalar("x")) * g.asScalar(), 1e-20 * g.asScalar()});
        String text = TextReport.render(checker.check(tiny, Point.of("x", 0.4, "w", 2.0)));
        assertThat(text).doesNotContain("its claimed gradient is 0")
                .contains("unused: the output does not depend on input 'w' at the steps taken")
                .contains("at most 1.0E-20, is not 0 but below what they could detect");

        Subject zero = FunctionSubject.of("ignores w", in -> Math.sin(in.scalar("x")),
                (in, out, g) -> new double[] {Math.cos(in.scalar("x")) * g.asScalar(), 0.0});
        assertThat(TextReport.render(checker.check(zero, Point.of("x", 0.4, "w", 2.0))))
                .contains("unused: the output does not depend on input 'w'; its claimed gradient is 0, as it should be");
    }

    @Test
    void theResolutionLineLeavesOutClaimsThatAreRoundingNoise() {
        // before: "resolution: a relative error of 3.4e+08 would have been detected" from a claim of 1e-17
        Subject f = FunctionSubject.of("x0² + cos(x1) at x1 = 0", in -> {
            double[] x = in.vector("x");
            return x[0] * x[0] + Math.cos(x[1]);
        }, (in, out, g) -> {
            double[] x = in.vector("x");
            return new double[] {2 * x[0] * g.asScalar(), 1e-17 * g.asScalar()};
        });
        GradientReport report = checker.check(f, Point.of("x", new double[] {0.6, 0.0}));
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.resolution().orElseThrow()).isLessThan(1e-6);
    }

    /** Two elements whose claims are {@code factor} times the truth. */
    private static Subject scaledBy(double factor) {
        return FunctionSubject.of("x0² + x1³, scaled by " + factor, in -> {
            double[] x = in.vector("x");
            return x[0] * x[0] + x[1] * x[1] * x[1];
        }, (in, out, g) -> {
            double[] x = in.vector("x");
            return new double[] {factor * 2 * x[0] * g.asScalar(), factor * 3 * x[1] * x[1] * g.asScalar()};
        });
    }

    private static final Point X = Point.of("x", new double[] {0.6, -1.3});

    @Test
    void aHugeFactorIsWrittenAsItIsAndNotCalledSimple() {
        // before: "analytic = 9223372036854775807 × numeric" (a long overflow) in the table and the blame
        GradientReport report = checker.check(scaledBy(1e20), X);
        String text = TextReport.render(report, Diagnoses.of(report));
        assertThat(text).doesNotContain("9223372036854775807").contains("analytic = 1e20 × numeric");
        assertThat(text).doesNotContain("WRONG (2 of 2 wrong, analytic = 1e20");
    }

    @Test
    void aClaimWrongByLessThanAMillionthHasNoFactorOfOne() {
        // before: "WRONG (..., analytic = 1 × numeric)"
        GradientReport report = checker.check(scaledBy(1 + 1e-7), X);
        String text = TextReport.render(report, Diagnoses.of(report));
        assertThat(text).contains("WRONG (2 of 2 wrong, 1 confirmed)").doesNotContain("analytic = 1 × numeric")
                .contains("analytic = 1.0000001 × numeric at every compared element");
        assertThat(new io.github.gradcheck.check.Factor(1.0000004714275383, false).decimal()).isEqualTo("1.00000047");
    }

    @Test
    void minusOneHalfIsAFlippedSignAndAMissingFactorOfTwo() {
        // before: "missing a factor of -2"
        String text = TextReport.render(checker.check(scaledBy(-0.5), X));
        assertThat(text).contains("analytic = -0.5 × numeric (a flipped sign and missing a factor of 2)")
                .doesNotContain("factor of -2");
    }

    @Test
    void fastModeDiagnosesSpeakOfTheComparedElementsOnly() {
        // before: "only 72 of 1280 elements of 'W' are wrong ... the other elements agree" when 72 were compared
        Subject doubled = FunctionSubject.of("Σ sin(W), every other gradient doubled", in -> {
            double s = 0;
            for (double w : in.vector("W")) {
                s += Math.sin(w);
            }
            return s;
        }, (in, out, g) -> {
            double[] w = in.vector("W");
            double[] d = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                d[i] = (i % 2 == 0 ? 2 : 1) * Math.cos(w[i]) * g.asScalar();
            }
            return d;
        });
        double[] w = new double[1280];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.sin(0.37 * i);
        }
        GradientReport report = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FAST))
                .check(doubled, Point.of("W", w));
        String sentence = Diagnoses.of(report).forNode("W").orElseThrow().sentence();
        assertThat(sentence).containsPattern("only \\d+ of \\d+ compared elements \\(of 1280\\) of 'W' are wrong")
                .doesNotContain("of 1280 elements");
        assertThat(Diagnoses.of(report).forNode("W").orElseThrow().evidence())
                .startsWith("the other compared elements agree");
    }
}
