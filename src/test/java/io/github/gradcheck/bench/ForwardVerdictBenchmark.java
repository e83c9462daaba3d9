package io.github.gradcheck.bench;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.ForwardSubject;
import io.github.gradcheck.subject.HessianSubject;
import io.github.gradcheck.subject.JacobianSubject;
import io.github.gradcheck.subject.JvpSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The forward-mode and second-order part of the verdict benchmark: correct Jacobians (as matrices
 * and as JVPs) and Hessians (with their gradient, as HVPs, by second differences), and the same with
 * one significant entry wrong by a relative 1e-2 ... 1e-7 (for a Hessian, the entry and its mirror),
 * each at many random points; and the adjoint test of a JVP against a VJP that is right or off by a
 * relative 1e-12. Prints false failures, inconclusive rates, detection rates and the cost per
 * Jacobian column or Hessian row. {@link VerdictBenchmark} runs it after the reverse-mode part.
 *
 * <p>Run alone: {@code mvn -q test-compile exec:java -Dexec.mainClass=io.github.gradcheck.bench.ForwardVerdictBenchmark}
 * (optional argument: points per subject and condition, default 300).
 */
public final class ForwardVerdictBenchmark {

    static final double[] BUG_SIZES = VerdictBenchmark.BUG_SIZES;

    /** The VJP mismatches of the adjoint rows: none, and one part in a trillion. */
    static final double[] MISMATCHES = {0, 1e-12};

    private ForwardVerdictBenchmark() {
    }

    public static void main(String[] args) {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        System.out.print(run(points));
    }

    /** The tables, for {@code points} points per subject and condition. */
    static String run(int points) {
        long start = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        rows.addAll(ForwardBenchCases.jacobians().parallelStream().map(c -> jacobian(c, points)).toList());
        rows.addAll(ForwardBenchCases.hessians().parallelStream().map(c -> hessian(c, points)).toList());
        List<AdjointRow> adjoint = List.of(ForwardBenchCases.softmax(true, false),
                ForwardBenchCases.rangeBearing(true)).parallelStream().map(c -> adjoint(c, points)).toList();
        return render(rows, adjoint, points, (System.nanoTime() - start) / 1e9);
    }

    /** Counts for one case: index 0 is the correct subject, 1.. the bug sizes. */
    static final class Row {
        final String name;
        final String kind;
        final int points;
        final int[] fail = new int[BUG_SIZES.length + 1];
        final int[] inconclusive = new int[BUG_SIZES.length + 1];
        long evaluations;
        double perColumn;
        int checks;

        Row(String name, String kind, int points) {
            this.name = name;
            this.kind = kind;
            this.points = points;
        }

        void count(int condition, JacobianReport r) {
            if (r.verdict() == Verdict.FAIL) {
                fail[condition]++;
            } else if (r.verdict() == Verdict.INCONCLUSIVE) {
                inconclusive[condition]++;
            }
            if (condition == 0) {
                evaluations += r.forwardEvaluations();
                perColumn += r.evaluationsPerColumn();
                checks++;
            }
        }
    }

    /** One significant entry (at least a tenth of the largest), made wrong by a relative {@code bug}. */
    static int[] corrupt(double[][] m, double bug, SplittableRandom random, boolean symmetric, boolean isFloat) {
        double max = 0;
        for (double[] row : m) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        while (true) {
            int i = random.nextInt(m.length);
            int j = random.nextInt(m[0].length);
            if (Math.abs(m[i][j]) >= 0.1 * max) {
                double before = m[i][j];
                double wrong = before * (1 + (random.nextBoolean() ? bug : -bug));
                wrong = isFloat ? (float) wrong : wrong;
                if (wrong == before) {
                    wrong = isFloat ? Math.nextUp((float) before) : Math.nextUp(before);
                }
                m[i][j] = wrong;
                if (symmetric) {
                    m[j][i] = wrong;
                }
                return new int[] {i, j};
            }
        }
    }

    static Row jacobian(ForwardBenchCases.JacobianCase c, int points) {
        Row row = new Row(c.name, c.jvp ? "JVP" : "Jacobian", points);
        GradientChecker checker = new GradientChecker();
        for (int condition = 0; condition <= BUG_SIZES.length; condition++) {
            SplittableRandom random = new SplittableRandom(2000L * condition + c.name.hashCode());
            for (int p = 0; p < points; p++) {
                double[] x = c.draw(random);
                double[][] claimed = c.jacobian(x);
                if (condition > 0) {
                    corrupt(claimed, BUG_SIZES[condition - 1], random, false, c.isFloat);
                }
                row.count(condition, checker.checkForward(subject(c, claimed), c.point(x)));
            }
        }
        return row;
    }

    static ForwardSubject subject(ForwardBenchCases.JacobianCase c, double[][] claimed) {
        if (c.jvp) {
            return JvpSubject.of(c.name, in -> out(c, c.value(in.vector("x"))), (in, o, t) -> {
                double[] tx = t.vector("x");
                double[] y = new double[claimed.length];
                for (int i = 0; i < y.length; i++) {
                    for (int j = 0; j < tx.length; j++) {
                        y[i] += claimed[i][j] * tx[j];
                    }
                }
                return out(c, y);
            });
        }
        return JacobianSubject.of(c.name, in -> out(c, c.value(in.vector("x"))), in -> {
            if (!c.isFloat) {
                return claimed;
            }
            float[][] f = new float[claimed.length][claimed[0].length];
            for (int i = 0; i < f.length; i++) {
                for (int j = 0; j < f[0].length; j++) {
                    f[i][j] = (float) claimed[i][j];
                }
            }
            return f;
        });
    }

    private static Object out(ForwardBenchCases.JacobianCase c, double[] y) {
        if (!c.isFloat) {
            return y;
        }
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            f[i] = (float) y[i];
        }
        return f;
    }

    static Row hessian(ForwardBenchCases.HessianCase c, int points) {
        Row row = new Row(c.name, c.products ? "HVP" : "Hessian", points);
        GradientChecker checker = new GradientChecker();
        for (int condition = 0; condition <= BUG_SIZES.length; condition++) {
            SplittableRandom random = new SplittableRandom(3000L * condition + c.name.hashCode());
            for (int p = 0; p < points; p++) {
                double[] x = c.draw(random);
                double[][] claimed = c.hessian(x);
                if (condition > 0) {
                    corrupt(claimed, BUG_SIZES[condition - 1], random, true, false);
                }
                row.count(condition, checker.checkHessian(subject(c, claimed), Point.of("w", x)));
            }
        }
        return row;
    }

    static HessianSubject subject(ForwardBenchCases.HessianCase c, double[][] claimed) {
        io.github.gradcheck.subject.HvpFunction hvp = (in, v) -> {
            double[] d = v.vector("w");
            double[] out = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                for (int j = 0; j < d.length; j++) {
                    out[i] += claimed[i][j] * d[j];
                }
            }
            return out;
        };
        if (c.products) {
            return c.gradient ? HessianSubject.ofProducts(c.name, in -> c.value(in.vector("w")),
                    in -> c.gradient(in.vector("w")), hvp) : HessianSubject.ofProducts(c.name,
                    in -> c.value(in.vector("w")), hvp);
        }
        return c.gradient ? HessianSubject.of(c.name, in -> c.value(in.vector("w")), in -> c.gradient(in.vector("w")),
                in -> claimed) : HessianSubject.of(c.name, in -> c.value(in.vector("w")), in -> claimed);
    }

    // ---- the adjoint test ----------------------------------------------------------------------

    /** Adjoint-test counts per mismatch: how often the test failed, and the whole check failed. */
    static final class AdjointRow {
        final String name;
        final int points;
        final int[] adjointFailed = new int[MISMATCHES.length];
        final int[] inconclusive = new int[MISMATCHES.length];
        final int[] entriesFailed = new int[MISMATCHES.length];

        AdjointRow(String name, int points) {
            this.name = name;
            this.points = points;
        }
    }

    static AdjointRow adjoint(ForwardBenchCases.JacobianCase c, int points) {
        AdjointRow row = new AdjointRow(c.name + " with a VJP", points);
        GradientChecker checker = new GradientChecker();
        for (int m = 0; m < MISMATCHES.length; m++) {
            double mismatch = MISMATCHES[m];
            SplittableRandom random = new SplittableRandom(4000L * m + c.name.hashCode());
            for (int p = 0; p < points; p++) {
                double[] x = c.draw(random);
                double[][] j = c.jacobian(x);
                JvpSubject s = ((JvpSubject) subject(c, j)).withVjp((in, out, u) -> {
                    double[] uu = u.asVector();
                    double[] g = new double[j[0].length];
                    for (int b = 0; b < g.length; b++) {
                        for (int a = 0; a < uu.length; a++) {
                            g[b] += j[a][b] * uu[a];
                        }
                        g[b] *= 1 + mismatch;
                    }
                    return g;
                });
                JacobianReport r = checker.checkForward(s, c.point(x));
                boolean failed = r.identities().stream().anyMatch(i -> i.identity() == IdentityCheck.Identity.ADJOINT
                        && i.verdict() == Verdict.FAIL);
                boolean inconclusive = r.identities().stream().anyMatch(i -> i.verdict() == Verdict.INCONCLUSIVE);
                row.adjointFailed[m] += failed ? 1 : 0;
                row.inconclusive[m] += inconclusive ? 1 : 0;
                row.entriesFailed[m] += r.matrixVerdict() == Verdict.FAIL ? 1 : 0;
            }
        }
        return row;
    }

    // ---- rendering -------------------------------------------------------------------------------

    static String render(List<Row> rows, List<AdjointRow> adjoint, int points, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Forward mode and Hessians: %d points per subject and condition, %d cores,"
                + " %.0f s%n%n", points, Runtime.getRuntime().availableProcessors(), seconds));
        sb.append("Correct subjects (must never fail):\n\n");
        sb.append("| subject | claimed as | points | false failures | inconclusive | evaluations per check"
                + " | evaluations per column (row) |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %.0f | %.1f |%n", r.name, r.kind, r.points,
                    r.fail[0], pct(r.inconclusive[0], r.points), (double) r.evaluations / r.checks,
                    r.perColumn / r.checks));
        }
        sb.append("\nDetection rate of one wrong entry (a Hessian's entry and its mirror), by relative bug size"
                + " (inconclusive in brackets):\n\n| subject |");
        for (double b : BUG_SIZES) {
            sb.append(String.format(Locale.ROOT, " %.0e |", b));
        }
        sb.append("\n|---|").append("---|".repeat(BUG_SIZES.length)).append('\n');
        for (Row r : rows) {
            sb.append("| ").append(r.name).append(" |");
            for (int b = 1; b <= BUG_SIZES.length; b++) {
                sb.append(' ').append(pct(r.fail[b], r.points));
                if (r.inconclusive[b] > 0) {
                    sb.append(" (").append(pct(r.inconclusive[b], r.points)).append(')');
                }
                sb.append(" |");
            }
            sb.append('\n');
        }
        sb.append("\nThe adjoint test, ⟨u, J·t⟩ = ⟨Jᵀ·u, t⟩, with a VJP that is right or scaled by 1 + 1e-12:\n\n");
        sb.append("| subject | points | failed, right VJP | inconclusive, right VJP | failed, VJP off by 1e-12"
                + " | entries failed, VJP off by 1e-12 |\n|---|---|---|---|---|---|\n");
        for (AdjointRow a : adjoint) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %d |%n", a.name, a.points,
                    a.adjointFailed[0], pct(a.inconclusive[0], a.points), pct(a.adjointFailed[1], a.points),
                    a.entriesFailed[1]));
        }
        return sb.toString();
    }

    private static String pct(int k, int n) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * k / n);
    }
}
