package io.github.gradcheck.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Deviation;
import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.examples.network.Networks;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The code of docs/options.md, run: each snippet is here, and what the page says it does is asserted. */
class OptionsGuideTests {

    /** Element-wise tanh of a vector: a vector output. */
    static final Subject TANH = FunctionSubject.of("tanh",
            in -> {
                double[] x = in.vector("x");
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = Math.tanh(x[i]);
                }
                return y;
            },
            (in, out, gOut) -> {
                double[] y = out.asVector();
                double[] g = gOut.asVector();
                double[] dx = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    dx[i] = g[i] * (1 - y[i] * y[i]);
                }
                return dx;
            });

    /** Σ sin(x_i)·x_i over a vector of any size, with its gradient. */
    static FunctionSubject sumOfXSinX() {
        return FunctionSubject.of("sum of x sin x",
                in -> {
                    double s = 0;
                    for (double v : in.vector("x")) {
                        s += v * Math.sin(v);
                    }
                    return s;
                },
                (in, out, gOut) -> {
                    double[] x = in.vector("x");
                    double[] dx = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        dx[i] = (Math.sin(x[i]) + x[i] * Math.cos(x[i])) * gOut.asScalar();
                    }
                    return dx;
                });
    }

    static double[] ramp(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(0.37 * i) * 2;
        }
        return x;
    }

    @Test
    void seedAndCotangents() {
        Subject subject = TANH;
        Point point = Point.of("x", new double[] {0.5, -1.0, 2.0});

        CheckOptions options = CheckOptions.defaults()
                .withSeed(42)                                     // every random choice derives from it
                .withCotangents(CotangentMode.FULL_JACOBIAN);     // default RANDOM: one seeded Gaussian cotangent
        GradientReport report = GradCheck.check(subject, point, options);

        assertThat(report.passed()).isTrue();
        assertThat(report.seed()).isEqualTo(42);
        assertThat(report.backwardEvaluations()).as("one backward per output component, a repeat, one at a combination"
                + " of the components and one per component scaled").isEqualTo(8);
        assertThat(GradCheck.check(subject, point).backwardEvaluations()).isEqualTo(5);
    }

    @Test
    void theDefaultSeedIsFixed() {
        assertThat(CheckOptions.defaults().seed()).isEqualTo(24301L);
    }

    @Test
    void fastModeForALargeInput() {
        Subject subject = sumOfXSinX();
        Point point = Point.of("x", ramp(10_000));

        CheckOptions fast = CheckOptions.defaults()
                .withMode(CheckMode.FAST)       // AUTO picks it above 4096 elements anyway
                .withDirections(4)              // Gaussian random directions per node (default 2)
                .withSampleSize(16);            // single elements sampled per node (default 8)
        GradientReport report = GradCheck.check(subject, point, fast);

        assertThat(report.passed()).isTrue();
        assertThat(report.mode()).isEqualTo(CheckMode.FAST);
        assertThat(report.complete()).isFalse();
        assertThat(report.node("x").orElseThrow().coverage().elementsChecked()).isEqualTo(16);
        assertThat(report.node("x").orElseThrow().coverage().directions()).isEqualTo(4);
        assertThat(report.forwardEvaluations()).as("a full check costs at least 60000").isLessThan(1000);
        assertThat(GradCheck.check(subject, point).mode()).as("AUTO above 4096 elements").isEqualTo(CheckMode.FAST);
    }

    @Test
    void aPureSubjectIsMeasuredOnSeveralThreads() {
        Subject pure = sumOfXSinX().pure();
        Point point = Point.of("x", ramp(300));

        GradientReport report = GradCheck.check(pure, point, CheckOptions.defaults().withParallelism(2));

        assertThat(TextReport.render(report)).as("the same report as in one thread")
                .isEqualTo(TextReport.render(GradCheck.check(pure, point)));
    }

    @Test
    void copiesOfAStatefulSubjectAreMeasuredOnSeveralThreads() {
        Subject net = Networks.correct();
        Point point = Networks.POINT;

        CheckOptions options = CheckOptions.defaults()
                .withParallelism(2)
                .withSubjectCopies(() -> Networks.correct());   // each thread its own network, same weights
        GradientReport report = GradCheck.check(net, point, options);

        assertThat(report.passed()).isTrue();
        assertThat(TextReport.render(report)).as("the same report as in one thread")
                .isEqualTo(TextReport.render(GradCheck.check(Networks.correct(), point)));
    }

    @Test
    void aResetHookGivesDropoutTheSameMaskAtEveryEvaluation() {
        Random rng = new Random(42);
        Subject dropout = FunctionSubject.of("dropout",
                in -> rng.nextDouble() < 0.5 ? 0.0 : 2 * in.scalar("x"),
                (in, out, gOut) -> out.asScalar() == 0 ? 0.0 : 2 * gOut.asScalar());

        GradientReport report = GradCheck.check(dropout, Point.of("x", 1.5),
                CheckOptions.defaults().withReset(() -> rng.setSeed(42)));

        assertThat(report.passed()).isTrue();
        assertThatThrownBy(() -> GradCheck.check(dropout, Point.of("x", 1.5)))
                .hasMessageContaining("reset them before every evaluation with CheckOptions.withReset(...)");
    }

    @Test
    void aToleranceForNondeterminism() {
        int[] calls = {0};
        Subject sum = FunctionSubject.of("sum in a varying order", in -> {
            double[] x = in.vector("x");
            calls[0]++;
            return calls[0] % 2 == 0 ? (x[0] + x[1]) + x[2] : x[0] + (x[1] + x[2]);
        }, (in, out, gOut) -> new double[] {gOut.asScalar(), gOut.asScalar(), gOut.asScalar()});
        Point point = Point.of("x", new double[] {0.1, 0.2, 0.3});

        GradientReport report = GradCheck.check(sum, point, CheckOptions.defaults().withNondeterminismTolerance(1e-10));

        assertThat(report.verdict()).isNotEqualTo(Verdict.FAIL);
    }

    @Test
    void anIntendedDeviation() {
        Subject leakySigmoid = FunctionSubject.of("sigmoid with a flat-spot fix",
                in -> 1 / (1 + Math.exp(-in.scalar("x"))),
                (in, out, gOut) -> (out.asScalar() * (1 - out.asScalar()) + 0.1) * gOut.asScalar());

        Deviation flatSpot = Deviation.intended("flat spot: sigmoid' + 0.1 on purpose",
                (x, measured) -> measured + 0.1);            // the claim it should be, from x and the true gradient
        CheckOptions options = CheckOptions.defaults().withDeviation("x", flatSpot);
        GradientReport report = GradCheck.check(leakySigmoid, Point.of("x", 2.0), options);

        assertThat(report.passed()).isTrue();
        assertThat(report.node("x").orElseThrow().deviates()).isTrue();
        assertThat(TextReport.render(report)).contains("ok (deviates as declared)", "flat spot: sigmoid' + 0.1 on purpose");
        assertThat(GradCheck.check(leakySigmoid, Point.of("x", 2.0)).verdict()).isEqualTo(Verdict.FAIL);
        // anything else at that node still fails: 0.2 added is not the 0.1 declared
        Subject tooLeaky = FunctionSubject.of("sigmoid with a flat spot too large",
                in -> 1 / (1 + Math.exp(-in.scalar("x"))),
                (in, out, gOut) -> (out.asScalar() * (1 - out.asScalar()) + 0.2) * gOut.asScalar());
        assertThat(GradCheck.check(tooLeaky, Point.of("x", 2.0), options).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aTimeLimit() {
        Subject hangs = FunctionSubject.of("hangs", in -> {
            Thread.sleep(600_000);
            return in.scalar("x");
        }, (in, out, gOut) -> gOut.asScalar());

        try {
            GradCheck.check(hangs, Point.of("x", 1.0), CheckOptions.defaults().withTimeLimit(Duration.ofSeconds(1)));
            fail("a check of code that hangs ends at its time limit");
        } catch (CheckAbortedException e) {
            assertThat(e.reason()).isEqualTo(CheckAbortedException.Reason.TIME_LIMIT);
            assertThat(e.restored()).isTrue();       // everything perturbed in place is back
            assertThat(e.getMessage()).contains("subject 'hangs'", "exceeded its time limit of 1 s");
        }

        String shown = Markdown.blockStartingWith(java.nio.file.Path.of("docs", "options.md"), "subject 'hangs'").text();
        assertThatThrownBy(() -> GradCheck.check(hangs, Point.of("x", 1.0),
                CheckOptions.defaults().withTimeLimit(Duration.ofSeconds(1))))
                .as("the message docs/options.md shows").hasMessage(shown);
    }

    @Test
    void aBudget() {
        Subject subject = sumOfXSinX();

        CheckOptions full = CheckOptions.defaults().withMode(CheckMode.FULL).withBudget(10_000);

        assertThatThrownBy(() -> GradCheck.check(subject, Point.of("x", ramp(5000)), full))
                .isInstanceOf(CheckAbortedException.class)
                .hasMessageContaining("more than the budget of 10000; use CheckOptions.withMode(CheckMode.FAST)");
    }

    @Test
    void aFloatSubjectMeasuredAgainstItsDoubleVersion() {
        Subject inFloat = FunctionSubject.of("softplus in float",
                in -> (float) Math.log1p(Math.exp(in.floatScalar("x"))),
                (in, out, gOut) -> (float) (gOut.asScalar() / (1 + Math.exp(-in.floatScalar("x")))));
        Subject inDouble = FunctionSubject.of("softplus in double",
                in -> Math.log1p(Math.exp(in.scalar("x"))),
                (in, out, gOut) -> gOut.asScalar() / (1 + Math.exp(-in.scalar("x"))));
        Point point = Point.of("x", 0.75f);

        GradientReport report = new GradientChecker(CheckOptions.defaults().withDoubleReference(inDouble)).check(inFloat, point);

        assertThat(report.passed()).isTrue();
        assertThat(report.resolution().orElseThrow()).isLessThan(1e-4);
    }

    @Test
    void aStricterOrLooserTolerance() {
        Subject subject = TANH;
        Point point = Point.of("x", new double[] {0.5, -1.0, 2.0});

        CheckOptions looser = CheckOptions.defaults()
                .withTolerance(TolerancePolicy.defaults().withSafety(20));   // default 10
        GradientReport report = GradCheck.check(subject, point, looser);

        assertThat(report.passed()).isTrue();
        assertThat(report.options().tolerance().safety()).isEqualTo(20);
    }

    @Test
    void oneCheckerForManyChecks() {
        GradientChecker checker = new GradientChecker(CheckOptions.defaults().withSeed(7).withParallelism(2));
        for (double x : new double[] {-1.0, 0.5, 3.0}) {
            GradientReport report = checker.check(TANH, Point.of("x", new double[] {x, x / 2}));
            assertThat(report.passed()).isTrue();
        }
    }
}
