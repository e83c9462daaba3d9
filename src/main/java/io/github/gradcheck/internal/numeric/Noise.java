package io.github.gradcheck.internal.numeric;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * The computational noise of one probed output at the base point, measured by
 * {@link NoiseEstimation}: the standard deviation {@code σ} of the part of the values that no
 * smooth function explains (float arithmetic inside double code, an iterative solver stopped at a
 * tolerance, an interpolated table, a long sum).
 *
 * <p>Use it where the type's rounding is used today, when it is larger: {@link #epsilon(double)}
 * replaces {@code ε} in the floors {@code c·ε·F/h} of this package, {@link #perSample(double)} is
 * the noise level of one sample for floors written as {@code c·σ/h}.
 *
 * @param sigma the estimated standard deviation of the noise, in the units of the values (0 where
 *     no noise was detected above the values' resolution, and where it could not be measured)
 * @param magnitude the noise scale {@code F} of the unperturbed sample ({@link Sample#magnitude});
 *     {@code |f|} for a scalar output with a unit cotangent
 * @param level the order of the differences the estimate was read from (0 when not measured)
 * @param inform the outcome of the last difference table
 * @param spacing the spacing of the last difference table
 * @param tables how many difference tables were built (1 plus the retries)
 * @param evaluations the distinct evaluations asked for (the base point not counted)
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public record Noise(double sigma, double magnitude, int level, NoiseEstimation.Inform inform, double spacing,
                    int tables, int evaluations) {

    /**
     * How many standard deviations of the noise a sample's error is allowed: the floors of this
     * package bound one sample's error by {@code ε·F/2}, so {@link #epsilon} is
     * {@code 2·BOUND·σ/F}.
     */
    public static final double BOUND = 3;

    /** {@return whether noise was detected (ECnoise's inform 1)} */
    public boolean measured() {
        return inform == NoiseEstimation.Inform.NOISE_FOUND;
    }

    /**
     * {@return whether no noise stands above the resolution of the values at any spacing tried:
     * the noise is at the rounding level of the type, or below}
     */
    public boolean belowResolution() {
        return inform == NoiseEstimation.Inform.STEP_TOO_SMALL;
    }

    /** {@return the noise relative to the magnitude: {@code σ/F} (infinite for noise on a zero magnitude)} */
    public double relative() {
        if (sigma == 0) {
            return 0;
        }
        return magnitude > 0 ? sigma / magnitude : Double.POSITIVE_INFINITY;
    }

    /**
     * The relative noise of one evaluation to use in place of the type's unit roundoff:
     * {@code max(ε, 2·BOUND·σ/F)}, so that {@code ε_f·F/2}, the per-sample error the floors assume,
     * is {@code BOUND} standard deviations of the measured noise.
     *
     * @param typeEpsilon the unit roundoff of the output's type
     * @return the larger of the two
     */
    public double epsilon(double typeEpsilon) {
        return Math.max(typeEpsilon, 2 * BOUND * relative());
    }

    /**
     * The noise level of one sample: {@code max(σ, ε·F/2)}, the measured noise or the type's
     * rounding, whichever is larger.
     *
     * @param typeEpsilon the unit roundoff of the output's type
     * @return the per-sample noise level, in the units of the values
     */
    public double perSample(double typeEpsilon) {
        return Math.max(sigma, typeEpsilon * magnitude / 2);
    }

    /**
     * {@return whether the noise is too large for any derivative to be measured: at least 1% of the
     * magnitude, or not measurable because the values vary too much at every spacing tried}
     */
    public boolean swamps() {
        return inform == NoiseEstimation.Inform.STEP_TOO_LARGE || relative() >= 1e-2;
    }

    /**
     * {@return the report's line: e.g. "noise: about 3e-8 of |f|, measured from 8 evaluations"}
     */
    public String describe() {
        return switch (inform) {
            case NOISE_FOUND -> "noise: about " + (magnitude > 0 ? oneDigit(relative()) + " of |f|"
                    : oneDigit(sigma) + " (absolute; f is 0)") + ", measured from " + evaluations + " evaluations";
            case STEP_TOO_SMALL -> "noise: at the rounding level (none above the values' resolution in "
                    + evaluations + " evaluations)";
            case STEP_TOO_LARGE -> "noise: not measurable (the values vary too much at every spacing tried, "
                    + evaluations + " evaluations)";
        };
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
