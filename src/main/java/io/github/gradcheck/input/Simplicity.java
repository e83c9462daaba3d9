package io.github.gradcheck.input;

import io.github.gradcheck.model.Precision;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;

/**
 * What "simpler" means for a number a person reads in a failure message: 0, then ±1, then
 * fewer significant digits, then closer to 1 in order of magnitude, then smaller, then
 * positive. Digits are counted in the number's own precision (a float 0.1 has one digit).
 */
final class Simplicity {

    private static final int MAX_DIGITS = 17;

    private final Precision precision;

    Simplicity(Precision precision) {
        this.precision = precision;
    }

    Comparator<Double> order() {
        return Comparator.comparingInt((Double x) -> category(x))
                .thenComparingInt(this::digits)
                .thenComparingDouble(x -> Math.abs(Math.log10(Math.abs(x))))
                .thenComparingDouble(Math::abs)
                .thenComparingInt(x -> x < 0 ? 1 : 0);
    }

    boolean simpler(double a, double b) {
        return order().compare(a, b) < 0;
    }

    private static int category(double x) {
        if (x == 0) {
            return 0;
        }
        return Math.abs(x) == 1 ? 1 : 2;
    }

    int digits(double x) {
        if (x == 0) {
            return 0;
        }
        return decimal(x).stripTrailingZeros().precision();
    }

    private BigDecimal decimal(double x) {
        return precision == Precision.FLOAT ? new BigDecimal(Float.toString((float) x)) : BigDecimal.valueOf(x);
    }

    /** {@code x} rounded to {@code digits} significant digits with {@code mode}, in this precision. */
    double round(double x, int digits, RoundingMode mode) {
        if (x == 0 || !Double.isFinite(x)) {
            return x;
        }
        return precision.round(decimal(x).round(new MathContext(digits, mode)).doubleValue());
    }

    /**
     * The simplest number in {@code [low, high]} (in this precision), or NaN when rounding
     * leaves no representable number in it.
     */
    double simplestIn(double low, double high) {
        if (low <= 0 && high >= 0) {
            return 0;
        }
        if (low <= 1 && high >= 1) {
            return 1;
        }
        if (low <= -1 && high >= -1) {
            return -1;
        }
        boolean negative = high < 0;
        double a = negative ? -high : low;
        double b = negative ? -low : high;
        // 0 < a <= b, and 1 is not in [a, b]: the number nearest 1 with the fewest digits.
        for (int d = 1; d <= MAX_DIGITS; d++) {
            double c = b < 1 ? round(b, d, RoundingMode.FLOOR) : round(a, d, RoundingMode.CEILING);
            if (c >= a && c <= b) {
                return negative ? -c : c;
            }
        }
        return precision.round(a) >= a && precision.round(a) <= b ? (negative ? -precision.round(a) : precision.round(a))
                : Double.NaN;
    }
}
