package io.github.gradcheck.internal.numeric;

import java.util.Arrays;

/**
 * The granularity of a function's values: the largest power of two that divides every sampled
 * value. A float output computed as {@code (m + log s) − m} with {@code m ≈ 4} is a multiple of
 * the unit in the last place of 4 however small the result is: its rounding noise is that of the
 * large intermediate, not of its own value. Quantized like that, central differences at two steps
 * can agree exactly, and a tableau whose entries coincide claims an error of zero; the
 * granularity restores the noise level the values themselves cannot show.
 *
 * <p>For values that are not quantized, the granularity is the unit in the last place of the
 * smallest of them, which adds nothing to the rounding level already assumed.
 */
final class Granularity {

    private Granularity() {
    }

    /** The lowest set bit of {@code v}: the largest power of two dividing it (0 for 0 or non-finite). */
    static double of(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return 0;
        }
        long bits = Double.doubleToRawLongBits(Math.abs(v));
        int exponent = (int) (bits >>> 52);
        long mantissa = bits & ((1L << 52) - 1);
        if (exponent == 0) {
            return Double.MIN_VALUE * Math.scalb(1.0, Long.numberOfTrailingZeros(mantissa));
        }
        mantissa |= 1L << 52;
        return Math.scalb(1.0, exponent - 1075 + Long.numberOfTrailingZeros(mantissa));
    }

    /**
     * Per cotangent, the largest power of two dividing every non-zero finite sample at the base
     * point and at {@code ±h0/2^i} ({@code i < levels}) for each start; 0 when there is none.
     */
    static double[] of(Probe probe, double[] starts, int levels) {
        int n = probe.at(0).cotangents();
        double[] q = new double[n];
        Arrays.fill(q, Double.POSITIVE_INFINITY);
        include(q, probe.at(0));
        for (double start : starts) {
            double h = start;
            for (int i = 0; i < levels; i++, h /= 2) {
                include(q, probe.at(h));
                include(q, probe.at(-h));
            }
        }
        for (int k = 0; k < n; k++) {
            if (q[k] == Double.POSITIVE_INFINITY) {
                q[k] = 0;
            }
        }
        return q;
    }

    private static void include(double[] q, Sample s) {
        for (int k = 0; k < q.length; k++) {
            double g = of(s.value(k));
            if (g > 0) {
                q[k] = Math.min(q[k], g);
            }
        }
    }
}
