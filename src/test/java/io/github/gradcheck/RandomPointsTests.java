package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Correct subjects are never reported wrong: 1,000 random points each, not one false failure. */
class RandomPointsTests {

    static final int POINTS = 1000;

    /** log-sum-exp of a vector, with softmax as its gradient. */
    static FunctionSubject logSumExp() {
        return FunctionSubject.of("log-sum-exp", in -> {
            double[] z = in.vector("z");
            double m = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                m = Math.max(m, v);
            }
            double s = 0;
            for (double v : z) {
                s += Math.exp(v - m);
            }
            return m + Math.log(s);
        }, (in, out, g) -> {
            double[] z = in.vector("z");
            double lse = out.asScalar();
            double[] dz = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                dz[i] = Math.exp(z[i] - lse) * g.asScalar();
            }
            return dz;
        });
    }

    /** tanh(W x) with a vector output: checked through the random cotangent. */
    static FunctionSubject tanhLayer() {
        return FunctionSubject.of("tanh(Wx)", in -> {
            double[][] w = in.matrix("W");
            double[] x = in.vector("x");
            double[] y = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                double s = 0;
                for (int j = 0; j < x.length; j++) {
                    s += w[i][j] * x[j];
                }
                y[i] = Math.tanh(s);
            }
            return y;
        }, (in, out, g) -> {
            double[][] w = in.matrix("W");
            double[] x = in.vector("x");
            double[] y = out.asVector();
            double[] u = g.asVector();
            double[][] dw = new double[w.length][x.length];
            double[] dx = new double[x.length];
            for (int i = 0; i < w.length; i++) {
                double ds = u[i] * (1 - y[i] * y[i]);
                for (int j = 0; j < x.length; j++) {
                    dw[i][j] = ds * x[j];
                    dx[j] += w[i][j] * ds;
                }
            }
            return new Object[] {dw, dx};
        });
    }

    interface PointMaker {
        Point make(SplittableRandom r);
    }

    static Stream<Arguments> subjects() {
        return Stream.of(
                Arguments.of(WorkedExample.traced(false), (PointMaker) r -> Point.of("x", r.nextDouble(-5, 5),
                        "y", r.nextDouble(-5, 5))),
                Arguments.of(WorkedExample.graph(false), (PointMaker) r -> Point.of("x", r.nextDouble(-5, 5),
                        "y", r.nextDouble(-5, 5))),
                Arguments.of(WorkedExample.function(false), (PointMaker) r -> Point.of("x", r.nextDouble(-5, 5),
                        "y", r.nextDouble(-5, 5))),
                Arguments.of(logSumExp(), (PointMaker) r -> Point.of("z", vector(r, 4, 20))),
                Arguments.of(tanhLayer(), (PointMaker) r -> Point.of("W",
                        new double[][] {vector(r, 3, 2), vector(r, 3, 2)}, "x", vector(r, 3, 2))));
    }

    static double[] vector(SplittableRandom r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-scale, scale);
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void noFalseFailures(Subject subject, PointMaker points) {
        SplittableRandom random = new SplittableRandom(2026);
        GradientChecker checker = new GradientChecker();
        int inconclusive = 0;
        for (int i = 0; i < POINTS; i++) {
            Point p = points.make(random);
            GradientReport report = checker.check(subject, p);
            assertThat(report.verdict()).as("point %d: %s", i, TextReport.render(report)).isNotEqualTo(Verdict.FAIL);
            inconclusive += report.verdict() == Verdict.INCONCLUSIVE ? 1 : 0;
        }
        assertThat(inconclusive).as("inconclusive points of smooth subjects").isLessThan(POINTS / 100);
    }
}
