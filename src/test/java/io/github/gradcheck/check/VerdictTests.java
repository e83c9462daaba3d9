package io.github.gradcheck.check;

import io.github.gradcheck.GradientChecker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class VerdictTests {

    private final GradientChecker checker = new GradientChecker();

    // ---- float32 ---------------------------------------------------------------------------

    /** Σ w tanh(x) x computed in float, with its correct float gradient. */
    private static Subject floatTanh() {
        return FloatVerdictTests.tanh(0, 0f);
    }

    private static boolean fixedStepPasses(ToDoubleFunction<float[]> f, float[] x, float[] claimed) {
        for (int j = 0; j < x.length; j++) {
            float[] p = x.clone();
            float[] m = x.clone();
            p[j] += 1e-6f;
            m[j] -= 1e-6f;
            float n = (float) (f.applyAsDouble(p) - f.applyAsDouble(m)) / 2e-6f;
            if (Math.abs(claimed[j] - n) > 1e-5 + 1e-3 * Math.abs(n)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void correctFloatCodeThatAFixedStepCheckFailsPassesWithTheResolutionReported() {
        float[] x = {1.3f, -0.7f, 2.2f, 0.4f};
        float[] w = {0.3f, -1.2f, 0.8f, 0.5f};
        ToDoubleFunction<float[]> f = v -> {
            float s = 0;
            for (int i = 0; i < v.length; i++) {
                s += w[i] * (float) Math.tanh(v[i]) * v[i];
            }
            return s;
        };
        float[] claimed = new float[4];
        for (int i = 0; i < 4; i++) {
            float t = (float) Math.tanh(x[i]);
            claimed[i] = w[i] * (t + x[i] * (1 - t * t));
        }
        assertThat(fixedStepPasses(f, x, claimed)).as("the PyTorch-like fixed step fails correct float code").isFalse();

        GradientReport report = checker.check(floatTanh(), Point.of("x", x));

        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.resolution()).isPresent();
        assertThat(report.resolution().getAsDouble()).isLessThan(1e-2);
        assertThat(TextReport.render(report)).contains("resolution");
    }

    @Test
    void floatCodeWithABugOfOnePercentFails() {
        Subject broken = FunctionSubject.of("float square, 1% off", in -> {
            float x = in.floatVector("x")[0];
            return new float[] {x * x};
        }, (in, out, g) -> new float[] {1.01f * 2 * in.floatVector("x")[0] * (float) g.toArray()[0]});
        assertThat(checker.check(broken, Point.of("x", new float[] {1.5f})).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aDoubleReferenceGivesFloatCodeDoubleResolution() {
        Subject reference = FunctionSubject.of("double tanh", in -> {
            double[] x = in.vector("x");
            double[] w = {0.3f, -1.2f, 0.8f, 0.5f};
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += w[i] * Math.tanh(x[i]) * x[i];
            }
            return s;
        }, (in, out, g) -> {
            throw new UnsupportedOperationException("never called");
        });
        Point p = Point.of("x", new float[] {1.3f, -0.7f, 2.2f, 0.4f});

        GradientReport alone = checker.check(floatTanh(), p);
        GradientReport withReference = new GradientChecker(checker.options().withDoubleReference(reference))
                .check(floatTanh(), p);

        assertThat(withReference.verdict()).isEqualTo(Verdict.PASS);
        // with the reference only the float rounding of the claimed gradient (κ·ε, 7.6e-6) limits the resolution
        assertThat(withReference.resolution().getAsDouble()).isLessThan(alone.resolution().getAsDouble() / 4);
        assertThat(withReference.notes()).anyMatch(n -> n.contains("double reference 'double tanh'"));
    }

    // ---- kinks -----------------------------------------------------------------------------

    @Test
    void reluAtItsKinkIsInconclusiveNotWrong() {
        Subject relu = FunctionSubject.of("relu", in -> Math.max(0, in.scalar("x")),
                (in, out, g) -> in.scalar("x") > 0 ? g.asScalar() : 0.0);
        GradientReport report = checker.check(relu, Point.of("x", 0.0));

        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        ElementComparison x = report.node("x").orElseThrow().worst();
        assertThat(x.finding()).isEqualTo(Finding.KINK);
        assertThat(TextReport.render(report)).contains("kink");
    }

    @Test
    void maxAtATieIsInconclusiveNotWrong() {
        Subject max = FunctionSubject.of("max", in -> Math.max(in.scalar("a"), in.scalar("b")),
                (in, out, g) -> in.scalar("a") >= in.scalar("b") ? new double[] {g.asScalar(), 0}
                        : new double[] {0, g.asScalar()});
        assertThat(checker.check(max, Point.of("a", 0.75, "b", 0.75)).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void reluNearButNotAtItsKinkIsDecided() {
        Subject relu = FunctionSubject.of("relu", in -> Math.max(0, in.scalar("x")) + 0.5 * in.scalar("x"),
                (in, out, g) -> (in.scalar("x") > 0 ? 1.5 : 0.5) * g.asScalar());
        Subject wrong = FunctionSubject.of("relu, 1e-3 off", in -> Math.max(0, in.scalar("x")) + 0.5 * in.scalar("x"),
                (in, out, g) -> (in.scalar("x") > 0 ? 1.5 * 1.001 : 0.5) * g.asScalar());
        assertThat(checker.check(relu, Point.of("x", 3e-4)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(checker.check(wrong, Point.of("x", 3e-4)).verdict()).isEqualTo(Verdict.FAIL);
    }

    // ---- small bugs, no false failures -----------------------------------------------------

    @Test
    void aBugOfRelativeSize1e7IsCaughtInDouble() {
        Subject wrong = FunctionSubject.of("exp·sin, 1e-7 off", in -> Math.exp(in.scalar("x")) * Math.sin(in.scalar("x")),
                (in, out, g) -> {
                    double x = in.scalar("x");
                    return (1 + 1e-7) * Math.exp(x) * (Math.sin(x) + Math.cos(x)) * g.asScalar();
                });
        GradientReport report = checker.check(wrong, Point.of("x", 0.8));
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void correctHardSubjectsNeverFailAtManyRandomPoints() {
        Subject expGrowth = FunctionSubject.of("exp(10x)", in -> Math.exp(10 * in.scalar("x")),
                (in, out, g) -> 10 * Math.exp(10 * in.scalar("x")) * g.asScalar());
        Subject large = FunctionSubject.of("x² cos(x/1e5)", in -> {
            double x = in.scalar("x");
            return x * x * Math.cos(x * 1e-5);
        }, (in, out, g) -> {
            double x = in.scalar("x");
            return (2 * x * Math.cos(x * 1e-5) - x * x * 1e-5 * Math.sin(x * 1e-5)) * g.asScalar();
        });
        Subject lse = FunctionSubject.of("log-sum-exp", in -> {
            double[] z = in.vector("z");
            double m = Math.max(z[0], Math.max(z[1], z[2]));
            return m + Math.log(Math.exp(z[0] - m) + Math.exp(z[1] - m) + Math.exp(z[2] - m));
        }, (in, out, g) -> {
            double[] z = in.vector("z");
            double m = Math.max(z[0], Math.max(z[1], z[2]));
            double s = Math.exp(z[0] - m) + Math.exp(z[1] - m) + Math.exp(z[2] - m);
            double u = g.asScalar();
            return new double[] {Math.exp(z[0] - m) / s * u, Math.exp(z[1] - m) / s * u, Math.exp(z[2] - m) / s * u};
        });
        SplittableRandom r = new SplittableRandom(7);
        int failures = 0;
        int inconclusive = 0;
        for (int i = 0; i < 170; i++) {
            for (GradientReport report : new GradientReport[] {
                checker.check(expGrowth, Point.of("x", -1 + 4 * r.nextDouble())),
                checker.check(large, Point.of("x", (r.nextDouble() - 0.5) * 2e5)),
                checker.check(lse, Point.of("z", new double[] {500 + r.nextGaussian(), 500 + r.nextGaussian(),
                    499 + r.nextGaussian()}))}) {
                failures += report.verdict() == Verdict.FAIL ? 1 : 0;
                inconclusive += report.verdict() == Verdict.INCONCLUSIVE ? 1 : 0;
            }
        }
        assertThat(failures).as("false failures in 510 checks").isZero();
        assertThat(inconclusive).as("inconclusive checks in 510").isLessThanOrEqualTo(5);
    }

    // ---- nondeterminism --------------------------------------------------------------------

    @Test
    void aNondeterministicForwardStopsTheCheckNamingTheNode() {
        Random noise = new Random(1);
        Subject dropout = TracedSubject.of("noisy", t -> {
            double x = t.scalar("x");
            double h = t.node("hidden", x * (1 + 1e-3 * noise.nextGaussian()));
            t.output("y", h * h);
        }, t -> {
            double h = t.scalar("hidden");
            t.grad("hidden", 2 * h * t.seed());
            t.grad("x", 2 * h * t.seed());
            t.grad("y", t.seed());
        });
        assertThatThrownBy(() -> checker.check(dropout, Point.of("x", 1.5)))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("node 'hidden'")
                .hasMessageContaining("not deterministic")
                .hasMessageContaining("withReset");
    }

    @Test
    void aResetHookMakesRandomnessRepeatable() {
        Random rng = new Random();
        Subject dropout = FunctionSubject.of("dropout", in -> {
            double[] x = in.vector("x");
            double s = 0;
            for (double v : x) {
                s += rng.nextDouble() < 0.5 ? 2 * v * v : 0;
            }
            return s;
        }, (in, out, g) -> {
            double[] x = in.vector("x");
            double[] d = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                d[i] = rng.nextDouble() < 0.5 ? 4 * x[i] * g.asScalar() : 0;
            }
            return d;
        });
        GradientChecker seeded = new GradientChecker(CheckOptions.defaults().withReset(() -> rng.setSeed(42)));
        assertThat(seeded.check(dropout, Point.of("x", new double[] {0.5, -1.5, 2, 1})).verdict())
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void aDeclaredNondeterminismToleranceIsUsedAndReported() {
        Random noise = new Random(3);
        Subject jittery = FunctionSubject.of("jittery", in -> {
            double x = in.scalar("x");
            return x * x * (1 + 1e-13 * noise.nextGaussian());
        }, (in, out, g) -> 2 * in.scalar("x") * g.asScalar());
        GradientChecker tolerant = new GradientChecker(CheckOptions.defaults().withNondeterminismTolerance(1e-10));
        GradientReport report = tolerant.check(jittery, Point.of("x", 1.25));
        assertThat(report.verdict()).isNotEqualTo(Verdict.FAIL);
        assertThat(report.notes()).anyMatch(n -> n.contains("nondeterminism tolerance"));
    }

    @Test
    void aBackwardThatIsNotReentrantStopsTheCheckNamingTheNode() {
        double[] accumulated = {0};
        Subject leaky = FunctionSubject.of("accumulating backward", in -> in.scalar("w") * 3,
                (in, out, g) -> {
                    accumulated[0] += 3 * g.asScalar();
                    return accumulated[0];
                });
        assertThatThrownBy(() -> checker.check(leaky, Point.of("w", 0.5)))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("node 'w'")
                .hasMessageContaining("not reentrant");
    }

    // ---- declared deviations and unused inputs ---------------------------------------------

    private static Subject flatSpot() {
        return TracedSubject.of("sigmoid with a flat spot", t -> {
            double x = t.scalar("x");
            double s = t.node("s", 1 / (1 + Math.exp(-x)));
            t.output("loss", 3 * s);
        }, t -> {
            double s = t.scalar("s");
            double ds = 3 * t.seed();
            t.grad("s", ds);
            t.grad("x", (s * (1 - s) + 0.1) * ds); // the flat spot, on purpose
            t.grad("loss", t.seed());
        });
    }

    @Test
    @SuppressWarnings("deprecation") // the deviation of unstated size, kept working as it was
    void aDeclaredDeviationIsReportedAsSuchInsteadOfFailing() {
        Point p = Point.of("x", 0.4);
        assertThat(checker.check(flatSpot(), p).verdict()).isEqualTo(Verdict.FAIL);

        GradientChecker declared = new GradientChecker(
                CheckOptions.defaults().withDeviation("x", "flat spot: sigmoid' + 0.1"));
        GradientReport report = declared.check(flatSpot(), p);

        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.deviations()).extracting(NodeReport::name).containsExactly("x");
        assertThat(TextReport.render(report)).contains("deviates as declared").contains("flat spot: sigmoid' + 0.1");
    }

    @Test
    void aDeviationDeclaredElsewhereDoesNotHideAnotherBug() {
        GradientChecker declared = new GradientChecker(CheckOptions.defaults().withDeviation("s",
                Deviation.atMost("not the bug", 0.5)));
        assertThat(declared.check(flatSpot(), Point.of("x", 0.4)).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aDeviationForAnUnknownNodeIsAClearError() {
        GradientChecker declared = new GradientChecker(CheckOptions.defaults().withDeviation("z", Deviation.atMost("typo", 0)));
        assertThatThrownBy(() -> declared.check(flatSpot(), Point.of("x", 0.4)))
                .isInstanceOf(SubjectException.class).hasMessageContaining("no node of that name");
    }

    @Test
    void anInputTheOutputDoesNotDependOnMustHaveAZeroGradient() {
        Subject unusedRight = FunctionSubject.of("ignores b", in -> in.scalar("a") * in.scalar("a"),
                (in, out, g) -> new double[] {2 * in.scalar("a") * g.asScalar(), 0});
        Subject unusedWrong = FunctionSubject.of("ignores b, claims 1e-9", in -> in.scalar("a") * in.scalar("a"),
                (in, out, g) -> new double[] {2 * in.scalar("a") * g.asScalar(), 1e-9});
        Point p = Point.of("a", 1.5, "b", 2.0);

        assertThat(checker.check(unusedRight, p).verdict()).isEqualTo(Verdict.PASS);
        GradientReport report = checker.check(unusedWrong, p);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.node("b").orElseThrow().independent()).isTrue();
        assertThat(TextReport.render(report)).contains("does not depend on 'b'");
    }

    // ---- evaluation accounting -------------------------------------------------------------

    @Test
    void everyEvaluationIsCounted() {
        int[] calls = {0, 0};
        Subject counted = FunctionSubject.of("counted", in -> {
            calls[0]++;
            return Math.sin(in.scalar("x"));
        }, (in, out, g) -> {
            calls[1]++;
            return Math.cos(in.scalar("x")) * g.asScalar();
        });
        GradientReport report = checker.check(counted, Point.of("x", 0.3));
        assertThat(report.forwardEvaluations()).isEqualTo(calls[0]);
        assertThat(report.backwardEvaluations()).isEqualTo(calls[1]).isEqualTo(4);
    }
}
