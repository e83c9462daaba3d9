package io.github.gradcheck.internal.numeric;

import org.apiguardian.api.API;

/**
 * One evaluation of a probed function at a displacement from its base point, reduced to one
 * scalar per output cotangent.
 *
 * @param displacement the displacement actually applied (the perturbed value minus the base
 *     value, after rounding to the value's precision)
 * @param values one scalar per cotangent: ⟨u<sub>k</sub>, output⟩
 * @param magnitudes one per cotangent: Σ|u<sub>k,i</sub> · output<sub>i</sub>|, the scale of the
 *     rounding noise of {@code values[k]}
 * @param unchanged whether the output was bit-identical to the unperturbed output
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public record Sample(double displacement, double[] values, double[] magnitudes, boolean unchanged) {

    /** Copies the arrays. */
    public Sample {
        values = values.clone();
        magnitudes = magnitudes.clone();
    }

    /** The number of cotangents. */
    public int cotangents() {
        return values.length;
    }

    /** The value for cotangent {@code k}. */
    public double value(int k) {
        return values[k];
    }

    /** The noise scale for cotangent {@code k}. */
    public double magnitude(int k) {
        return magnitudes[k];
    }

    /** Whether every value is finite. */
    public boolean finite() {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
