package io.github.gradcheck.check;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * The computational noise of the checked output at the point, as measured along one element
 * before its comparison was decided (Moré and Wild's ECnoise): the part of the output's values
 * that no smooth function explains, from float arithmetic inside double code, a solver stopped at
 * a tolerance, an interpolated table or a long sum. gradcheck measures it where the first family
 * of steps did not pass an element, and uses it where the type's rounding was assumed, when it is
 * larger.
 *
 * @param sigma the noise's standard deviation, in the units of the output (0 where none stood
 *     above the values' resolution)
 * @param magnitude the output's magnitude it is relative to ({@code |f|} for a scalar output,
 *     per unit of the output)
 * @param evaluations the forward evaluations the measurement cost
 * @param aboveRounding whether the noise is clearly above the rounding of the output's type
 *     (more than 4 times {@code ε·|f|/2}): the type's rounding would have understated it
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record MeasuredNoise(double sigma, double magnitude, int evaluations, boolean aboveRounding) {

    /** {@return the noise relative to the output's magnitude: {@code σ/|f|} (infinite on a zero magnitude)} */
    public double relative() {
        if (sigma == 0) {
            return 0;
        }
        return magnitude > 0 ? sigma / magnitude : Double.POSITIVE_INFINITY;
    }

    /**
     * {@return the report's line}, e.g. {@code noise: about 3e-8 of |f| at x[0], measured from 14
     * evaluations}
     *
     * @param where the element it was measured along, as printed (e.g. {@code x[0]})
     */
    public String describe(String where) {
        if (sigma == 0) {
            return "noise: at the rounding level at " + where + " (none above the values' resolution in "
                    + evaluations + " evaluations)";
        }
        String size = magnitude > 0 ? oneDigit(relative()) + " of |f|" : oneDigit(sigma) + " (absolute; f is 0)";
        return "noise: about " + size + " at " + where + ", measured from " + evaluations + " evaluations";
    }

    /** {@code v} with one significant digit and a short exponent: 3e-8, 1e-16, 0.2, 5. */
    static String oneDigit(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return String.valueOf(v);
        }
        int exponent = (int) Math.floor(Math.log10(Math.abs(v)));
        long mantissa = Math.round(v / Math.pow(10, exponent));
        if (Math.abs(mantissa) == 10) {
            mantissa /= 10;
            exponent++;
        }
        if (exponent >= -1 && exponent <= 2) {
            return BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent).toPlainString();
        }
        return mantissa + "e" + exponent;
    }
}
