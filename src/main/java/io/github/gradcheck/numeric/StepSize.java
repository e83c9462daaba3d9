package io.github.gradcheck.numeric;

import io.github.gradcheck.model.Precision;
import org.apiguardian.api.API;

/**
 * Chooses finite-difference steps: a power of two near {@code ε^(1/order) · s} with
 * {@code s = max(|x|, typical scale, 1)}, never below the spacing of numbers at {@code x}.
 * A power-of-two step keeps {@code x ± h} exactly representable in most cases; callers
 * still use the displacement they actually got.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class StepSize {

    private StepSize() {
    }

    /**
     * The step for a scheme whose error balances {@code h^order} truncation against
     * {@code ε/h} rounding (the optimum is near {@code ε^(1/(order+1))}).
     *
     * @param x the value being perturbed
     * @param typicalScale the typical magnitude of values like it (0 when unknown)
     * @param precision the precision {@code x} is computed in
     * @param order the order of the scheme's truncation error
     */
    public static double choose(double x, double typicalScale, Precision precision, int order) {
        double s = Math.max(Math.max(Math.abs(x), Math.abs(typicalScale)), 1.0);
        double ideal = Math.pow(precision.epsilon(), 1.0 / (order + 1)) * s;
        double h = powerOfTwoAtMost(ideal);
        double ulp = precision == Precision.FLOAT ? Math.ulp((float) x) : Math.ulp(x);
        while (h < 4 * ulp) {
            h *= 2;
        }
        return h;
    }

    /** The largest power of two not above {@code v} (v &gt; 0). */
    static double powerOfTwoAtMost(double v) {
        return Math.scalb(1.0, Math.getExponent(v));
    }

    /** {@code x + offset} rounded to {@code precision}: the perturbed value actually used. */
    public static double displaced(double x, double offset, Precision precision) {
        return precision.round(x + offset);
    }
}
