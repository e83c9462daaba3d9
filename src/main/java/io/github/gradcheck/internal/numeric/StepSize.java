package io.github.gradcheck.internal.numeric;

import io.github.gradcheck.model.Precision;
import org.apiguardian.api.API;

/**
 * Chooses finite-difference steps. Every step is a power of two times the scale
 * {@code s = max(|x|, typical scale, 1)} rounded down to a power of two, never scaled by
 * {@code |x|} alone (log(1 + x) at x = 1e-8 would lose digits) and never below a few units
 * in the last place of {@code x}. With power-of-two steps, {@code x ± k·h} is exact whenever
 * {@code |x| ≥ k·h}, and otherwise off by less than one unit in the last place of the
 * displacement; callers always use the displacement they actually got.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class StepSize {

    private StepSize() {
    }

    /**
     * The step for a scheme whose error balances {@code h^order} truncation against
     * {@code ε/h} rounding (the optimum is near {@code ε^(1/(order+1))·s}).
     *
     * @param x the value being perturbed
     * @param typicalScale the typical magnitude of values like it (0 when unknown)
     * @param precision the precision {@code x} is computed in
     * @param order the order of the scheme's truncation error
     */
    static double choose(double x, double typicalScale, Precision precision, int order) {
        double ideal = Math.pow(precision.epsilon(), 1.0 / (order + 1)) * scale(x, typicalScale);
        return atLeastUlps(x, powerOfTwoAtMost(ideal), precision);
    }

    /** The scale {@code s = max(|x|, |typicalScale|, 1)} rounded down to a power of two. */
    static double scale(double x, double typicalScale) {
        double s = Math.max(Math.max(Math.abs(x), Math.abs(typicalScale)), 1.0);
        return Double.isFinite(s) ? powerOfTwoAtMost(s) : 1.0;
    }

    /**
     * The base step of the cheap screen (a fourth-order stencil at {@code h, 2h, 4h}): the
     * power of two at most {@code ε^(1/5)·s / 2}.
     */
    public static double screen(double x, double typicalScale, Precision precision) {
        return choose(x, typicalScale, precision, 4) / 2;
    }

    /**
     * The first step of each robust run ({@code s} a power of two), each at least a few units in
     * the last place of {@code x}. In double {@code s/8}, {@code s/64}, {@code s/512},
     * {@code s/4096}: one ladder of power-of-two steps entered at four places (the last reaches
     * features of scale 1e-5 that {@code s ≥ 1} would step over). In float, where rounding
     * dominates, larger steps on three independent ladders: {@code s/2}, {@code 3s/8},
     * {@code 5s/16} (ratios that are not powers of two, so that no two runs share a sample; see
     * {@link RobustDifference}).
     */
    public static double[] robustStarts(double x, double typicalScale, Precision precision) {
        double s = scale(x, typicalScale);
        double[] fractions = precision == Precision.FLOAT ? new double[] {1.0 / 2, 3.0 / 8, 5.0 / 16}
                : new double[] {1.0 / 8, 1.0 / 64, 1.0 / 512, 1.0 / 4096};
        double[] starts = new double[fractions.length];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = atLeastUlps(x, s * fractions[i], precision);
        }
        return starts;
    }

    /** The largest power of two not above {@code v} (v &gt; 0). */
    static double powerOfTwoAtMost(double v) {
        return Math.scalb(1.0, Math.getExponent(v));
    }

    /** {@code x + offset} rounded to {@code precision}: the perturbed value actually used. */
    public static double displaced(double x, double offset, Precision precision) {
        return precision.round(x + offset);
    }

    private static double atLeastUlps(double x, double h, Precision precision) {
        double ulp = precision == Precision.FLOAT ? Math.ulp((float) x) : Math.ulp(x);
        double step = h;
        while (step < 64 * ulp) {
            step *= 2;
        }
        return step;
    }
}
