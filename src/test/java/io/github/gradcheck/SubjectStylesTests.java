package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.TracedSubject;
import org.junit.jupiter.api.Test;

/** The less common ways to write a subject: one-body traced code, arrays, floats, constants. */
class SubjectStylesTests {

    /** Forward and backward in one body, as hand-written backprop often is: f = sum(tanh(w * x)). */
    static TracedSubject oneBody(boolean broken) {
        return TracedSubject.of(broken ? "one body (broken)" : "one body", t -> {
            double[] x = t.vector("x");
            double w = t.scalar("w");
            double[] z = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                z[i] = w * x[i];
            }
            z = t.node("z", z);
            double[] h = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                h[i] = Math.tanh(z[i]);
            }
            h = t.node("h", h);
            double f = 0;
            for (double v : h) {
                f += v;
            }
            t.output("f", f);
            // backward
            double df = t.seed();
            double[] dh = new double[x.length];
            double[] dz = new double[x.length];
            double[] dx = new double[x.length];
            double dw = 0;
            for (int i = 0; i < x.length; i++) {
                dh[i] = df;
                dz[i] = dh[i] * (1 - h[i] * h[i]);
                dx[i] = dz[i] * w;
                dw += dz[i] * (broken && i == 2 ? 0 : x[i]);
            }
            t.grad("h", dh);
            t.grad("z", dz);
            t.grad("x", dx);
            t.grad("w", dw);
        });
    }

    @Test
    void oneBodyTracedCodeIsChecked() {
        Point p = Point.of("x", new double[] {0.1, -0.5, 0.9}, "w", 1.3);
        GradientReport ok = GradCheck.check(oneBody(false), p);
        assertThat(ok.passed()).as(TextReport.render(ok)).isTrue();
        GradientReport bad = GradCheck.check(oneBody(true), p);
        assertThat(bad.blame().origin()).as(TextReport.render(bad)).contains("w");
        assertThat(bad.node("x").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void matrixInputsAndTheWorstElementIndex() {
        // f = sum_ij W_ij^2 x_j ; dW_ij = 2 W_ij x_j ; the broken version drops the 2 at [1,0]
        for (boolean broken : new boolean[] {false, true}) {
            FunctionSubject s = FunctionSubject.of("weighted squares", in -> {
                double[][] w = in.matrix("W");
                double[] x = in.vector("x");
                double f = 0;
                for (double[] row : w) {
                    for (int j = 0; j < x.length; j++) {
                        f += row[j] * row[j] * x[j];
                    }
                }
                return f;
            }, (in, out, g) -> {
                double[][] w = in.matrix("W");
                double[] x = in.vector("x");
                double[][] dw = new double[w.length][x.length];
                double[] dx = new double[x.length];
                for (int i = 0; i < w.length; i++) {
                    for (int j = 0; j < x.length; j++) {
                        dw[i][j] = (broken && i == 1 && j == 0 ? 1 : 2) * w[i][j] * x[j] * g.asScalar();
                        dx[j] += w[i][j] * w[i][j] * g.asScalar();
                    }
                }
                return new Object[] {dw, dx};
            });
            GradientReport r = GradCheck.check(s, Point.of("W", new double[][] {{1, 2}, {3, 4}, {5, 6}},
                    "x", new double[] {0.5, -0.25}));
            if (!broken) {
                assertThat(r.passed()).as(TextReport.render(r)).isTrue();
            } else {
                assertThat(r.blame().origin()).contains("W");
                assertThat(r.node("W").orElseThrow().worst().position()).isEqualTo("[1,0]");
                assertThat(r.node("W").orElseThrow().failedElements()).isEqualTo(1);
                assertThat(TextReport.render(r)).contains("[3x2]", "[1,0]", "1 of 6 wrong", "analytic = 0.5 × numeric",
                        "(missing a factor of 2)");
            }
        }
    }

    @Test
    void floatCodeIsRecordedAsFloat() {
        FunctionSubject s = FunctionSubject.of("float square", in -> {
            float[] x = in.floatVector("x");
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] * x[i];
            }
            return y;
        }, (in, out, g) -> {
            float[] x = in.floatVector("x");
            double[] u = g.asVector();
            float[] dx = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                dx[i] = (float) (2 * x[i] * u[i]);
            }
            return dx;
        });
        GradientReport r = GradCheck.check(s, Point.of("x", new float[] {0.5f, -1.25f, 2f}));
        assertThat(r.node("x").orElseThrow().precision()).isEqualTo(Precision.FLOAT);
        assertThat(r.verdict()).as(TextReport.render(r)).isNotEqualTo(Verdict.FAIL);
    }

    @Test
    void constantInputsAreNeitherPerturbedNorChecked() {
        FunctionSubject nll = FunctionSubject.of("pick", in -> -in.vector("p")[(int) in.scalar("label")],
                (in, out, g) -> {
                    double[] dp = new double[in.vector("p").length];
                    dp[(int) in.scalar("label")] = -g.asScalar();
                    return new Object[] {dp, null};
                });
        Point p = Point.builder().input("p", new double[] {0.2, 0.3, 0.5}).constant("label", 2).build();
        GradientReport r = GradCheck.check(nll, p);
        assertThat(r.passed()).isTrue();
        assertThat(r.node("label")).isEmpty();
        assertThat(r.point().toString()).contains("label = 2.0 (constant)");
    }
}
