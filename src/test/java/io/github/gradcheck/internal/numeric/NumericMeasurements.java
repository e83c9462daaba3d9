package io.github.gradcheck.internal.numeric;

import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * The measurements of docs/design/verdicts-that-measure.md (not a test):
 *
 * <pre>mvn -q test-compile exec:java -Dexec.mainClass=io.github.gradcheck.internal.numeric.NumericMeasurements</pre>
 *
 * Every subject at random points (fixed seeds), each block on its own and the three wired as
 * {@link ProbeConfirmation}, verdicts by the default {@link TolerancePolicy}.
 */
public final class NumericMeasurements {

    private static final double EPS = Precision.DOUBLE.epsilon();
    private static final TolerancePolicy POLICY = TolerancePolicy.defaults();

    private record Subject(String name, Precision precision, DoubleUnaryOperator f, DoubleUnaryOperator df,
                           DoubleUnaryOperator exact, double lo, double hi, int points, double bug) {
    }

    private NumericMeasurements() {
    }

    /**
     * Prints the tables.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Precision d = Precision.DOUBLE;
        List<Subject> noisy = List.of(
                new Subject("double computed partly in float", d, Subjects::partlyFloat,
                        Subjects::partlyFloatDerivative, Subjects::partlyFloatExact, -3, 3, 1000, 1e-2),
                new Subject("bisection to a tolerance of 1e-9", d, Subjects::bisection, Subjects::bisectionDerivative,
                        Subjects::bisectionExact, -5, 5, 1000, 1e-5),
                new Subject("float table, linear interpolation", d, Subjects::table, Math::cos, Math::sin, 0.1, 3,
                        1000, 1e-2),
                new Subject("long sum (3000 terms that cancel)", d, Subjects::longSum, Subjects::longSumDerivative,
                        Subjects::longSumAccurate, -2, 2, 30, 1e-6));
        List<Subject> clean = List.of(
                new Subject("sin", d, Math::sin, Math::cos, null, -3, 3, 1000, 1e-6),
                new Subject("exp(10x)", d, v -> Math.exp(10 * v), v -> 10 * Math.exp(10 * v), null, -1, 1, 1000, 1e-6),
                new Subject("log, x in [1e-3, 10]", d, Math::log, v -> 1 / v, null, 1e-3, 10, 1000, 1e-6),
                new Subject("float tanh(x)·x (float inputs)", Precision.FLOAT,
                        v -> (float) Math.tanh((float) v) * (float) v,
                        v -> Math.tanh(v) + v * (1 - Math.tanh(v) * Math.tanh(v)), null, -3, 3, 1000, 1e-3));
        List<Subject> features = List.of(
                new Subject("1/x, x in [5e-7, 2e-6]", d, v -> 1 / v, v -> -1 / (v * v), null, 5e-7, 2e-6, 1000, 1e-6),
                new Subject("sin(1e6·x)", d, v -> Math.sin(1e6 * v), v -> 1e6 * Math.cos(1e6 * v), null, 0, 1, 1000,
                        1e-6),
                new Subject("x + bump of width 1e-4", d, Subjects::bump, Subjects::bumpDerivative, null,
                        -3 * Subjects.WIDTH, 3 * Subjects.WIDTH, 1000, 1e-6),
                new Subject("tan, 1e-6..1e-4 from its pole", d, Math::tan, v -> 1 / (Math.cos(v) * Math.cos(v)), null,
                        Math.PI / 2 - 1e-4, Math.PI / 2 - 1e-6, 1000, 1e-6),
                new Subject("cos(256·π·x)", d, Subjects::cos256, Subjects::cos256Derivative, null, 0, 1, 1000, 1e-6),
                new Subject("cos(256·π·x) at 0.3", d, Subjects::cos256, Subjects::cos256Derivative, null, 0.3, 0.3, 1,
                        1e-6),
                new Subject("Σ_{k<16} sin(2^k·π·x)", d, Subjects::encoding, Subjects::encodingDerivative, null, 0, 1,
                        1000, 1e-6),
                new Subject("sin(x), x near -1e300", d, Math::sin, Math::cos, null, -1e300, -0.9e300, 100, 1e-6));

        System.out.println("## Noise (NoiseEstimation.measure, default spacing and budget)");
        System.out.println();
        System.out.println("| subject | points | found | σ/σ_true min · median · max | within 3× | evaluations mean · max |");
        System.out.println("|---|---|---|---|---|---|");
        for (Subject s : noisy) {
            noise(s);
        }
        for (Subject s : clean.subList(0, 3)) {
            rounding(s);
        }
        System.out.println();
        System.out.println("## Scale (FunctionScale.find, with the measured noise)");
        System.out.println();
        System.out.println("| subject | points | resolved | scale min · max | estimate covers the truth | evaluations mean · max |");
        System.out.println("|---|---|---|---|---|---|");
        for (List<Subject> group : List.of(clean, features, noisy)) {
            for (Subject s : group) {
                scale(s);
            }
        }
        System.out.println();
        System.out.println("## Noise, scale and confirmation wired (ProbeConfirmation.measure), default TolerancePolicy");
        System.out.println();
        System.out.println("| subject | points | correct claim FAIL | inconclusive | bug | bug caught | "
                + "resolution median · p99 | within own error | evaluations mean · max |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (List<Subject> group : List.of(clean, features, noisy)) {
            for (Subject s : group) {
                wired(s);
            }
        }
        System.out.println();
        System.out.println("## Bugs caught under noise, by size (ProbeConfirmation.measure)");
        System.out.println();
        System.out.println("| subject | points | 1e-5 | 1e-4 | 1e-3 | 1e-2 | 1e-1 |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Subject s : noisy) {
            sweep(s);
        }
        sweep(clean.get(3));
        System.out.println();
        System.out.println("## The same subjects measured by the first family alone (RobustDifference from "
                + "StepSize.robustStarts) and by the confirmation alone from the first family's start s/8");
        System.out.println();
        System.out.println("| subject | points | RobustDifference: correct claim FAIL | confirmation from s/8: "
                + "correct claim FAIL | confirmation from s/8: no answer |");
        System.out.println("|---|---|---|---|---|");
        for (List<Subject> group : List.of(features, noisy)) {
            for (Subject s : group) {
                blind(s);
            }
        }
    }

    private static double[] points(Subject s, long seed) {
        Random random = new Random(seed);
        double[] x = new double[s.points()];
        for (int i = 0; i < x.length; i++) {
            x[i] = s.precision().round(s.lo() + (s.hi() - s.lo()) * random.nextDouble());
        }
        return x;
    }

    private static void noise(Subject s) {
        double[] ratios = new double[s.points()];
        int found = 0;
        int within = 0;
        long evaluations = 0;
        int most = 0;
        double[] xs = points(s, 1);
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i];
            Noise n = NoiseEstimation.measure(Subjects.probe(x, s.f()), 0, x, 0, s.precision(),
                    NoiseEstimation.spacing(x, 0, s.precision()), NoiseEstimation.DEFAULT_BUDGET);
            double truth = Subjects.trueNoise(s.f(), s.exact(), x, 1e-3, 300);
            ratios[i] = n.sigma() / truth;
            found += n.measured() ? 1 : 0;
            within += n.measured() && ratios[i] >= 1.0 / 3 && ratios[i] <= 3 ? 1 : 0;
            evaluations += n.evaluations();
            most = Math.max(most, n.evaluations());
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f · %.2f · %.2f | %.1f%% | %.1f · %d |%n", s.name(),
                s.points(), found, ratios[0], ratios[ratios.length / 2], ratios[ratios.length - 1],
                100.0 * within / s.points(), evaluations / (double) s.points(), most);
    }

    private static void rounding(Subject s) {
        double worst = 0;
        long evaluations = 0;
        int most = 0;
        int found = 0;
        for (double x : points(s, 1)) {
            Noise n = NoiseEstimation.measure(Subjects.probe(x, s.f()), 0, x, 0, s.precision(),
                    NoiseEstimation.spacing(x, 0, s.precision()), NoiseEstimation.DEFAULT_BUDGET);
            worst = Math.max(worst, n.relative() / EPS);
            found += n.measured() ? 1 : 0;
            evaluations += n.evaluations();
            most = Math.max(most, n.evaluations());
        }
        System.out.printf(Locale.ROOT, "| %s (clean: σ/\\|f\\| at most %.1f ε) | %d | %d | | | %.1f · %d |%n", s.name(),
                worst, s.points(), found, evaluations / (double) s.points(), most);
    }

    private static double sigma(Probe probe, double x, Precision p) {
        return NoiseEstimation.measure(probe, 0, x, 0, p, NoiseEstimation.spacing(x, 0, p),
                NoiseEstimation.DEFAULT_BUDGET).sigma();
    }

    private static void scale(Subject s) {
        int resolved = 0;
        int covered = 0;
        long evaluations = 0;
        int most = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double x : points(s, 2)) {
            Probe probe = Subjects.probe(x, s.precision(), s.f());
            FunctionScale.Scale sc = FunctionScale.find(probe, 0, x, 0, s.precision(), sigma(probe, x, s.precision()),
                    s.precision().epsilon(), FunctionScale.DEFAULT_BUDGET);
            evaluations += sc.evaluations();
            most = Math.max(most, sc.evaluations());
            if (sc.resolved()) {
                resolved++;
                min = Math.min(min, sc.scale());
                max = Math.max(max, sc.scale());
                covered += Math.abs(sc.estimate().value() - s.df().applyAsDouble(x)) <= sc.estimate().error() ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %d | %.1f · %d |%n", s.name(), s.points(), resolved,
                resolved == 0 ? "–" : String.format(Locale.ROOT, "%.2g · %.2g", min, max), covered,
                evaluations / (double) s.points(), most);
    }

    private static Verdict verdict(double claim, Estimate e, Precision p) {
        if (!Double.isFinite(e.value()) || !Double.isFinite(e.error())) {
            return Verdict.INCONCLUSIVE;
        }
        return POLICY.verdict(claim, e.value(), POLICY.tolerance(claim, e.value(), e.error(), p), p);
    }

    private static void wired(Subject s) {
        Random random = new Random(3);
        int fail = 0;
        int inconclusive = 0;
        int caught = 0;
        int within = 0;
        int confirmed = 0;
        long evaluations = 0;
        int most = 0;
        List<Double> resolution = new ArrayList<>();
        for (double x : points(s, 3)) {
            ProbeConfirmation.Result r = ProbeConfirmation.measure(Subjects.probe(x, s.precision(), s.f()), 0, x, 0,
                    s.precision(), s.precision().epsilon());
            evaluations += r.evaluations();
            most = Math.max(most, r.evaluations());
            double truth = s.df().applyAsDouble(x);
            Estimate e = r.estimate();
            Verdict right = verdict(truth, e, s.precision());
            fail += right == Verdict.FAIL ? 1 : 0;
            inconclusive += right == Verdict.INCONCLUSIVE ? 1 : 0;
            double wrong = truth * (1 + (random.nextBoolean() ? s.bug() : -s.bug()));
            caught += verdict(wrong, e, s.precision()) == Verdict.FAIL ? 1 : 0;
            if (r.confirmed()) {
                confirmed++;
                within += Math.abs(e.value() - truth) <= e.error() ? 1 : 0;
                resolution.add(e.error() / Math.max(Math.abs(truth), Math.abs(e.value())));
            }
        }
        String res = "–";
        if (!resolution.isEmpty()) {
            resolution.sort(null);
            res = String.format(Locale.ROOT, "%.1e · %.1e", resolution.get(resolution.size() / 2),
                    resolution.get(Math.min(resolution.size() - 1, (int) (0.99 * resolution.size()))));
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.0e | %.1f%% | %s | %d of %d | %.1f · %d |%n", s.name(),
                s.points(), fail, inconclusive, s.bug(), 100.0 * caught / s.points(), res, within, confirmed,
                evaluations / (double) s.points(), most);
    }

    private static void sweep(Subject s) {
        double[] bugs = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1};
        int[] caught = new int[bugs.length];
        Random random = new Random(5);
        for (double x : points(s, 5)) {
            ProbeConfirmation.Result r = ProbeConfirmation.measure(Subjects.probe(x, s.precision(), s.f()), 0, x, 0,
                    s.precision(), s.precision().epsilon());
            double truth = s.df().applyAsDouble(x);
            for (int b = 0; b < bugs.length; b++) {
                double wrong = truth * (1 + (random.nextBoolean() ? bugs[b] : -bugs[b]));
                caught[b] += verdict(wrong, r.estimate(), s.precision()) == Verdict.FAIL ? 1 : 0;
            }
        }
        StringBuilder row = new StringBuilder("| " + s.name() + " | " + s.points() + " |");
        for (int c : caught) {
            row.append(String.format(Locale.ROOT, " %.1f%% |", 100.0 * c / s.points()));
        }
        System.out.println(row);
    }

    private static void blind(Subject s) {
        int robustFail = 0;
        int confirmFail = 0;
        int noAnswer = 0;
        for (double x : points(s, 4)) {
            Probe probe = Subjects.probe(x, s.precision(), s.f());
            double truth = s.df().applyAsDouble(x);
            double[] starts = StepSize.robustStarts(x, 0, s.precision());
            Estimate robust = RobustDifference.estimate(probe, starts, s.precision().epsilon(), 0)[0];
            robustFail += verdict(truth, robust, s.precision()) == Verdict.FAIL ? 1 : 0;
            Estimate blind = IncommensurateDifference.confirm(probe, 0, x, s.precision(), starts[0],
                    sigma(probe, x, s.precision()), s.precision().epsilon()).estimate();
            confirmFail += verdict(truth, blind, s.precision()) == Verdict.FAIL ? 1 : 0;
            noAnswer += Double.isNaN(blind.value()) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", s.name(), s.points(), robustFail, confirmFail,
                noAnswer);
    }
}
