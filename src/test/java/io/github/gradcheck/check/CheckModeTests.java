package io.github.gradcheck.check;

import io.github.gradcheck.GradientChecker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Full, fast and sampled mode; the automatic choice; narrowing; what the report says. */
class CheckModeTests {

    @Test
    void smallSubjectsAreCheckedInFullByDefault() {
        CostSubjects f = new CostSubjects(50, 1);
        GradientReport r = new GradientChecker().check(f.subject(-1, 0), CostSubjects.point(50, 2));
        assertThat(r.mode()).isEqualTo(CheckMode.FULL);
        assertThat(r.complete()).isTrue();
        assertThat(r.node("x").orElseThrow().elements()).hasSize(50);
        assertThat(r.node("x").orElseThrow().directions()).isEmpty();
        assertThat(r.notes()).isEmpty();
        assertThat(TextReport.render(r)).doesNotContain("mode:");
    }

    @Test
    void autoRunsFastAboveTheLimitAndSaysSo() {
        int n = CheckOptions.AUTO_FULL_LIMIT + 1;
        CostSubjects f = new CostSubjects(n, 1);
        GradientReport r = new GradientChecker().check(f.subject(-1, 0), CostSubjects.point(n, 2));
        assertThat(r.mode()).isEqualTo(CheckMode.FAST);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        NodeReport x = r.node("x").orElseThrow();
        assertThat(x.coverage()).isEqualTo(new Coverage(CheckMode.FAST, n, CheckOptions.DEFAULT_SAMPLE_SIZE,
                CheckOptions.DEFAULT_DIRECTIONS, ""));
        assertThat(x.directions()).hasSize(CheckOptions.DEFAULT_DIRECTIONS)
                .allSatisfy(d -> assertThat(d.from()).isZero()).allSatisfy(d -> assertThat(d.to()).isEqualTo(n));
        assertThat(r.notes()).anySatisfy(note -> assertThat(note).contains("ran in fast mode", "CheckMode.FULL"));
        assertThat(TextReport.render(r)).contains("mode: fast",
                "x: 2 Gaussian directions and 8 of " + n + " elements", "forward evaluations by node: output 0, x ");
    }

    @Test
    void fastModeSpendsAboutTheSameWhateverTheSize() {
        Integer[] evaluations = new Integer[3];
        int[] sizes = {100, 10_000, 100_000};
        for (int i = 0; i < sizes.length; i++) {
            CostSubjects f = new CostSubjects(sizes[i], 3);
            GradientReport r = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FAST))
                    .check(f.subject(-1, 0), CostSubjects.point(sizes[i], 4));
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
            evaluations[i] = r.forwardEvaluations();
        }
        // 2 directions and 8 elements: 60 screen evaluations, more where a screen is confirmed
        assertThat(evaluations).allSatisfy(e -> assertThat(e).isBetween(60, 200));
    }

    @Test
    void aMillionElementInputIsCheckedInFastModeInTheDefaultHeap() {
        int n = 1_000_000;
        CostSubjects f = new CostSubjects(n, 5);
        GradientReport r = new GradientChecker().check(f.subject(-1, 0), CostSubjects.point(n, 6));
        assertThat(r.mode()).isEqualTo(CheckMode.FAST);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.node("x").orElseThrow().elements()).hasSize(CheckOptions.DEFAULT_SAMPLE_SIZE);
    }

    @Test
    void fullModeChecksEveryElementOfALargeNodeWhenAsked() {
        int n = CheckOptions.AUTO_FULL_LIMIT + 10;
        CostSubjects f = new CostSubjects(n, 1);
        GradientReport r = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FULL))
                .check(f.subject(-1, 0), CostSubjects.point(n, 2));
        assertThat(r.mode()).isEqualTo(CheckMode.FULL);
        assertThat(r.node("x").orElseThrow().elements()).hasSize(n);
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void sampledModeChecksAtMostKElementsPerNodeAndSmallNodesInFull() {
        CostSubjects f = new CostSubjects(200, 1);
        GradientReport r = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.SAMPLED).withSampleSize(5))
                .check(f.subject(-1, 0), CostSubjects.point(200, 2));
        NodeReport x = r.node("x").orElseThrow();
        assertThat(x.elements()).hasSize(5).extracting(ElementComparison::index).isSorted().doesNotHaveDuplicates();
        assertThat(x.coverage()).isEqualTo(new Coverage(CheckMode.SAMPLED, 200, 5, 0, ""));
        assertThat(x.coverage().describe()).isEqualTo("5 sampled of 200 elements");
        NodeReport out = r.node(FunctionSubject.OUTPUT).orElseThrow();
        assertThat(out.coverage()).isEqualTo(Coverage.full(1));
        assertThat(r.mode()).isEqualTo(CheckMode.SAMPLED);
        assertThat(r.complete()).isFalse();
    }

    @Test
    void theSampleDependsOnTheSeedAndIsReproducible() {
        CostSubjects f = new CostSubjects(200, 1);
        Subject s = f.subject(-1, 0);
        Point p = CostSubjects.point(200, 2);
        CheckOptions sampled = CheckOptions.defaults().withMode(CheckMode.SAMPLED);
        GradientReport a = new GradientChecker(sampled.withSeed(1)).check(s, p);
        GradientReport b = new GradientChecker(sampled.withSeed(1)).check(s, p);
        GradientReport c = new GradientChecker(sampled.withSeed(2)).check(s, p);
        assertThat(a.sameMeasurements(b)).isTrue();
        assertThat(a.node("x").orElseThrow().elements()).extracting(ElementComparison::index)
                .isNotEqualTo(c.node("x").orElseThrow().elements().stream().map(ElementComparison::index).toList());
    }

    @Test
    void aFailureInSampledModeIsNarrowedWithinItsBudgetToTheWrongElement() {
        CostSubjects f = new CostSubjects(300, 1);
        Point p = CostSubjects.point(300, 2);
        GradientReport r = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.SAMPLED))
                .check(f.subject(-1, 0), p);
        int sampled = r.node("x").orElseThrow().elements().get(3).index();
        GradientReport bad = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.SAMPLED))
                .check(f.subject(sampled, 0.5), p);
        NodeReport x = bad.node("x").orElseThrow();
        assertThat(x.verdict()).isEqualTo(Verdict.FAIL);
        // all 300 would cost up to 9000 evaluations; bisection down to 64 elements costs at most ~2100
        assertThat(x.elements().size()).isLessThan(300);
        assertThat(x.worst().index()).isEqualTo(sampled);
        assertThat(x.failedElements()).isEqualTo(1);
        assertThat(x.coverage().narrowing()).startsWith("narrowed by bisection (");
        assertThat(bad.forwardEvaluations()).isLessThan(2500);
        // a node of at most 64 elements is still narrowed to all of them
        CostSubjects small = new CostSubjects(60, 1);
        GradientReport few = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.SAMPLED))
                .check(small.subject(3, 0.5), CostSubjects.point(60, 2));
        assertThat(few.node("x").orElseThrow().coverage().narrowing()).isIn("",
                "narrowed to all 60 elements after a failure");
        assertThat(bad.blame().origin()).contains("x");
    }

    @Test
    void aFailureInFastModeIsBisectedDownToTheWrongElement() {
        int n = 20_000;
        CostSubjects f = new CostSubjects(n, 7);
        int bad = 12_345;
        GradientReport r = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FAST))
                .check(f.subject(bad, 1e-3), CostSubjects.point(n, 8));
        NodeReport x = r.node("x").orElseThrow();
        assertThat(x.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(x.worst().index()).isEqualTo(bad);
        assertThat(x.failedElements()).isEqualTo(1);
        assertThat(x.coverage().narrowing()).startsWith("narrowed by bisection (")
                .contains("halvings) to elements [").endsWith("after a failure");
        String text = TextReport.render(r);
        assertThat(text).contains("WRONG (1 of ", " checked elements, ", "[12345]", "narrowed by bisection");
    }

    /** y = 3x, f = Σ y², traced; the backward of f gets one element of d(y) wrong, so d(x) inherits it. */
    static Subject tracedChain(int bad) {
        return io.github.gradcheck.subject.TracedSubject.of("traced chain", t -> {
            double[] x = t.vector("x");
            double[] scaled = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                scaled[i] = 3 * x[i];
            }
            double[] y = t.node("y", scaled);
            double f = 0;
            for (double v : y) {
                f += v * v;
            }
            t.output("f", f);
        }, t -> {
            double[] y = t.vector("y");
            double[] dy = new double[y.length];
            double[] dx = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                dy[i] = 2 * y[i] * t.seed() * (i == bad ? 1.5 : 1);
                dx[i] = 3 * dy[i];
            }
            t.grad("y", dy);
            t.grad("x", dx);
            t.grad("f", t.seed());
        });
    }

    @Test
    void onlyTheNodeWhereTheErrorStartsIsNarrowedNotItsConsequences() {
        int n = 5000;
        Point p = Point.of("x", new SplittableRandom(4).doubles(n, -1, 1).toArray());
        GradientReport r = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FAST))
                .check(tracedChain(1234), p);
        assertThat(r.blame().origin()).as(TextReport.render(r)).contains("y");
        assertThat(r.blame().consequences()).containsExactly("x");
        NodeReport y = r.node("y").orElseThrow();
        NodeReport x = r.node("x").orElseThrow();
        assertThat(y.worst().index()).isEqualTo(1234);
        assertThat(y.coverage().narrowing()).startsWith("narrowed by bisection");
        assertThat(x.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(x.coverage().narrowing()).as("a consequence is not narrowed").isEmpty();
        GradientReport passing = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FAST))
                .check(tracedChain(-1), p);
        assertThat(r.forwardEvaluations()).as("failing against passing")
                .isLessThanOrEqualTo(3 * passing.forwardEvaluations() + 2500);
    }

    @Test
    void aNodeWrongOnlyAlongADirectionFails() {
        ElementComparison right = new ElementComparison(0, "[0]", 0, 1.0, 1.0, 1e-12, 1e-11, Verdict.PASS,
                Finding.MEASURED);
        DirectionComparison wrong = new DirectionComparison(0, 0, 100, 0, 3.0, 2.0, 1e-12, 1e-11, Verdict.FAIL,
                Finding.MEASURED);
        NodeReport n = new NodeReport("x", io.github.gradcheck.model.NodeKind.INPUT,
                io.github.gradcheck.model.Shape.of(100), io.github.gradcheck.model.Precision.DOUBLE,
                java.util.List.of(), java.util.List.of(right), 20, java.util.Optional.empty(),
                java.util.List.of(wrong), new Coverage(CheckMode.FAST, 100, 1, 1, ""));
        assertThat(n.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(n.failedElements()).isZero();
        assertThat(wrong.severity()).isGreaterThan(1);
    }

    /**
     * The claim of fast mode: one wrong element among 10⁴ is found and named. At each of 200
     * seeds the point, the wrong element (uniform over all 10⁴), the sign of the error and the
     * random directions all change; the error is 1e-6 of the gradient's Euclidean norm, which
     * for these gradients (elements of size about ‖g‖/100) is about 1e-4 of the element itself.
     */
    @Test
    void fastModeFindsOneWrongElementOfTenThousandAtLeast99PercentOfSeeds() {
        int n = 10_000;
        int seeds = 200;
        CostSubjects f = new CostSubjects(n, 11);
        int detected = 0;
        int named = 0;
        for (int seed = 0; seed < seeds; seed++) {
            SplittableRandom r = new SplittableRandom(1000 + seed);
            Point p = CostSubjects.point(n, 5000 + seed);
            int bad = r.nextInt(n);
            double delta = (r.nextBoolean() ? 1 : -1) * 1e-6 * CostSubjects.norm(f.gradient(p.get("x").toArray()));
            GradientReport report = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FAST)
                    .withSeed(seed).withParallelism(2)).check(f.subject(bad, delta).pure(), p);
            NodeReport x = report.node("x").orElseThrow();
            if (x.verdict() == Verdict.FAIL) {
                detected++;
            }
            if (x.worst().index() == bad && x.worst().verdict() == Verdict.FAIL) {
                named++;
            }
        }
        assertThat(detected).as("seeds at which the wrong element was detected").isGreaterThanOrEqualTo(198);
        assertThat(named).as("seeds at which the report named the wrong element").isGreaterThanOrEqualTo(198);
    }
}
