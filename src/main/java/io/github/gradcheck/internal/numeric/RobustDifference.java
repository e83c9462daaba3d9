package io.github.gradcheck.internal.numeric;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.apiguardian.api.API;

/**
 * The robust measurement: {@link RiddersExtrapolation Ridders} runs from several starting steps
 * ({@link StepSize#robustStarts}); the run with the smallest claimed error is cross-checked
 * against the next best, and the error is the largest of their errors, their rounding floors and
 * their disagreement. A single run can under-estimate its error; two runs rarely under-estimate
 * together, provided they do not share their samples.
 *
 * <p>Two kinds of starts:
 * <ul>
 *   <li>Starts a power of two apart (double: {@code s/8, s/64, s/512, s/4096}) give runs on one
 *   ladder of steps that differ in where the ladder begins. Where resolution is plentiful this is
 *   cheap and, with the conservative floor {@code 8·ε·F/h}, safe. Where the run from the smallest
 *   start wins, the error was still falling as the steps shrank: further runs from starts 8 and 64
 *   times smaller are tried (features smaller than the scale of {@code x}, such as a smoothed
 *   abs near 0).</li>
 *   <li>Starts whose ratio is not a power of two (float: {@code s/2·(1, 3/4, 5/8)}) give
 *   <em>independent</em> ladders with no sample in common. The best run is then always checked
 *   against the best run of another ladder, so that a coincidence of tableau entries in one ladder
 *   (two central differences that agree by accident at steps beyond the asymptotic range) cannot
 *   hide, and their disagreement measures the rounding noise actually present at the steps used.
 *   With that measurement in the error, the a-priori floor drops its margin: it is
 *   {@code ε·F/h}, and the first-order terms of the cancellation guard count half
 *   ({@code F ≥ ½·Σ|x·∂f/∂x|}, the noise of rounding the inputs alone). This is what makes float
 *   checks resolve relative errors of about 1e-3; see BENCHMARKS.md for the measurements.</li>
 * </ul>
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class RobustDifference {

    /** The number of steps of one run on an independent ladder (finer steps are all rounding in float). */
    static final int INDEPENDENT_LEVELS = 8;

    /** How many times the ladder of a power-of-two family is extended below its smallest start. */
    static final int EXTENSIONS = 2;

    private RobustDifference() {
    }

    /**
     * One estimate per cotangent from runs starting at each of {@code starts}.
     *
     * @param minMagnitude a lower bound of the samples' noise magnitude (see {@link RiddersExtrapolation#run})
     */
    public static Estimate[] estimate(Probe probe, double[] starts, double epsilon, double minMagnitude) {
        return estimate(probe, starts, epsilon, k -> minMagnitude);
    }

    /**
     * One estimate per cotangent, with a lower bound of the samples' noise magnitude per cotangent
     * (each row of a Jacobian carries the rounding of its own first-order terms, not of the largest row's).
     *
     * @param minMagnitude per cotangent, a lower bound of the samples' noise magnitude
     */
    public static Estimate[] estimate(Probe probe, double[] starts, double epsilon, IntToDoubleFunction minMagnitude) {
        boolean independent = hasIndependentLadders(starts);
        int levels = independent ? INDEPENDENT_LEVELS : RiddersExtrapolation.LEVELS;
        double factor = independent ? 1 : 8;
        IntToDoubleFunction guard = independent ? k -> minMagnitude.applyAsDouble(k) / 2 : minMagnitude;
        List<Double> used = new ArrayList<>();
        for (double start : starts) {
            used.add(start);
        }
        List<RiddersExtrapolation.Run[]> runs = runs(probe, used, levels, factor, epsilon, guard, independent);
        int n = runs.get(0).length;
        if (!independent) {
            double smallest = Double.POSITIVE_INFINITY;
            for (double s : starts) {
                smallest = Math.min(smallest, s);
            }
            for (int extension = 0; extension < EXTENSIONS && smallestWins(runs, used, smallest, n); extension++) {
                smallest /= 8;
                used.add(smallest);
                runs = runs(probe, used, levels, factor, epsilon, guard, false);
            }
        }
        Estimate[] out = new Estimate[n];
        for (int k = 0; k < n; k++) {
            int best = -1;
            for (int r = 0; r < runs.size(); r++) {
                if (best < 0 || runs.get(r)[k].bound() < runs.get(best)[k].bound()) {
                    best = r;
                }
            }
            int second = -1;
            for (int r = 0; r < runs.size(); r++) {
                boolean eligible = r != best && (!independent || independent(used.get(r), used.get(best)));
                if (eligible && (second < 0 || runs.get(r)[k].bound() < runs.get(second)[k].bound())) {
                    second = r;
                }
            }
            out[k] = combine(runs.get(best)[k], second < 0 ? null : runs.get(second)[k]);
        }
        return out;
    }

    /**
     * One run per start, with the granularity of all their samples (repeated samples cost nothing):
     * in the choice of entry only where independent ladders cross-check it (moving the choice to
     * larger steps on a single ladder exposes it to coincidences of tableau entries).
     */
    private static List<RiddersExtrapolation.Run[]> runs(Probe probe, List<Double> starts, int levels, double factor,
                                                          double epsilon, IntToDoubleFunction guard, boolean inChoice) {
        double[] array = new double[starts.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = starts.get(i);
        }
        double[] granularity = Granularity.of(probe, array, levels);
        List<RiddersExtrapolation.Run[]> out = new ArrayList<>();
        for (double start : array) {
            out.add(RiddersExtrapolation.run(probe, start, levels, factor, epsilon, guard, granularity, inChoice));
        }
        return out;
    }

    /** Whether some two starts are not a power of two apart (their ladders share no step). */
    static boolean hasIndependentLadders(double[] starts) {
        for (int i = 1; i < starts.length; i++) {
            if (independent(starts[0], starts[i])) {
                return true;
            }
        }
        return false;
    }

    /** Whether two steps are not a power of two apart. */
    static boolean independent(double a, double b) {
        double ratio = a / b;
        return StepSize.powerOfTwoAtMost(ratio) != ratio;
    }

    /** Whether, for some cotangent, the run from the smallest start claims the smallest error. */
    private static boolean smallestWins(List<RiddersExtrapolation.Run[]> runs, List<Double> used, double smallest,
                                        int n) {
        int last = used.indexOf(smallest);
        for (int k = 0; k < n; k++) {
            double bound = runs.get(last)[k].bound();
            boolean wins = Double.isFinite(runs.get(last)[k].value()) && bound > 0;
            for (int r = 0; r < runs.size() && wins; r++) {
                wins = r == last || runs.get(r)[k].bound() > bound;
            }
            if (wins) {
                return true;
            }
        }
        return false;
    }

    /** The estimate's step is the smallest step the best run's answer used. */
    private static Estimate combine(RiddersExtrapolation.Run first, RiddersExtrapolation.Run second) {
        double step = first.smallestStep();
        if (!Double.isFinite(first.value())) {
            return new Estimate(Double.NaN, Double.POSITIVE_INFINITY, step);
        }
        double error = first.bound();
        if (second != null && Double.isFinite(second.value())) {
            error = Math.max(error, Math.max(second.bound(), Math.abs(first.value() - second.value())));
        } else {
            // a single usable run: no cross-check, so no trust beyond a tenth of its value
            error = Math.max(error, 0.1 * Math.abs(first.value()));
        }
        return new Estimate(first.value(), error, step);
    }
}
