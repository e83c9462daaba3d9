package io.github.gradcheck.bench;

import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The verdict-quality benchmark: correct but numerically hard subjects, and the same subjects
 * with one wrong gradient element of relative size 1e-2 ... 1e-7, each at many random points.
 * Prints false failures, inconclusive rates and detection rates for the gradcheck engine and
 * for a fixed-step baseline configured like PyTorch's gradcheck defaults (central difference
 * with eps 1e-6 in the subject's precision; pass iff |a − n| ≤ 1e-5 + 1e-3·|n|).
 *
 * <p>The forward-mode and second-order tables of {@link ForwardVerdictBenchmark} follow.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=io.github.gradcheck.bench.VerdictBenchmark}
 * (optional arguments: points per subject and condition, default 300; points per observed class, mode
 * and condition, default 200). The second part runs the subject classes of issue 11's observations
 * ({@link ObservedBenchmark}).
 */
public final class VerdictBenchmark {

    static final double[] BUG_SIZES = {1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7};

    private VerdictBenchmark() {
    }

    public static void main(String[] args) {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long start = System.nanoTime();
        List<BenchCase> cases = BenchCases.all();
        List<Row> rows = cases.parallelStream().map(c -> run(c, c.size > 64 ? Math.max(20, points / 5) : points))
                .toList();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.print(render(rows, points, seconds));
        // the subject classes of issue 11's observations, in both cotangent modes
        int observed = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long started = System.nanoTime();
        List<ObservedBenchmark.Row> more = ObservedBenchmark.run(observed);
        System.out.print("\n" + ObservedBenchmark.render(more, observed, (System.nanoTime() - started) / 1e9));
        // forward mode and Hessians: their own tables, after these
        System.out.print("\n" + ForwardVerdictBenchmark.run(points));
    }

    /** Counts for one case: index 0 is the correct subject, 1.. the bug sizes. */
    static final class Row {
        final BenchCase c;
        final int points;
        final int[] fail = new int[BUG_SIZES.length + 1];
        final int[] inconclusive = new int[BUG_SIZES.length + 1];
        final int[] baselineFail = new int[BUG_SIZES.length + 1];
        long evaluations;
        int checks;
        long correctEvaluations;

        Row(BenchCase c, int points) {
            this.c = c;
            this.points = points;
        }
    }

    static Row run(BenchCase c, int points) {
        Row row = new Row(c, points);
        Subject reference = reference(c);
        GradientChecker checker = new GradientChecker(reference == null ? CheckOptions.defaults()
                : CheckOptions.defaults().withDoubleReference(reference));
        for (int condition = 0; condition <= BUG_SIZES.length; condition++) {
            double bug = condition == 0 ? 0 : BUG_SIZES[condition - 1];
            SplittableRandom random = new SplittableRandom(1000L * condition + c.name.hashCode());
            for (int p = 0; p < points; p++) {
                double[] x = c.draw(random);
                double[] claimed = c.gradient(x);
                if (bug != 0) {
                    int j = significantElement(claimed, random);
                    double wrong = claimed[j] * (1 + (random.nextBoolean() ? bug : -bug));
                    claimed[j] = c.isFloat ? (float) wrong : wrong;
                    if (claimed[j] == c.gradient(x)[j]) {
                        claimed[j] = c.isFloat ? Math.nextUp((float) claimed[j]) : Math.nextUp(claimed[j]);
                    }
                }
                GradientReport report = checker.check(subject(c, claimed), point(c, x));
                row.evaluations += report.forwardEvaluations();
                row.checks++;
                if (condition == 0) {
                    row.correctEvaluations += report.forwardEvaluations();
                }
                if (report.verdict() == Verdict.FAIL) {
                    row.fail[condition]++;
                } else if (report.verdict() == Verdict.INCONCLUSIVE) {
                    row.inconclusive[condition]++;
                }
                if (!PyTorchLikeBaseline.passes(c, x, claimed)) {
                    row.baselineFail[condition]++;
                }
            }
        }
        return row;
    }

    /** A random element whose gradient is at least a tenth of the largest. */
    private static int significantElement(double[] g, SplittableRandom random) {
        double max = 0;
        for (double v : g) {
            max = Math.max(max, Math.abs(v));
        }
        while (true) {
            int j = random.nextInt(g.length);
            if (Math.abs(g[j]) >= 0.1 * max) {
                return j;
            }
        }
    }

    static Point point(BenchCase c, double[] x) {
        if (!c.isFloat) {
            return Point.of("x", x);
        }
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return Point.of("x", f);
    }

    static Subject subject(BenchCase c, double[] claimed) {
        if (c.isFloat) {
            float[] g = new float[claimed.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) claimed[i];
            }
            return FunctionSubject.of(c.name, in -> (float) c.value(in.vector("x")), (in, out, gOut) -> {
                float[] r = g.clone();
                for (int i = 0; i < r.length; i++) {
                    r[i] *= (float) gOut.asScalar();
                }
                return r;
            });
        }
        return FunctionSubject.of(c.name, in -> c.value(in.vector("x")), (in, out, gOut) -> {
            double[] r = claimed.clone();
            for (int i = 0; i < r.length; i++) {
                r[i] *= gOut.asScalar();
            }
            return r;
        });
    }

    static Subject reference(BenchCase c) {
        BenchCase.DoubleForward f = c.reference();
        if (f == null) {
            return null;
        }
        return FunctionSubject.of(c.name + " (double)", in -> f.value(in.vector("x")), (in, out, g) -> {
            throw new UnsupportedOperationException("the reference's backward is never called");
        });
    }

    // ---- rendering --------------------------------------------------------------------------

    static String render(List<Row> rows, int points, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Verdict benchmark: %d points per subject and condition (%d for the"
                + " 256-element tensor), %d cores, %.0f s%n%n", points, Math.max(20, points / 5),
                Runtime.getRuntime().availableProcessors(), seconds));
        sb.append("Correct subjects (must never fail):\n\n");
        sb.append("| subject | precision | points | gradcheck false failures | gradcheck inconclusive"
                + " | baseline false failures | evaluations per check | evaluations per correct check |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %.0f | %.0f |%n", r.c.name,
                    r.c.isFloat ? "float32" : "double", r.points, r.fail[0], pct(r.inconclusive[0], r.points),
                    r.baselineFail[0] + " (" + pct(r.baselineFail[0], r.points) + ")",
                    (double) r.evaluations / r.checks, (double) r.correctEvaluations / r.points));
        }
        sb.append("\nDetection rate of one wrong gradient element, by relative bug size (gradcheck / baseline;"
                + " gradcheck inconclusive in brackets):\n\n");
        sb.append("| subject |");
        for (double b : BUG_SIZES) {
            sb.append(String.format(Locale.ROOT, " %.0e |", b));
        }
        sb.append("\n|---|");
        sb.append("---|".repeat(BUG_SIZES.length)).append('\n');
        for (Row r : rows) {
            sb.append("| ").append(r.c.name).append(" |");
            for (int b = 1; b <= BUG_SIZES.length; b++) {
                sb.append(' ').append(pct(r.fail[b], r.points)).append(" / ").append(pct(r.baselineFail[b], r.points));
                if (r.inconclusive[b] > 0) {
                    sb.append(" (").append(pct(r.inconclusive[b], r.points)).append(')');
                }
                sb.append(" |");
            }
            sb.append('\n');
        }
        sb.append("\nTotals:\n\n| | gradcheck double | baseline double | gradcheck float32 | baseline float32 |\n");
        sb.append("|---|---|---|---|---|\n");
        for (int b = 0; b <= BUG_SIZES.length; b++) {
            String label = b == 0 ? "false failures (correct)" : String.format(Locale.ROOT, "detected, bug %.0e", BUG_SIZES[b - 1]);
            sb.append("| ").append(label).append(" |");
            for (boolean f : new boolean[] {false, true}) {
                int n = 0;
                int mine = 0;
                int base = 0;
                for (Row r : rows) {
                    if (r.c.isFloat == f) {
                        n += r.points;
                        mine += r.fail[b];
                        base += r.baselineFail[b];
                    }
                }
                sb.append(' ').append(mine).append('/').append(n).append(" (").append(pct(mine, n)).append(") | ")
                        .append(base).append('/').append(n).append(" (").append(pct(base, n)).append(") |");
            }
            sb.append('\n');
        }
        for (int b = 1; b <= BUG_SIZES.length; b++) {
            sb.append(String.format(Locale.ROOT, "| detected among conclusive points, bug %.0e |", BUG_SIZES[b - 1]));
            for (boolean f : new boolean[] {false, true}) {
                int conclusive = 0;
                int mine = 0;
                for (Row r : rows) {
                    if (r.c.isFloat == f) {
                        conclusive += r.points - r.inconclusive[b];
                        mine += r.fail[b];
                    }
                }
                sb.append(' ').append(mine).append('/').append(conclusive).append(" (").append(pct(mine, conclusive))
                        .append(") | – |");
            }
            sb.append('\n');
        }
        sb.append("| inconclusive (correct) |");
        for (boolean f : new boolean[] {false, true}) {
            int n = 0;
            int inc = 0;
            for (Row r : rows) {
                if (r.c.isFloat == f) {
                    n += r.points;
                    inc += r.inconclusive[0];
                }
            }
            sb.append(' ').append(inc).append('/').append(n).append(" (").append(pct(inc, n)).append(") | – |");
        }
        sb.append('\n');
        return sb.toString();
    }

    private static String pct(int k, int n) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * k / n);
    }
}
