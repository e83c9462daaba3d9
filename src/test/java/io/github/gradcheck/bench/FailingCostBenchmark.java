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
import java.util.Locale;

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
            row(out, "traced 10-layer stack", mode, TracedTanhStack.subject("traced 10-layer stack", 16, 5, -1),
                    TracedTanhStack.subject("traced 10-layer stack", 16, 5, 3), TracedTanhStack.point(16, 5, 5, 4));
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
