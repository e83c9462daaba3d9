package io.github.gradcheck.bench;

import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the cost benchmark and prints the table of BENCHMARKS.md: the timed ratios from one JMH
 * run of {@link CostBenchmark}, and the evaluation counts and detection rates of fast mode
 * (counted, not timed; reproducible). Writes the table to {@code target/cost-benchmark.md}.
 *
 * <pre>
 * mvn -q -Pbenchmarks test-compile exec:exec
 * </pre>
 */
public final class CostBenchmarks {

    private CostBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        long started = System.nanoTime();
        StringBuilder out = new StringBuilder();
        int cores = Runtime.getRuntime().availableProcessors();

        Map<String, Double> ms = new HashMap<>();
        for (RunResult r : new Runner(new OptionsBuilder().include(CostBenchmark.class.getName() + "\\.")
                .build()).run()) {
            String method = r.getParams().getBenchmark();
            ms.put(method.substring(method.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }

        GradientReport dense = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FULL))
                .check(CostBenchSubjects.dense(), CostBenchSubjects.densePoint());
        GradientReport graph = new GradientChecker(CostBenchmark.END_TO_END).check(CostBenchSubjects.stackGraph(),
                CostBenchSubjects.stackPoint());
        GradientReport traced = new GradientChecker().check(CostBenchSubjects.stackTraced(),
                CostBenchSubjects.stackPoint());

        out.append("Cost benchmark: ").append(cores).append(" cores, ").append(System.getProperty("java.vm.name"))
                .append(' ').append(System.getProperty("java.version")).append("\n\n");
        out.append("| measure | result | target | met |\n|---|---|---|---|\n");
        double overhead = ms.get("denseFullCheck") / ms.get("denseRawForwards");
        row(out, String.format(Locale.ROOT, "full check / the same number of raw forwards, dense layer of 10⁴ weights"
                        + " (%d forward evaluations: %.0f ms / %.0f ms)", dense.forwardEvaluations(),
                ms.get("denseFullCheck"), ms.get("denseRawForwards")), fmt(overhead), "≤ 1.10", overhead <= 1.10);
        for (int n : new int[] {100, 10_000, 1_000_000}) {
            GradientReport r = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FAST))
                    .check(CostBenchSubjects.cubic(n, -1, 0), CostBenchSubjects.vectorPoint(n, 1));
            row(out, "forward evaluations of fast mode, correct input of " + n + " elements ("
                    + r.verdict().label() + ")", Integer.toString(r.forwardEvaluations()), "≤ 100, independent of N",
                    r.forwardEvaluations() <= 100);
        }
        double replay = ms.get("stackDownstreamReplay") / ms.get("stackWholeForwardReplay");
        row(out, String.format(Locale.ROOT, "check of every node of a 10-layer stack, downstream replay / whole-forward"
                        + " replay (%.1f ms / %.1f ms; %d and %d forward evaluations; %s / %s)",
                ms.get("stackDownstreamReplay"), ms.get("stackWholeForwardReplay"), graph.forwardEvaluations(),
                traced.forwardEvaluations(), graph.verdict().label(), traced.verdict().label()),
                fmt(replay), "≤ 0.6", replay <= 0.6);
        double speedup = ms.get("denseFullCheck") / ms.get("denseFullCheckTwoThreads");
        row(out, String.format(Locale.ROOT, "full check of the dense layer, 1 thread / 2 threads (%.0f ms / %.0f ms)",
                ms.get("denseFullCheck"), ms.get("denseFullCheckTwoThreads")), fmt(speedup) + "×", "≥ 1.7× on 2 cores",
                speedup >= 1.7);

        out.append("\nFast mode, one wrong element of a 10⁴-element input (uniform over the elements, random sign),"
                + " 200 seeds (point, element and directions change with the seed):\n\n");
        out.append("| error / ‖g‖₂ | detected | named as the worst element | mean forward evaluations |\n"
                + "|---|---|---|---|\n");
        for (double relative : new double[] {1e-2, 1e-6, 1e-8, 1e-9, 1e-10}) {
            detection(out, 10_000, relative, 200);
        }
        out.append(String.format(Locale.ROOT, "%nTotal time %.0f s.%n", (System.nanoTime() - started) / 1e9));
        System.out.println(out);
        Path target = Path.of("target", "cost-benchmark.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, out.toString(), StandardCharsets.UTF_8);
    }

    private static void detection(StringBuilder out, int n, double relative, int seeds) {
        int detected = 0;
        int named = 0;
        long evaluations = 0;
        for (int seed = 0; seed < seeds; seed++) {
            SplittableRandom r = new SplittableRandom(1000 + seed);
            Point p = CostBenchSubjects.vectorPoint(n, 5000 + seed);
            int bad = r.nextInt(n);
            double delta = (r.nextBoolean() ? 1 : -1) * relative * CostBenchSubjects.cubicGradientNorm(n, p);
            GradientReport report = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FAST).withSeed(seed))
                    .check(CostBenchSubjects.cubic(n, bad, delta), p);
            NodeReport x = report.node("x").orElseThrow();
            detected += x.verdict() == Verdict.FAIL ? 1 : 0;
            named += x.worst().index() == bad && x.worst().verdict() == Verdict.FAIL ? 1 : 0;
            evaluations += report.forwardEvaluations();
        }
        out.append(String.format(Locale.ROOT, "| %.0e | %d/%d (%.1f%%) | %d/%d (%.1f%%) | %.0f |%n", relative, detected,
                seeds, 100.0 * detected / seeds, named, seeds, 100.0 * named / seeds, evaluations / (double) seeds));
    }

    private static void row(StringBuilder out, String what, String result, String target, boolean met) {
        out.append("| ").append(what).append(" | ").append(result).append(" | ").append(target).append(" | ")
                .append(met ? "yes" : "**no**").append(" |\n");
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }
}
