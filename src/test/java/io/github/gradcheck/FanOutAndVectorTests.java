package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.TracedSubject;
import org.junit.jupiter.api.Test;

/** Fan-out (a node feeding several consumers) and vector-valued outputs. */
class FanOutAndVectorTests {

    /** f = sin(x)·x + x², written by hand; x feeds three consumers. */
    static TracedSubject fanOut(boolean overwriteInsteadOfSum) {
        return TracedSubject.of(overwriteInsteadOfSum ? "fan-out (overwrites)" : "fan-out", t -> {
            double x = t.scalar("x");
            double s = t.node("s", Math.sin(x));
            double p = t.node("p", s * x);
            double q = t.node("q", x * x);
            t.output("f", p + q);
        }, t -> {
            double x = t.scalar("x");
            double s = t.scalar("s");
            double df = t.seed();
            double dp = df;
            double dq = df;
            double ds = x * dp;
            double dx = s * dp;
            if (overwriteInsteadOfSum) {
                dx = 2 * x * dq;          // the bug: overwrites the contributions so far
            } else {
                dx += 2 * x * dq;
            }
            dx += Math.cos(x) * ds;
            t.grad("p", dp);
            t.grad("q", dq);
            t.grad("s", ds);
            t.grad("x", dx);
        });
    }

    @Test
    void fanOutSumsContributions() {
        GradientReport report = GradCheck.check(fanOut(false), Point.of("x", 0.7));
        assertThat(report.passed()).as(TextReport.render(report)).isTrue();
        // p uses x both directly and through s: a replay holding s (and q) still moves p, so p is a consumer too
        assertThat(report.node("x").orElseThrow().consumers()).containsExactly("s", "p", "q");
        assertThat(report.node("s").orElseThrow().consumers()).containsExactly("p");
    }

    @Test
    void accumulationThatOverwritesIsBlamedOnTheFanOutNode() {
        GradientReport report = GradCheck.check(fanOut(true), Point.of("x", 0.7));
        assertThat(report.blame().origin()).as(TextReport.render(report)).contains("x");
        assertThat(report.blame().consequences()).isEmpty();
        for (String right : new String[] {"f", "p", "q", "s"}) {
            assertThat(report.node(right).orElseThrow().verdict()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void graphSumsFanOutItself() {
        Op mul = Op.of(in -> in.scalar(0) * in.scalar(1),
                (in, out, g) -> new double[] {in.scalar(1) * g.asScalar(), in.scalar(0) * g.asScalar()});
        GraphSubject g = GraphSubject.builder("x times x").input("x").op("sq", mul, "x", "x").build();
        GradientReport report = GradCheck.check(g, Point.of("x", 1.5));
        assertThat(report.passed()).isTrue();
        assertThat(report.node("x").orElseThrow().worst().analytic()).isEqualTo(3.0);
    }

    /** y = A x for a fixed 3×2 matrix A; the claimed VJP has a wrong entry at A[2][1] when broken. */
    static FunctionSubject matvec(boolean broken) {
        double[][] a = {{1, 2}, {3, -1}, {0.5, 4}};
        return FunctionSubject.of(broken ? "matvec (broken)" : "matvec", in -> {
            double[] x = in.vector("x");
            double[] y = new double[3];
            for (int i = 0; i < 3; i++) {
                y[i] = a[i][0] * x[0] + a[i][1] * x[1];
            }
            return y;
        }, (in, out, g) -> {
            double[] u = g.asVector();
            double[] dx = new double[2];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 2; j++) {
                    double aij = broken && i == 2 && j == 1 ? 4.5 : a[i][j];
                    dx[j] += aij * u[i];
                }
            }
            return dx;
        });
    }

    @Test
    void vectorOutputIsCheckedThroughASeededRandomCotangent() {
        GradientReport ok = GradCheck.check(matvec(false), Point.of("x", new double[] {0.2, -0.4}));
        assertThat(ok.passed()).isTrue();
        assertThat(ok.backwardEvaluations()).as("one backward, one more to check it is reentrant, two at the parts of the"
                + " cotangent (linearity) and one at a scaled cotangent (the claims' rounding)").isEqualTo(5);
        GradientReport bad = GradCheck.check(matvec(true), Point.of("x", new double[] {0.2, -0.4}));
        assertThat(bad.blame().origin()).contains("x");
        assertThat(bad.node("x").orElseThrow().worst().position()).isEqualTo("[1]");
        assertThat(TextReport.render(bad)).contains("used for the random output cotangent");
    }

    @Test
    void sameSeedSameReportDifferentSeedDifferentCotangent() {
        Point p = Point.of("x", new double[] {0.2, -0.4});
        GradientReport a = GradCheck.check(matvec(true), p, CheckOptions.defaults().withSeed(11));
        GradientReport b = GradCheck.check(matvec(true), p, CheckOptions.defaults().withSeed(11));
        GradientReport c = GradCheck.check(matvec(true), p, CheckOptions.defaults().withSeed(12));
        assertThat(TextReport.render(a)).isEqualTo(TextReport.render(b));
        assertThat(a.node("x").orElseThrow().worst().analytic())
                .isNotEqualTo(c.node("x").orElseThrow().worst().analytic());
    }

    @Test
    void fullJacobianFindsTheWrongComponent() {
        GradientReport report = GradCheck.check(matvec(true), Point.of("x", new double[] {0.2, -0.4}),
                CheckOptions.defaults().withCotangents(CotangentMode.FULL_JACOBIAN));
        assertThat(report.backwardEvaluations()).as("one per component, one reentrancy check, one at a combination of"
                + " the components (linearity), one per component scaled (the claims' rounding)").isEqualTo(8);
        NodeReport x = report.node("x").orElseThrow();
        assertThat(x.failedElements()).isEqualTo(1);
        ElementComparison worst = x.worst();
        assertThat(worst.position()).isEqualTo("[1]");
        assertThat(worst.cotangent()).isEqualTo(2);
        assertThat(worst.analytic()).isEqualTo(4.5);
        assertThat(worst.numeric()).isCloseTo(4.0, org.assertj.core.api.Assertions.within(1e-8));
    }
}
