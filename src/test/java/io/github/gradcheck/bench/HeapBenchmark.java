package io.github.gradcheck.bench;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The heap one check needs, as a multiple of the user's data: the smallest {@code -Xmx} at which a
 * check of a subject with a 10⁷-element input (80 MB in double) completes, found by bisection over
 * child JVMs, divided by the size of the input. The subject is f(x) = Σ xᵢ² / 2, whose forward reads
 * its input without copying it and whose backward returns a new array (as user code does). The
 * figure includes everything live at the peak: the point, the claimed gradients, the probes'
 * perturbed copies and what the user's code allocates in one call; not the JVM's own baseline,
 * which is measured with an empty check of a 1-element input and subtracted. Beside it, the same
 * bisection finds the least any check of this subject can need, a child that holds only what a
 * check cannot do without (the point, the claim it keeps, and the array the user's backward returns
 * while the claim is kept), and the heap of the point and one copy alone.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=io.github.gradcheck.bench.HeapBenchmark}
 * (optional arguments: the number of input elements, default 10000000; the collector the child JVMs
 * run with, as its HotSpot option names it, default {@code SerialGC}, e.g. {@code G1GC}).
 */
public final class HeapBenchmark {

    /** The collector the child JVMs run with, as {@code -XX:+Use<collector>} names it. */
    private static String collector = "SerialGC";

    private HeapBenchmark() {
    }

    /** f(x) = Σ xᵢ²/2 with ∂f/∂x = gOut·x, reading the input in place. */
    static FunctionSubject halfSquaredNorm() {
        return FailingCostBenchmark.halfSquaredNorm(-1);
    }

    /** In a child JVM: one check of an input of {@code args[1]} elements; exit 0 when it completes. */
    static void child(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i);
        }
        Point p = Point.of("x", x);
        x = null;
        GradientReport r = new GradientChecker(CheckOptions.defaults()).check(halfSquaredNorm(), p);
        System.exit(r.passed() ? 0 : 2);
    }

    /**
     * In a child JVM: what any check of this subject must hold at once, and nothing else: the point
     * and the claimed gradient it keeps (a copy: the user may reuse the array), and with
     * {@code backward} also the fresh array the user's backward returns when it runs again (or, at
     * its first run, the array the claim is copied from).
     */
    static void floor(int n, boolean backward) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i);
        }
        Point p = Point.of("x", x);
        x = null;
        double[] claim = p.get("x").toArray(); // the one copy, as a check keeps its claim
        double[] again = new double[backward ? n : 1];
        for (int i = 0; i < again.length; i++) {
            again[i] = claim[i] + p.get("x").get(i);
        }
        System.exit(again[again.length - 1] == 2 * claim[again.length - 1] ? 0 : 3);
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(Integer.parseInt(args[1]));
            return;
        }
        if (args.length > 0 && args[0].startsWith("floor")) {
            floor(Integer.parseInt(args[1]), args[0].equals("floor-with-backward"));
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        collector = args.length > 1 ? args[1] : "SerialGC";
        long data = 8L * n;
        int baseline = smallestHeapMiB(1, 4, 256);
        int low = Math.max(baseline, (int) (data >> 20));
        int needed = smallestHeapMiB(n, low, (int) (16 * data >> 20) + baseline);
        double ratio = (needed - baseline) * (double) (1 << 20) / data;
        System.out.printf(Locale.ROOT, "Heap benchmark: one check of a %d-element double input (%d MiB)%n", n,
                data >> 20);
        if (!collector.equals("SerialGC")) {
            System.out.printf(Locale.ROOT, "collector: -XX:+Use%s%n", collector);
        }
        System.out.printf(Locale.ROOT, "smallest -Xmx that completes it: %d MiB; the JVM's baseline: %d MiB%n",
                needed, baseline);
        System.out.printf(Locale.ROOT, "heap per check: %d MiB = %.2f x the input%n", needed - baseline, ratio);
        int floor = smallestHeapMiB("floor-with-backward", n, low, needed);
        System.out.printf(Locale.ROOT, "the least any check needs (the point, the claim it keeps and the array the"
                + " backward returns, nothing else): %d MiB = %.2f x the input%n", floor - baseline,
                (floor - baseline) * (double) (1 << 20) / data);
        int two = smallestHeapMiB("floor", n, low, floor);
        System.out.printf(Locale.ROOT, "the point and one copy of it alone: %d MiB = %.2f x the input%n",
                two - baseline, (two - baseline) * (double) (1 << 20) / data);
    }

    /** The smallest heap, in MiB within [{@code low}, {@code high}], at which the child completes the check. */
    static int smallestHeapMiB(int n, int low, int high) throws IOException, InterruptedException {
        return smallestHeapMiB("child", n, low, high);
    }

    /** As {@link #smallestHeapMiB(int, int, int)} for the child {@code mode} ("child" or "floor"). */
    static int smallestHeapMiB(String mode, int n, int low, int high) throws IOException, InterruptedException {
        if (!completes(mode, n, high)) {
            throw new IllegalStateException("the check of " + n + " elements does not complete in " + high + " MiB");
        }
        while (high - low > Math.max(2, low / 50)) {
            int mid = (low + high) >>> 1;
            if (completes(mode, n, mid)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    /** The class path this class was loaded from: under {@code exec:java} a class loader's, not the JVM's. */
    static String classPath() {
        if (HeapBenchmark.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    static boolean completes(int n, int heapMiB) throws IOException, InterruptedException {
        return completes("child", n, heapMiB);
    }

    static boolean completes(String mode, int n, int heapMiB) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heapMiB + "m", "-XX:+Use" + collector, "-cp",
                classPath(), HeapBenchmark.class.getName(), mode, Integer.toString(n)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File("/dev/null"))
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the child at " + heapMiB + " MiB did not finish in 10 minutes");
        }
        return p.exitValue() == 0;
    }
}
