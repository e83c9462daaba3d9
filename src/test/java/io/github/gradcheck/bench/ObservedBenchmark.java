package io.github.gradcheck.bench;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The issue-11 part of the verdict benchmark: every {@link ObservedCases observed class} at many
 * random points, correct and with the bugs of its kind injected, in both cotangent modes; and the
 * issue's targets, each said met or not.
 *
 * <p>Run with the rest of the benchmark: {@code mvn -q test-compile exec:java
 * -Dexec.mainClass=io.github.gradcheck.bench.VerdictBenchmark} (or this class alone).
 */
public final class ObservedBenchmark {

    private ObservedBenchmark() {
    }

    public static void main(String[] args) {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long start = System.nanoTime();
        List<Row> rows = run(points);
        System.out.print(render(rows, points, (System.nanoTime() - start) / 1e9));
    }

    /** A condition of a class: no bug, or one bug of a kind and size. */
    record Condition(String label, ObservedCase.Bug bug, double size, boolean noiseRelative) {
    }

    static List<Condition> conditions(ObservedCase.Group group) {
        ObservedCase.Bug none = ObservedCase.Bug.NONE;
        return switch (group) {
            case SMOOTH -> List.of(new Condition("correct", none, 0, false),
                    new Condition("bug 1e-4", ObservedCase.Bug.RELATIVE, 1e-4, false),
                    new Condition("bug 1e-6", ObservedCase.Bug.RELATIVE, 1e-6, false));
            case NOISY -> List.of(new Condition("correct", none, 0, false),
                    new Condition("bug 1e-2", ObservedCase.Bug.RELATIVE, 1e-2, false),
                    new Condition("bug 1e-4", ObservedCase.Bug.RELATIVE, 1e-4, false),
                    new Condition("bug 100× noise", ObservedCase.Bug.RELATIVE, 100, true));
            case NON_FINITE -> List.of(new Condition("correct", none, 0, false),
                    new Condition("claim ∞ or NaN", ObservedCase.Bug.NOT_FINITE, 0, false));
            case IGNORES_UPSTREAM -> List.of(new Condition("correct", none, 0, false),
                    new Condition("upstream ignored", ObservedCase.Bug.IGNORES_UPSTREAM, 0, false));
            case DEVIATION -> List.of(new Condition("flat spot declared", none, 0, false),
                    new Condition("+ bug 1e-3", ObservedCase.Bug.RELATIVE, 1e-3, false));
        };
    }

    /** Counts for one class in one mode, per condition. */
    static final class Row {
        final ObservedCase c;
        final CotangentMode mode;
        final List<Condition> conditions;
        final int points;
        final int[] fail;
        final int[] inconclusive;
        final long[] evaluations;
        double noiseMedian = Double.NaN;

        Row(ObservedCase c, CotangentMode mode, int points) {
            this.c = c;
            this.mode = mode;
            this.conditions = conditions(c.group);
            this.points = points;
            this.fail = new int[conditions.size()];
            this.inconclusive = new int[conditions.size()];
            this.evaluations = new long[conditions.size()];
        }
    }

    static List<Row> run(int points) {
        List<Row> rows = new ArrayList<>();
        for (ObservedCase c : ObservedCases.all()) {
            for (CotangentMode mode : CotangentMode.values()) {
                rows.add(new Row(c, mode, c.name.startsWith("long chain") ? Math.max(10, points / 5) : points));
            }
        }
        rows.parallelStream().forEach(ObservedBenchmark::run);
        return rows;
    }

    static void run(Row row) {
        ObservedCase c = row.c;
        GradientChecker checker = new GradientChecker(c.options(CheckOptions.defaults().withCotangents(row.mode)));
        List<Double> noises = new ArrayList<>();
        for (int k = 0; k < row.conditions.size(); k++) {
            Condition condition = row.conditions.get(k);
            SplittableRandom random = new SplittableRandom(7919L * k + c.name.hashCode());
            for (int p = 0; p < row.points; p++) {
                Point point = c.draw(random);
                int element = random.nextInt(1 << 20);
                double size = condition.size() * (random.nextBoolean() ? 1 : -1);
                if (condition.noiseRelative()) {
                    double noise = c.relativeNoise(point, element);
                    noises.add(noise);
                    size *= Math.max(noise, 1e-15);
                }
                GradientReport report = checker.check(c.subject(condition.bug(), size, element, point), point);
                row.evaluations[k] += report.forwardEvaluations();
                if (report.verdict() == Verdict.FAIL) {
                    row.fail[k]++;
                } else if (report.verdict() == Verdict.INCONCLUSIVE) {
                    row.inconclusive[k]++;
                }
            }
        }
        if (!noises.isEmpty()) {
            noises.sort(null);
            row.noiseMedian = noises.get(noises.size() / 2);
        }
    }

    // ---- rendering ------------------------------------------------------------------------------------

    static String render(List<Row> rows, int points, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Observed classes of issue 11: %d points per class, mode and condition"
                + " (%d for the long chain), %d cores, %.0f s%n%n", points, Math.max(10, points / 5),
                Runtime.getRuntime().availableProcessors(), seconds));
        sb.append("| class | group | cotangents | correct: false failures | correct: inconclusive | bug | caught"
                + " (inconclusive) | bug | caught (inconclusive) | bug | caught (inconclusive) | evaluations per"
                + " correct check |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.c.name).append(" | ").append(r.c.group.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ')).append(" | ").append(r.mode == CotangentMode.RANDOM ? "random" : "full Jacobian")
                    .append(" | ").append(r.fail[0]).append(" | ").append(pct(r.inconclusive[0], r.points));
            for (int k = 1; k <= 3; k++) {
                if (k < r.conditions.size()) {
                    String label = r.conditions.get(k).label();
                    if (r.conditions.get(k).noiseRelative() && !Double.isNaN(r.noiseMedian)) {
                        label += String.format(Locale.ROOT, " (noise median %.0e)", r.noiseMedian);
                    }
                    sb.append(" | ").append(label).append(" | ").append(pct(r.fail[k], r.points)).append(" (")
                            .append(pct(r.inconclusive[k], r.points)).append(")");
                } else {
                    sb.append(" | – | –");
                }
            }
            sb.append(String.format(Locale.ROOT, " | %.0f |%n", (double) r.evaluations[0] / r.points));
        }
        sb.append('\n').append(targets(rows));
        return sb.toString();
    }

    /** The targets over the observed classes, with the numbers that decide them. */
    static String targets(List<Row> rows) {
        int falseFailures = 0;
        int correct = 0;
        int smoothInconclusive = 0;
        int smoothCorrect = 0;
        int smoothCaught = 0;
        int smoothBugs = 0;
        int noisyCaught = 0;
        int noisyBugs = 0;
        int nonFiniteCaught = 0;
        int nonFinite = 0;
        int ignoredCaught = 0;
        int ignored = 0;
        int deviationCaught = 0;
        int deviationBugs = 0;
        for (Row r : rows) {
            falseFailures += r.fail[0];
            correct += r.points;
            for (int k = 1; k < r.conditions.size(); k++) {
                Condition c = r.conditions.get(k);
                switch (r.c.group) {
                    case SMOOTH -> {
                        if (c.size() <= 1e-6) {
                            smoothCaught += r.fail[k];
                            smoothBugs += r.points;
                        }
                    }
                    case NOISY -> {
                        if (c.noiseRelative()) {
                            noisyCaught += r.fail[k];
                            noisyBugs += r.points;
                        }
                    }
                    case NON_FINITE -> {
                        nonFiniteCaught += r.fail[k];
                        nonFinite += r.points;
                    }
                    case IGNORES_UPSTREAM -> {
                        ignoredCaught += r.fail[k];
                        ignored += r.points;
                    }
                    case DEVIATION -> {
                        deviationCaught += r.fail[k];
                        deviationBugs += r.points;
                    }
                }
            }
            if (r.c.group == ObservedCase.Group.SMOOTH) {
                smoothInconclusive += r.inconclusive[0];
                smoothCorrect += r.points;
            }
        }
        StringBuilder sb = new StringBuilder("| target of issue 11 | measured | met |\n|---|---|---|\n");
        target(sb, "0 false failures in every class and mode", falseFailures + " in " + correct + " correct checks",
                falseFailures == 0);
        target(sb, "every non-finite claim caught", nonFiniteCaught + "/" + nonFinite, nonFiniteCaught == nonFinite);
        target(sb, "every ignored upstream gradient caught", ignoredCaught + "/" + ignored, ignoredCaught == ignored);
        target(sb, "smooth double subjects: bugs of 1e-6 caught at ≥ 99% of points",
                smoothCaught + "/" + smoothBugs + " (" + pct(smoothCaught, smoothBugs) + ")",
                smoothCaught >= 0.99 * smoothBugs);
        target(sb, "noisy subjects: bugs of 100× the measured noise caught at ≥ 99% of points",
                noisyCaught + "/" + noisyBugs + " (" + pct(noisyCaught, noisyBugs) + ")", noisyCaught >= 0.99 * noisyBugs);
        target(sb, "inconclusive ≤ 1% of points on smooth subjects",
                smoothInconclusive + "/" + smoothCorrect + " (" + pct(smoothInconclusive, smoothCorrect) + ")",
                smoothInconclusive <= 0.01 * smoothCorrect);
        target(sb, "a declared flat spot with an unrelated bug fails",
                deviationCaught + "/" + deviationBugs + " (" + pct(deviationCaught, deviationBugs) + ")",
                deviationCaught == deviationBugs);
        return sb.toString();
    }

    private static void target(StringBuilder sb, String what, String measured, boolean met) {
        sb.append("| ").append(what).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**")
                .append(" |\n");
    }

    static String pct(int k, int n) {
        return String.format(Locale.ROOT, "%.1f%%", n == 0 ? 0 : 100.0 * k / n);
    }
}
