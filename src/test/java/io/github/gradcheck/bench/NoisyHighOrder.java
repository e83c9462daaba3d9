package io.github.gradcheck.bench;

import io.github.gradcheck.internal.numeric.Noise;
import io.github.gradcheck.internal.numeric.NoiseEstimation;
import io.github.gradcheck.internal.numeric.Probe;
import io.github.gradcheck.internal.numeric.Sample;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * A measurement, not part of the engine: how far a noise-aware, high-order central difference gets
 * on the noisy classes of the verdict benchmark, where the engine's second-order-limited
 * confirmation catches almost none of the bugs of 100× the measured noise.
 *
 * <p>Along one element, with the noise σ measured by ECnoise (as the engine measures it), central
 * stencils of order 6 and 8 are evaluated on a ladder of large steps (from 1 down by 0.6). The
 * error of the order-8 estimate at step h is taken as {@code 3·c₈·σ/h} (its noise; c₈ = 1.17, the
 * stencil's noise gain) plus {@code |D₈(h) − D₆(h)|} (an over-estimate of its truncation, the
 * order-6 estimate's own), and the step with the smallest such error is used. A claim fails only
 * where it disagrees by more than S = 10 times that error on two ladders whose steps are
 * incommensurate (the second from e^-0.35). Reported: false failures on correct claims, and the
 * detection of bugs of 100× the measured relative noise.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.mainClass=io.github.gradcheck.bench.NoisyHighOrder [-Dexec.args=points]
 * </pre>
 */
public final class NoisyHighOrder {

    private static final double S = 10;
    private static final double NOISE_GAIN_8 = 1.17;

    private NoisyHighOrder() {
    }

    /** The estimate at the chosen step of one ladder: value, error, evaluations. */
    record Estimate(double value, double error, double step, int evaluations, double noise) {
    }

    /**
     * How the tolerance is made from the error's two parts: {@code S·(noise + truncation)} as the engine
     * does, or {@code noiseMargin·c₈·σ/h + S·truncation} (the noise bound taken at noiseMargin·σ,
     * i.e. 3σ times ECnoise's factor-3 uncertainty for 9, instead of S·3σ).
     */
    record Policy(String name, double noiseFactor, double truncationFactor) {

        double tolerance(double noise, double truncation) {
            return noiseFactor * noise + truncationFactor * truncation;
        }
    }

    static final Policy ENGINE = new Policy("S·(3σ noise + truncation), as the engine", S * 3, S);
    static final Policy NOISE_AT_9_SIGMA = new Policy("9σ noise + S·truncation", 9, S);

    static Estimate ladder(DoubleUnaryOperator phi, double sigma, double first, Policy policy) {
        return ladder(phi, sigma, first, policy, 0.6);
    }

    static Estimate ladder(DoubleUnaryOperator phi, double sigma, double first, Policy policy, double ratio) {
        Estimate best = null;
        int evaluations = 0;
        for (double h = first; h > first * 1e-3; h *= ratio) {
            double[] d = new double[5];
            for (int k = 1; k <= 4; k++) {
                double hk = k * h;
                d[k] = phi.applyAsDouble(hk) - phi.applyAsDouble(-hk);
            }
            evaluations += 8;
            double d6 = (45 * d[1] - 9 * d[2] + d[3]) / (60 * h);
            double d8 = (672 * d[1] - 168 * d[2] + 32 * d[3] - 3 * d[4]) / (840 * h);
            double noise = NOISE_GAIN_8 * sigma / h;
            double error = policy.tolerance(noise, Math.abs(d8 - d6));
            if (best == null || error < best.error()) {
                best = new Estimate(d8, error, h, 0, policy.noiseFactor() * noise);
            }
        }
        return new Estimate(best.value(), best.error(), best.step(), evaluations, best.noise());
    }

    public static void main(String[] args) {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        List<ObservedCases.FunctionCase> classes = List.of((ObservedCases.FunctionCase) ObservedCases.partlyFloat(),
                (ObservedCases.FunctionCase) ObservedCases.solver(), (ObservedCases.FunctionCase) ObservedCases.floatTable(),
                (ObservedCases.FunctionCase) ObservedCases.longChain());
        System.out.printf(Locale.ROOT, "Noise-aware order-8 central differences on the noisy classes, %d points each%n%n", points);
        System.out.println("| class | noise median | false failures | bug 100× noise caught | bug 100·σ/s caught | bug 1e-4 caught | median resolution / (100× noise) | step the noise alone needs, median / 99th percentile | evaluations per element |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        if (args.length > 1 && args[1].equals("float")) {
            floats(points);
            return;
        }
        for (Policy policy : List.of(ENGINE, NOISE_AT_9_SIGMA)) {
        System.out.println("| " + policy.name() + " | | | | | | | | |");
        for (ObservedCases.FunctionCase c : classes) {
            SplittableRandom r = new SplittableRandom(1100);
            int n = c.name.startsWith("long chain") ? Math.max(20, points / 10) : points;
            int falseFailures = 0;
            int caught = 0;
            int caught4 = 0;
            int caughtAtScale = 0;
            int evaluations = 0;
            double[] noises = new double[n];
            double[] ratio = new double[n];
            double[] noiseShare = new double[n];
            double[] steps = new double[n];
            double[] fOverDf = new double[n];
            double[] needed = new double[n];
            for (int p = 0; p < n; p++) {
                double[] x = c.x(r);
                int j = r.nextInt(c.size);
                Point point = Point.of("x", x);
                double rel = c.relativeNoise(point, j);
                double g0 = c.g(x);
                double sigma = rel * Math.abs(g0);
                noises[p] = rel;
                DoubleUnaryOperator phi = t -> {
                    double[] y = x.clone();
                    y[j] = x[j] + t;
                    return c.g(y);
                };
                // steps kept exact: h = (x + h) − x
                DoubleUnaryOperator exact = t -> phi.applyAsDouble((x[j] + t) - x[j]);
                Estimate a = ladder(exact, sigma, 1.0, policy);
                Estimate b = ladder(exact, sigma, Math.exp(-0.35), policy);
                evaluations += a.evaluations() + b.evaluations();
                double truth = c.dg(x)[j];
                falseFailures += fails(truth, a, b) ? 1 : 0;
                caught += fails(truth * (1 + 100 * rel), a, b) ? 1 : 0;
                caught4 += fails(truth * (1 + 1e-4), a, b) ? 1 : 0;
                // the noise in the gradient's units: σ over the value's scale s = max(|x|, 1), the step a first
                // difference would take; a bug of 100 times that, whatever |f| is
                double scale = Math.max(1, Math.abs(x[j]));
                caughtAtScale += fails(truth + Math.copySign(100 * sigma / scale, truth), a, b) ? 1 : 0;
                double resolution = Math.max(a.error(), b.error()) / Math.abs(truth);
                ratio[p] = resolution / (100 * rel);
                noiseShare[p] = a.noise() / a.error();
                steps[p] = a.step();
                fOverDf[p] = Math.abs(g0 / truth);
                // the bug is 100·σ·|f'|/|f| absolute; the noise bound is noiseFactor·c₈·σ/h: it must be smaller
                needed[p] = policy.noiseFactor() * NOISE_GAIN_8 * Math.abs(g0) / (100 * Math.abs(truth));
            }
            java.util.Arrays.sort(noises);
            java.util.Arrays.sort(ratio);
            java.util.Arrays.sort(noiseShare);
            java.util.Arrays.sort(steps);
            java.util.Arrays.sort(fOverDf);
            java.util.Arrays.sort(needed);
            System.err.printf(Locale.ROOT, "%s: median noise share of the error %.2f, step %.3g, |f|/|f'| %.3g%n", c.name,
                    noiseShare[n / 2], steps[n / 2], fOverDf[n / 2]);
            System.out.printf(Locale.ROOT, "| %s | %.0e | %d/%d | %d/%d (%.1f%%) | %d/%d (%.1f%%) | %d/%d (%.1f%%) | %.2g | %.2g / %.2g | %d |%n", c.name,
                    noises[n / 2], falseFailures, n, caught, n, 100.0 * caught / n, caughtAtScale, n,
                    100.0 * caughtAtScale / n, caught4, n, 100.0 * caught4 / n,
                    ratio[n / 2], needed[n / 2], needed[(int) (0.99 * (n - 1))], evaluations / n);
        }
        }
        floats(points);
    }

    /**
     * The same estimate on the float32 subjects of the first part (float steps of few mantissa bits,
     * 0.75·2^-i and 0.625·2^-i, so that x + k·h is exact): bugs of 1e-3 and 1e-4, correct claims.
     */
    static void floats(int points) {
        System.out.printf(Locale.ROOT, "%nfloat32 subjects, %d points each (a significant element, as the benchmark"
                + " draws it)%n%n", points);
        System.out.println("| subject | policy | false failures | bug 1e-3 caught | bug 1e-4 caught | evaluations per element |");
        System.out.println("|---|---|---|---|---|---|");
        for (BenchCase c : List.of(BenchCases.floatTanh(), BenchCases.floatLogSumExp(), BenchCases.floatLayerNorm())) {
            for (Policy policy : List.of(ENGINE, NOISE_AT_9_SIGMA)) {
                SplittableRandom r = new SplittableRandom(2200);
                int falseFailures = 0;
                int caught3 = 0;
                int caught4 = 0;
                int evaluations = 0;
                for (int p = 0; p < points; p++) {
                    double[] x = c.draw(r);
                    double[] g = c.gradient(x);
                    int j = significant(g, r);
                    DoubleUnaryOperator phi = t -> {
                        double[] y = x.clone();
                        y[j] = (float) (x[j] + t);
                        return c.value(y);
                    };
                    double sigma = floatNoise(phi, x[j]);
                    Estimate a = ladder(phi, sigma, 0.75, policy, 0.5);
                    Estimate b = ladder(phi, sigma, 0.625, policy, 0.5);
                    evaluations += a.evaluations() + b.evaluations() + NoiseEstimation.DEFAULT_BUDGET;
                    double sign = r.nextBoolean() ? 1 : -1;
                    falseFailures += fails(g[j], a, b) ? 1 : 0;
                    caught3 += fails((float) (g[j] * (1 + sign * 1e-3)), a, b) ? 1 : 0;
                    caught4 += fails((float) (g[j] * (1 + sign * 1e-4)), a, b) ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %d/%d | %d/%d (%.1f%%) | %d/%d (%.1f%%) | %d |%n", c.name,
                        policy.name(), falseFailures, points, caught3, points, 100.0 * caught3 / points, caught4, points,
                        100.0 * caught4 / points, evaluations / points);
            }
        }
    }

    /** ECnoise along the element in float: the σ of the output, absolute. */
    static double floatNoise(DoubleUnaryOperator phi, double x) {
        Map<Double, Sample> cache = new HashMap<>();
        double f0 = phi.applyAsDouble(0);
        Probe probe = offset -> cache.computeIfAbsent(offset, o -> {
            double step = (double) (float) (x + o) - x;
            double v = phi.applyAsDouble(step);
            return new Sample(step, new double[] {v}, new double[] {Math.abs(v)}, v == f0);
        });
        double typical = Math.max(1, Math.abs(x));
        Noise n = NoiseEstimation.measure(probe, 0, x, typical, Precision.FLOAT,
                NoiseEstimation.spacing(x, typical, Precision.FLOAT), NoiseEstimation.DEFAULT_BUDGET);
        // where none stood above the values' resolution: half an ulp of the output in float
        return Math.max(n.sigma(), 0.5 * Math.ulp((float) f0));
    }

    private static int significant(double[] g, SplittableRandom r) {
        double max = 0;
        for (double v : g) {
            max = Math.max(max, Math.abs(v));
        }
        while (true) {
            int j = r.nextInt(g.length);
            if (Math.abs(g[j]) >= 0.1 * max) {
                return j;
            }
        }
    }

    private static boolean fails(double claim, Estimate a, Estimate b) {
        return Math.abs(claim - a.value()) > a.error() && Math.abs(claim - b.value()) > b.error();
    }
}
