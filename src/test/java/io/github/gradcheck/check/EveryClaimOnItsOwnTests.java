package io.github.gradcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import org.junit.jupiter.api.Test;

/**
 * Every claimed element is judged on its own: a claim that is not finite is wrong where the
 * measurement is finite, and no element's tolerance comes from another element's claim.
 */
class EveryClaimOnItsOwnTests {

    private final GradientChecker checker = new GradientChecker();

    /** x0² + sin(x1) + 3·x2, with the claim of element {@code wrong} replaced by {@code claim}. */
    private static Subject claiming(int wrong, double claim) {
        return FunctionSubject.of("x0² + sin(x1) + 3·x2", in -> {
            double[] x = in.vector("x");
            return x[0] * x[0] + Math.sin(x[1]) + 3 * x[2];
        }, (in, out, g) -> {
            double[] x = in.vector("x");
            double[] d = {2 * x[0], Math.cos(x[1]), 3};
            d[wrong] = claim;
            for (int i = 0; i < 3; i++) {
                d[i] *= g.asScalar();
            }
            return d;
        });
    }

    private static final Point X = Point.of("x", new double[] {0.7, -0.4, 1.9});

    @Test
    void anInfiniteClaimWhereTheGradientIsFiniteIsWrongAndNamed() {
        // before: the tolerance was infinite too, and the infinite claim passed
        GradientReport report = checker.check(claiming(1, Double.POSITIVE_INFINITY), X);

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        ElementComparison worst = report.node("x").orElseThrow().worst();
        assertThat(worst.index()).isEqualTo(1);
        assertThat(worst.finding()).isEqualTo(Finding.NON_FINITE_CLAIM);
        assertThat(worst.numeric()).isCloseTo(Math.cos(-0.4), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(TextReport.render(report)).contains("at x[1]: claimed Infinity, measured 0.92106");
    }

    @Test
    void aNaNClaimIsWrongNotInconclusive() {
        // before: inconclusive ("too coarse"), and under @GradientCheck an abort with advice about kinks
        GradientReport report = checker.check(claiming(0, Double.NaN), X);

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        ElementComparison worst = report.node("x").orElseThrow().worst();
        assertThat(worst.index()).isEqualTo(0);
        assertThat(worst.finding()).isEqualTo(Finding.NON_FINITE_CLAIM);
        assertThat(TextReport.render(report)).contains("at x[0]: claimed NaN, measured 1.4");
    }

    @Test
    void aNonFiniteClaimForAnInputTheOutputIgnoresIsWrong() {
        Subject ignoring = FunctionSubject.of("ignores y", in -> in.scalar("x") * 2,
                (in, out, g) -> new double[] {2 * g.asScalar(), Double.NEGATIVE_INFINITY});
        GradientReport report = checker.check(ignoring, Point.of("x", 1.0, "y", 2.0));

        assertThat(report.node("y").orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.node("y").orElseThrow().worst().finding()).isEqualTo(Finding.NON_FINITE_CLAIM);
    }

    @Test
    void aNonFiniteMeasurementWithAFiniteClaimIsTheEdgeOfTheDomainAsBefore() {
        Subject sqrt = FunctionSubject.of("sqrt", in -> Math.sqrt(in.scalar("x")),
                (in, out, g) -> 0.5 / Math.sqrt(in.scalar("x")) * g.asScalar());
        GradientReport report = checker.check(sqrt, Point.of("x", 0.0));

        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(report.node("x").orElseThrow().worst().finding()).isEqualTo(Finding.DOMAIN_EDGE);
    }

    /**
     * 1e30·x0 + x1² + 3·x2 at x0 = 0: the first element's gradient is 1e30, the output stays
     * small (its large term is exactly 0 at the point), so every other element is measured finely.
     */
    private static Subject hugeFirstElement(double x1Factor, double firstClaim) {
        return FunctionSubject.of("1e30·x0 + x1² + 3·x2", in -> {
            double[] x = in.vector("x");
            return 1e30 * x[0] + x[1] * x[1] + 3 * x[2];
        }, (in, out, g) -> {
            double[] x = in.vector("x");
            return new double[] {firstClaim * g.asScalar(), x1Factor * 2 * x[1] * g.asScalar(), 3 * g.asScalar()};
        });
    }

    private static final Point AT_ZERO = Point.of("x", new double[] {0.0, 0.8, -1.1});

    @Test
    void oneHugeGradientElementDoesNotHideAnErrorElsewhereInItsNode() {
        // before: every element's tolerance had the node's largest claim in it (64·ε·1e30 = 1.4e16)
        assertThat(checker.check(hugeFirstElement(1, 1e30), AT_ZERO).verdict()).isEqualTo(Verdict.PASS);

        GradientReport report = checker.check(hugeFirstElement(1.001, 1e30), AT_ZERO);

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        NodeReport x = report.node("x").orElseThrow();
        assertThat(x.worst().index()).isEqualTo(1);
        assertThat(x.elements().get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(x.elements().get(2).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aWrongHugeClaimFailsAndSoDoesAnUnrelatedErrorBesideIt() {
        Subject twoBugs = FunctionSubject.of("x0² + x1² + 3·x2, two wrong claims", in -> {
            double[] x = in.vector("x");
            return x[0] * x[0] + x[1] * x[1] + 3 * x[2];
        }, (in, out, g) -> {
            double[] x = in.vector("x");
            return new double[] {1e30 * g.asScalar(), 1.001 * 2 * x[1] * g.asScalar(), 3 * g.asScalar()};
        });
        GradientReport report = checker.check(twoBugs, Point.of("x", new double[] {0.5, 0.8, -1.1}));

        NodeReport x = report.node("x").orElseThrow();
        assertThat(x.elements().get(0).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(x.elements().get(1).verdict()).as("the error beside the huge claim").isEqualTo(Verdict.FAIL);
        assertThat(x.elements().get(2).verdict()).isEqualTo(Verdict.PASS);
    }
}
