package io.github.gradcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.examples.network.SoftmaxCrossEntropy;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * No element is WRONG on the word of one family of steps: each observation of the issue, a
 * correct subject that failed before (aliasing, features far below the scale of x, doubles far
 * from zero, noise above the type's rounding), and a wrong claim that is still caught.
 */
class ConfirmationTests {

    private final GradientChecker checker = new GradientChecker();

    /** f(x) with the claimed derivative {@code claim(x)}, multiplied by the cotangent. */
    private static Subject of(String name, DoubleUnaryOperator f, DoubleUnaryOperator claim) {
        return FunctionSubject.of(name, in -> f.applyAsDouble(in.scalar("x")),
                (in, out, g) -> claim.applyAsDouble(in.scalar("x")) * g.asScalar());
    }

    private Verdict verdict(Subject s, double x) {
        return checker.check(s, Point.of("x", x)).verdict();
    }

    // ---- one family of steps aliases -----------------------------------------------------------

    private static final DoubleUnaryOperator COS256 = x -> Math.cos(256 * Math.PI * x);
    private static final DoubleUnaryOperator COS256_DERIVATIVE = x -> -256 * Math.PI * Math.sin(256 * Math.PI * x);

    @Test
    void aPowerOfTwoPeriodNoLongerFailsTheRightClaim() {
        // before: every power-of-two step of 2^-7 and up is a whole number of periods, all agree on 0: WRONG
        assertThat(verdict(of("cos(256πx)", COS256, COS256_DERIVATIVE), 0.3)).isEqualTo(Verdict.PASS);
    }

    @Test
    void aClaimThatAgreesWithTheAliasedMeasurementIsStillWrong() {
        // the robust estimate's ladders alias to 0; the screen's smaller steps do not, and the confirmation decides
        GradientReport report = checker.check(of("cos(256πx), claimed 0", COS256, x -> 0), Point.of("x", 0.3));
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.FAIL);
        assertThat(report.node("x").orElseThrow().worst().numeric())
                .isCloseTo(COS256_DERIVATIVE.applyAsDouble(0.3), org.assertj.core.data.Percentage.withPercentage(1e-4));
    }

    @Test
    void positionalEncodingsAreNeverWrongAndWrongClaimsAreCaught() {
        DoubleUnaryOperator f = x -> {
            double s = 0;
            for (int k = 0; k < 12; k++) {
                s += Math.sin(Math.scalb(Math.PI, k) * x);
            }
            return s;
        };
        DoubleUnaryOperator df = x -> {
            double s = 0;
            for (int k = 0; k < 12; k++) {
                s += Math.scalb(Math.PI, k) * Math.cos(Math.scalb(Math.PI, k) * x);
            }
            return s;
        };
        SplittableRandom r = new SplittableRandom(3);
        int caught = 0;
        for (int i = 0; i < 25; i++) {
            double x = r.nextDouble();
            assertThat(verdict(of("Σ sin(2^k·π·x)", f, df), x)).as("x = %s", x).isNotEqualTo(Verdict.FAIL);
            caught += verdict(of("Σ sin(2^k·π·x), 1e-6 off", f, t -> df.applyAsDouble(t) * (1 + 1e-6)), x)
                    == Verdict.FAIL ? 1 : 0;
        }
        assertThat(caught).isGreaterThanOrEqualTo(24);
    }

    // ---- features far below the scale of x ---------------------------------------------------------

    @Test
    void featuresFarBelowTheScaleOfXAreResolvedNotFailed() {
        // before, each failed the right claim: "claimed -1.0E12, measured 320.0 ± 2.0e+04" for 1/x at 1e-6
        assertThat(verdict(of("1/x", x -> 1 / x, x -> -1 / (x * x)), 1e-6)).isEqualTo(Verdict.PASS);
        assertThat(verdict(of("1/x, 1e-3 off", x -> 1 / x, x -> -1.001 / (x * x)), 1e-6)).isEqualTo(Verdict.FAIL);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 10; i++) {
            double x = r.nextDouble(-1, 1);
            assertThat(verdict(of("sin(1e6·x)", t -> Math.sin(1e6 * t), t -> 1e6 * Math.cos(1e6 * t)), x))
                    .as("sin(1e6·x) at %s", x).isNotEqualTo(Verdict.FAIL);
            double c = 0.4;
            double bx = c + r.nextDouble(-2e-4, 2e-4);
            assertThat(verdict(of("x + bump of width 1e-4", t -> t + Math.exp(-Math.pow((t - c) / 1e-4, 2)),
                    t -> 1 - 2 * (t - c) / 1e-8 * Math.exp(-Math.pow((t - c) / 1e-4, 2))), bx))
                    .as("bump at %s", bx).isNotEqualTo(Verdict.FAIL);
            double tx = Math.PI / 2 - Math.exp(r.nextDouble(Math.log(1e-6), Math.log(1e-4)));
            assertThat(verdict(of("tan near its pole", Math::tan, t -> 1 / (Math.cos(t) * Math.cos(t))), tx))
                    .as("tan at %s", tx).isNotEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void aDoubleFarFromZeroIsInconclusiveNotWrong() {
        // neighbouring doubles near -1e300 are further apart than sin's period
        GradientReport report = checker.check(of("sin", Math::sin, Math::cos), Point.of("x", -1e300));
        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(report.node("x").orElseThrow().worst().finding()).isIn(Finding.UNRESOLVED, Finding.NOISE,
                Finding.UNCONFIRMED);
    }

    // ---- noise above the type's rounding ---------------------------------------------------------------

    /** sin(x)·x + exp(x/3), double-typed but each intermediate rounded to float. */
    private static double partlyFloat(double x) {
        float s = (float) Math.sin(x);
        float p = s * (float) x;
        float e = (float) Math.exp(x / 3);
        return (double) (p + e);
    }

    private static double partlyFloatDerivative(double x) {
        return Math.cos(x) * x + Math.sin(x) + Math.exp(x / 3) / 3;
    }

    @Test
    void aDoubleComputedPartlyInFloatIsNeverWrongAndLargeBugsAreCaught() {
        // the "measured 28.5465648 ± 2.9e-11" where the true error is 1e-5; the floors now rest on
        // the measured noise
        SplittableRandom r = new SplittableRandom(11);
        int caught = 0;
        for (int i = 0; i < 30; i++) {
            double x = r.nextDouble(-3, 3);
            assertThat(verdict(of("partly float", ConfirmationTests::partlyFloat,
                    ConfirmationTests::partlyFloatDerivative), x)).as("x = %s", x).isNotEqualTo(Verdict.FAIL);
            caught += verdict(of("partly float, 1e-1 off", ConfirmationTests::partlyFloat,
                    t -> 1.1 * partlyFloatDerivative(t)), x) == Verdict.FAIL ? 1 : 0;
        }
        assertThat(caught).isGreaterThanOrEqualTo(29);
    }

    /** sin interpolated linearly between float entries every 2^-20: exactly linear below, noisy at the steps. */
    private static double table(double x) {
        double t = x / 0x1p-20;
        double i = Math.floor(t);
        double a = (float) Math.sin(i * 0x1p-20);
        double b = (float) Math.sin((i + 1) * 0x1p-20);
        return a + (t - i) * (b - a);
    }

    @Test
    void anInterpolatedTableOfFloatsIsNeverWrong() {
        // before: 12 of these 30 points failed the right claim (the floors assumed double rounding)
        SplittableRandom r = new SplittableRandom(19);
        for (int i = 0; i < 30; i++) {
            double x = r.nextDouble(0.1, 3);
            GradientReport report = checker.check(of("float table", ConfirmationTests::table, Math::cos), Point.of("x", x));
            assertThat(report.verdict()).as(TextReport.render(report)).isNotEqualTo(Verdict.FAIL);
        }
        assertThat(verdict(of("float table, 10% off", ConfirmationTests::table, t -> 1.1 * Math.cos(t)), 1.1))
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void theReportSaysWhatNoiseWasMeasuredAndThatTheResolutionRestsOnIt() {
        GradientReport report = checker.check(of("partly float, 1e-1 off", ConfirmationTests::partlyFloat,
                t -> 1.1 * partlyFloatDerivative(t)), Point.of("x", 1.3));
        ElementComparison x = report.node("x").orElseThrow().worst();
        assertThat(x.noise()).hasValueSatisfying(n -> {
            assertThat(n.aboveRounding()).isTrue();
            assertThat(n.relative()).isBetween(1e-9, 1e-6);
        });
        assertThat(TextReport.render(report)).containsPattern("noise: about \\de-\\d of \\|f\\| at x, measured from \\d+"
                + " evaluations").contains("would have been detected, given the measured noise");

        // where the first family of steps passes, nothing more is measured and nothing is said
        GradientReport clean = checker.check(of("sin", Math::sin, Math::cos), Point.of("x", 1.3));
        assertThat(TextReport.render(clean)).doesNotContain("noise:");
    }

    @Test
    void aFloatNodeInsideDoubleTracedCodeIsNeverWrong() {
        // before: "x: claimed 1.2747, measured 1.2736 ± 2.4e-10"
        Subject traced = TracedSubject.of("float node in double code", t -> {
            double x = t.scalar("x");
            double s = t.node("s", (double) (float) Math.sin(x));
            t.output("f", s * x + x * x);
        }, t -> {
            double x = t.scalar("x");
            double g = t.seed();
            t.grad("s", x * g);
            t.grad("x", (Math.cos(x) * x + Math.sin(x) + 2 * x) * g);
        });
        SplittableRandom r = new SplittableRandom(13);
        for (int i = 0; i < 20; i++) {
            double x = r.nextDouble(-3, 3);
            GradientReport report = checker.check(traced, Point.of("x", x));
            assertThat(report.verdict()).as(TextReport.render(report)).isNotEqualTo(Verdict.FAIL);
        }
    }

    /** s = float(sin x) per element in double code; f = Σ s·x + x², output [f, 0.7·f]. */
    static Subject floatNodes(double bug) {
        return FloatNodeInDoubleCode.subject("float nodes in double code", 1, bug);
    }

    @Test
    void aFloatNodeIsAStaircaseThatStepsBelowItsTreadsDoNotSee() {
        // before: these points failed the right claim — steps smaller than the treads of s = float(sin x)
        // measured the derivative without the path through s, and the noise, measured again at a finer spacing
        // because the two tables of ECnoise (which share points) each showed the sawtooth as a single jump in
        // slope, read as double rounding. A third table at an incommensurate spacing sees the sawtooth as noise.
        double[][] points = {{-0.679391724096396, 1.513842095029343, -1.6037450059352292},
            {0.4259468485931448, 1.7959235727787206, 1.0759003562848104},
            {-1.4952203245934308, 0.6043574248456922, 2.5666163179655763},
            {2.7830881153318403, 1.026090211855248, -0.0270015129560921}};
        for (double[] x : points) {
            GradientReport report = checker.check(floatNodes(0), Point.of("x", x));
            assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
            // measured, not assumed: the resolution stays that of the measured noise (~1e-8 of |f|), not float's,
            // so that a bug of 1e-4 is caught (with float rounding assumed for every evaluation, none was)
            GradientReport wrong = checker.check(floatNodes(1e-4), Point.of("x", x));
            assertThat(wrong.verdict()).as(TextReport.render(wrong)).isEqualTo(Verdict.FAIL);
            assertThat(wrong.blame().origin()).contains("x");
        }
    }

    @Test
    void theSoftmaxCrossEntropyAUserFoundWrongIsRight() {
        // before: WRONG at x[0], claimed 1.52292742192423E-8 (right to 16 digits), measured
        // 1.522928537232193E-8 ± 2.1e-16: the floor came from the loss (1.5e-8), the noise from log(Σ) ≈ 1
        Subject loss = Sequential.of("softmax cross-entropy", new SoftmaxCrossEntropy(2));
        GradientReport report = checker.check(loss, Point.of("x", new double[] {-8.0, 0.019884, 10.0}));
        assertThat(report.verdict()).as(TextReport.render(report)).isNotEqualTo(Verdict.FAIL);

        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 60; i++) {
            double[] z = {r.nextDouble(-10, 10), r.nextDouble(-10, 10), r.nextDouble(-10, 10)};
            GradientReport at = checker.check(loss, Point.of("x", z));
            assertThat(at.verdict()).as(TextReport.render(at)).isNotEqualTo(Verdict.FAIL);
        }
    }

    // ---- what the confirmation measures, and what it leaves out ------------------------------------

    private static double smoothedAbs(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.sqrt(v * v + 1e-8);
        }
        return s;
    }

    private static Subject smoothedAbs(double bugAtOne) {
        return FunctionSubject.of("smoothed abs", in -> smoothedAbs(in.vector("x")), (in, out, g) -> {
            double[] x = in.vector("x");
            double[] claim = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                claim[i] = x[i] / Math.sqrt(x[i] * x[i] + 1e-8) * g.asScalar();
            }
            claim[Math.min(1, x.length - 1)] *= 1 + bugAtOne;
            return claim;
        });
    }

    @Test
    void aLadderThatAgreesOnlyThroughItsOwnWideErrorDoesNotStandInForTheSecond() {
        // the first incommensurate ladder measured 1.44112 ± 1.6e-4 against the first family's 1.44095173762 ±
        // 4e-12: consistent, but only through its own error, which widened the first's to 2e-6 and passed a bug of
        // 1e-6; the second ladder (1.4409517256) keeps the first value's precision, and the bug fails
        double[] x = {-2.337957149015687E-6, -1.0389281014151503E-4, 8.998181715702412E-4};
        GradientReport report = checker.check(smoothedAbs(1e-6), Point.of("x", x));
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.FAIL);
        assertThat(report.node("x").orElseThrow().worst().index()).isEqualTo(1);
        assertThat(checker.check(smoothedAbs(0), Point.of("x", x)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aScreenThatCrossesACurvatureFarBelowTheScaleOfXPassesAtASmallerStep() {
        // sqrt(x² + 1e-8) bends on a scale of 1e-4, its screen's first stencil reaches 4·2^-12: truncation, not
        // rounding, keeps it from a clear pass, and a screen 64² times finer passes clearly (three screens, 18
        // evaluations); before, the screen was widened (which only measures the truncation again) and the robust
        // estimate measured the element: 52 evaluations
        GradientReport report = checker.check(smoothedAbs(0), Point.of("x", new double[] {2e-4}));
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
        assertThat(report.forwardEvaluations()).as(TextReport.render(report)).isLessThanOrEqualTo(20);
        for (double bug : new double[] {1e-4, 1e-7}) {
            GradientReport wrong = checker.check(smoothedAbs(bug), Point.of("x", new double[] {2e-4}));
            assertThat(wrong.verdict()).as(TextReport.render(wrong)).isEqualTo(Verdict.FAIL);
        }
    }
}
