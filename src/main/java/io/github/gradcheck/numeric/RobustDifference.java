package io.github.gradcheck.numeric;

import java.util.Arrays;
import java.util.Comparator;
import org.apiguardian.api.API;

/**
 * The robust measurement: {@link RiddersExtrapolation Ridders} runs from several power-of-two
 * starting steps ({@link StepSize#robustStarts s/8, s/64, s/512, s/4096}); the two runs with the
 * smallest claimed error are kept and the error is the largest of their errors, their
 * rounding floors and their disagreement. A single run can under-estimate its error; two runs
 * from different steps rarely under-estimate together. up to 38 evaluations per direction (fewer where steps are shared).
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class RobustDifference {

    private RobustDifference() {
    }

    /**
     * One estimate per cotangent from runs starting at each of {@code starts}.
     *
     * @param minMagnitude a lower bound of the samples' noise magnitude (see {@link RiddersExtrapolation#run})
     */
    public static Estimate[] estimate(Probe probe, double[] starts, double epsilon, double minMagnitude) {
        RiddersExtrapolation.Run[][] runs = new RiddersExtrapolation.Run[starts.length][];
        for (int r = 0; r < starts.length; r++) {
            runs[r] = RiddersExtrapolation.run(probe, starts[r], epsilon, minMagnitude);
        }
        int n = runs[0].length;
        Estimate[] out = new Estimate[n];
        for (int k = 0; k < n; k++) {
            RiddersExtrapolation.Run[] byBound = new RiddersExtrapolation.Run[starts.length];
            for (int r = 0; r < starts.length; r++) {
                byBound[r] = runs[r][k];
            }
            Arrays.sort(byBound, Comparator.comparingDouble(RiddersExtrapolation.Run::bound));
            out[k] = combine(byBound[0], byBound.length > 1 ? byBound[1] : null);
        }
        return out;
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
