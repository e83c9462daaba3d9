package io.github.gradcheck.internal.numeric;

import io.github.gradcheck.model.Precision;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Functions of one variable for the tests of the numeric blocks: each with its exact derivative
 * and, for the noisy ones, an exact (noise-free) counterpart, so that the true noise can be
 * measured directly: the root mean square of (computed − exact) over points near x.
 */
final class Subjects {

    private Subjects() {
    }

    /** A function as the engine would probe it: the perturbed value rounded to {@code precision}, samples cached. */
    static Probe probe(double x, Precision precision, DoubleUnaryOperator f) {
        double f0 = f.applyAsDouble(x);
        Map<Double, Sample> cache = new HashMap<>();
        return offset -> cache.computeIfAbsent(offset, o -> {
            double moved = o == 0 ? x : precision.round(x + o);
            double v = moved == x ? f0 : f.applyAsDouble(moved);
            return new Sample(moved - x, new double[] {v}, new double[] {Math.abs(v)}, v == f0);
        });
    }

    /** A double probe. */
    static Probe probe(double x, DoubleUnaryOperator f) {
        return probe(x, Precision.DOUBLE, f);
    }

    /** The root mean square of computed − exact over {@code n} points spread over x ± width. */
    static double trueNoise(DoubleUnaryOperator computed, DoubleUnaryOperator exact, double x, double width, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double t = x + width * (2.0 * i / (n - 1) - 1) * 0.999_937;
            double e = computed.applyAsDouble(t) - exact.applyAsDouble(t);
            sum += e * e;
        }
        return Math.sqrt(sum / n);
    }

    // ---- noisy subjects: double-typed, computed (partly) with noise far above double rounding

    /** sin(x)·x + exp(x/3), each intermediate rounded to float: noise about 3e-8 relative. */
    static double partlyFloat(double x) {
        float s = (float) Math.sin(x);
        float p = s * (float) x;
        float e = (float) Math.exp(x / 3);
        return (double) (p + e);
    }

    static double partlyFloatExact(double x) {
        return Math.sin(x) * x + Math.exp(x / 3);
    }

    static double partlyFloatDerivative(double x) {
        return Math.cos(x) * x + Math.sin(x) + Math.exp(x / 3) / 3;
    }

    /** The root y of y³ + y = x by bisection on [−8, 8], stopped when the bracket is below 1e-9. */
    static double bisection(double x) {
        double lo = -8;
        double hi = 8;
        while (hi - lo > 1e-9) {
            double mid = 0.5 * (lo + hi);
            if (mid * mid * mid + mid < x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    static double bisectionExact(double x) {
        double y = Math.cbrt(x);
        for (int i = 0; i < 60; i++) {
            y -= (y * y * y + y - x) / (3 * y * y + 1);
        }
        return y;
    }

    static double bisectionDerivative(double x) {
        double y = bisectionExact(x);
        return 1 / (3 * y * y + 1);
    }

    /** The spacing of the table of {@link #table}. */
    static final double TABLE_SPACING = 0x1p-20;

    /** sin interpolated linearly in a table of floats with spacing 2^-20 (entries computed when asked). */
    static double table(double x) {
        double t = x / TABLE_SPACING;
        double i = Math.floor(t);
        double w = t - i;
        double a = (float) Math.sin(i * TABLE_SPACING);
        double b = (float) Math.sin((i + 1) * TABLE_SPACING);
        return a + w * (b - a);
    }

    /** The number of terms of {@link #longSum}. */
    static final int TERMS = 3000;

    /**
     * Σ (−1)^i·(x·w_i − b_i)² with w_i = 1 + 1e-3·sin(i), b_i = 30 + cos(i), summed naively: a long
     * sum of terms near 900 that cancel to a far smaller value.
     */
    static double longSum(double x) {
        double sum = 0;
        for (int i = 0; i < TERMS; i++) {
            double e = x * weight(i) - offset(i);
            sum += (i % 2 == 0 ? 1 : -1) * (e * e);
        }
        return sum;
    }

    /**
     * The same sum without its rounding (to about ε·|sum|): each term in double-double arithmetic
     * (error-free products and sums), the terms summed with compensation.
     */
    static double longSumAccurate(double x) {
        double sum = 0;
        double c = 0;
        for (int i = 0; i < TERMS; i++) {
            double w = weight(i);
            double b = offset(i);
            double p = x * w;
            double pe = Math.fma(x, w, -p);
            double s = p - b;
            double bb = s - p;
            double se = (p - (s - bb)) + (-b - bb);
            double hi = s;
            double lo = se + pe;
            double q = hi * hi;
            double qe = Math.fma(hi, hi, -q) + 2 * hi * lo;
            double sign = i % 2 == 0 ? 1 : -1;
            for (double t : new double[] {sign * q, sign * qe}) {
                double u = sum + t;
                c += Math.abs(sum) >= Math.abs(t) ? (sum - u) + t : (t - u) + sum;
                sum = u;
            }
        }
        return sum + c;
    }

    static double longSumDerivative(double x) {
        double sum = 0;
        for (int i = 0; i < TERMS; i++) {
            sum += (i % 2 == 0 ? 1 : -1) * 2 * (x * weight(i) - offset(i)) * weight(i);
        }
        return sum;
    }

    private static double weight(int i) {
        return 1 + 1e-3 * Math.sin(i);
    }

    private static double offset(int i) {
        return 30 + Math.cos(i);
    }

    // ---- functions that vary on a scale far below max(|x|, 1)

    /** The width of {@link #bump}. */
    static final double WIDTH = 1e-4;

    /** x plus a Gaussian bump of width 1e-4 at 0. */
    static double bump(double x) {
        double z = x / WIDTH;
        return x + Math.exp(-z * z / 2);
    }

    static double bumpDerivative(double x) {
        double z = x / WIDTH;
        return 1 - z / WIDTH * Math.exp(-z * z / 2);
    }

    /** A positional encoding: Σ_{k < 16} sin(2^k·π·x). */
    static double encoding(double x) {
        double s = 0;
        for (int k = 0; k < 16; k++) {
            s += Math.sin(Math.scalb(Math.PI, k) * x);
        }
        return s;
    }

    static double encodingDerivative(double x) {
        double s = 0;
        for (int k = 0; k < 16; k++) {
            double omega = Math.scalb(Math.PI, k);
            s += omega * Math.cos(omega * x);
        }
        return s;
    }

    /** cos(256·π·x): period 2^-7, so f(x + h) = f(x − h) for every power-of-two step from 2^-8 up. */
    static double cos256(double x) {
        return Math.cos(256 * Math.PI * x);
    }

    static double cos256Derivative(double x) {
        return -256 * Math.PI * Math.sin(256 * Math.PI * x);
    }
}
