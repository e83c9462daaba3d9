package io.github.gradcheck.bench;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What a failing check costs against the same check passing, side by side in one run: forward
 * evaluations (exact) and wall time (one run each, after one warm-up run), in full and fast mode;
 * and a 10⁷-element input with one wrong element, caught and named.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=io.github.gradcheck.bench.FailingCostBenchmark}
 * (optional argument {@code skip-large} leaves out the 10⁷-element input).
 */
public final class FailingCostBenchmark {

    private FailingCostBenchmark() {
    }

    /** A traced stack of 5 × (affine 16 × 16 + tanh) and ½‖h‖², the backward of tanh #{@code bad} wrong by 1.5 at one element. */
    static Subject tracedStack(int bad) {
        int width = 16;
        int blocks = 5;
        return TracedSubject.of("traced 10-layer stack", t -> {
            double[] h = t.vector("x");
            for (int k = 1; k <= blocks; k++) {
                double[][] w = t.matrix("W" + k);
                double[] z = t.vector("b" + k).clone();
                for (int i = 0; i < width; i++) {
                    for (int j = 0; j < width; j++) {
                        z[i] += w[i][j] * h[j];
                    }
                }
                z = t.node("z" + k, z);
                double[] y = new double[width];
                for (int i = 0; i < width; i++) {
                    y[i] = Math.tanh(z[i]);
                }
                h = t.node("h" + k, y);
            }
            double s = 0;
            for (double e : h) {
                s += e * e;
            }
            t.output("loss", 0.5 * s);
        }, t -> {
            double[] gh = t.vector("h" + blocks).clone();
            for (int i = 0; i < width; i++) {
                gh[i] *= t.seed();
            }
            t.grad("h" + blocks, gh);
            for (int k = blocks; k >= 1; k--) {
                double[] y = t.vector("h" + k);
                double[] gz = new double[width];
                for (int i = 0; i < width; i++) {
                    gz[i] = gh[i] * (1 - y[i] * y[i]) * (k == bad && i == 3 ? 1.5 : 1);
                }
                t.grad("z" + k, gz);
                double[] hin = t.vector(k == 1 ? "x" : "h" + (k - 1));
                double[][] w = t.matrix("W" + k);
                double[] dh = new double[width];
                double[][] dw = new double[width][width];
                for (int i = 0; i < width; i++) {
                    for (int j = 0; j < width; j++) {
                        dh[j] += w[i][j] * gz[i];
                        dw[i][j] = gz[i] * hin[j];
                    }
                }
                t.grad("W" + k, dw);
                t.grad("b" + k, gz);
                t.grad(k == 1 ? "x" : "h" + (k - 1), dh);
                gh = dh;
            }
            t.grad("loss", t.seed());
        });
    }

    static Point stackPoint() {
        SplittableRandom r = new SplittableRandom(5);
        Point.Builder p = Point.builder().input("x", r.doubles(16, -1, 1).toArray());
        for (int k = 1; k <= 5; k++) {
            double[][] w = new double[16][16];
            for (double[] row : w) {
                for (int j = 0; j < 16; j++) {
                    row[j] = r.nextGaussian() / 4;
                }
            }
            p.input("W" + k, w).input("b" + k, r.doubles(16, -0.5, 0.5).toArray());
        }
        return p.build();
    }

    /** f(x) = Σ xᵢ²/2 with element {@code bad} of the gradient off by half. */
    static FunctionSubject halfSquaredNorm(int bad) {
        return FunctionSubject.of("half squared norm", in -> {
            Value x = in.value("x");
            double s = 0;
            for (int i = 0; i < x.size(); i++) {
                s += x.get(i) * x.get(i);
            }
            return s / 2;
        }, (in, out, g) -> {
            Value x = in.value("x");
            double[] d = new double[x.size()];
            double u = g.asScalar();
            for (int i = 0; i < d.length; i++) {
                d[i] = u * x.get(i) * (i == bad ? 1.5 : 1);
            }
            return d;
        });
    }

    private record Run(GradientReport report, double seconds) {
    }

    private static Run run(CheckOptions options, Subject s, Point p) {
        long t0 = System.nanoTime();
        GradientReport r = new GradientChecker(options).check(s, p);
        return new Run(r, (System.nanoTime() - t0) / 1e9);
    }

    private static void row(StringBuilder out, String what, CheckMode mode, Subject passing, Subject failing, Point p) {
        CheckOptions o = CheckOptions.defaults().withMode(mode);
        run(o, passing, p);
        run(o, failing, p); // warm-up
        Run ok = run(o, passing, p);
        Run bad = run(o, failing, p);
        double ratio = bad.report().forwardEvaluations() / (double) ok.report().forwardEvaluations();
        out.append(String.format(Locale.ROOT, "| %s | %s | %s / %s | %d / %d | %.2f | %.0f / %.0f ms | %s |%n", what,
                mode, ok.report().verdict().label(), bad.report().verdict().label(),
                ok.report().forwardEvaluations(), bad.report().forwardEvaluations(), ratio, 1000 * ok.seconds(),
                1000 * bad.seconds(), ratio <= 3 ? "yes" : "**no**"));
    }

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        out.append("Failing against passing, ").append(Runtime.getRuntime().availableProcessors()).append(" cores\n\n");
        out.append("| subject | mode | verdicts (passing / failing) | forward evaluations | ratio | wall time | ≤ 3× |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (CheckMode mode : new CheckMode[] {CheckMode.FULL, CheckMode.FAST}) {
            row(out, "worked example (traced)", mode, WorkedExample.traced(false), WorkedExample.traced(true),
                    WorkedExample.POINT);
            row(out, "traced 10-layer stack", mode, tracedStack(-1), tracedStack(3), stackPoint());
        }
        if (!(args.length > 0 && args[0].equals("skip-large"))) {
            int n = 10_000_000;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Math.sin(i);
            }
            Point p = Point.of("x", x);
            int wrong = 7_654_321;
            Run r = run(CheckOptions.defaults(), halfSquaredNorm(wrong), p);
            NodeReport node = r.report().node("x").orElseThrow();
            out.append(String.format(Locale.ROOT, "%n10⁷-element input, element [%d] wrong: %s, worst element [%d],"
                            + " %d forward evaluations, %.1f s (target < 30 s), %s%n", wrong, r.report().verdict().label(),
                    node.worst().index(), r.report().forwardEvaluations(), r.seconds(), node.coverage().narrowing()));
        }
        System.out.println(out);
    }
}
