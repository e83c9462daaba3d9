package io.github.gradcheck.input;

import io.github.gradcheck.model.Precision;

/**
 * A closed interval {@code [low, high]} of admissible element values: one connected piece
 * of a domain once its kinks are cut out. Values drawn or shrunk in a segment never leave it.
 */
record Segment(double low, double high) {

    boolean contains(double x) {
        return x >= low && x <= high;
    }

    /** The length, finite for any finite bounds: {@code high − low} itself overflows beyond ±{@code Double.MAX_VALUE}. */
    double length() {
        double length = high - low;
        return Double.isFinite(length) ? length : Double.MAX_VALUE;
    }

    /** Half the length, exact (the halves of finite bounds never overflow): for weights that must keep their ratios. */
    double halfLength() {
        return high / 2 - low / 2;
    }

    /** The point a fraction {@code u} in [0, 1] of the way from {@code low} to {@code high}, without overflow. */
    double at(double u) {
        double length = high - low;
        return Double.isFinite(length) ? low + u * length : low * (1 - u) + high * u;
    }

    /** The length of the magnitudes' logarithms; segments never straddle 0 where this is used. */
    double logLength() {
        return Math.abs(Math.log(Math.abs(high)) - Math.log(Math.abs(low)));
    }

    /** {@code x} rounded to {@code precision} and, if rounding pushed it out, moved back into this segment. */
    double fit(double x, Precision precision) {
        double r = precision.round(Math.min(Math.max(x, low), high));
        while (r > high) {
            r = precision == Precision.FLOAT ? Math.nextDown((float) r) : Math.nextDown(r);
        }
        while (r < low) {
            r = precision == Precision.FLOAT ? Math.nextUp((float) r) : Math.nextUp(r);
        }
        return r;
    }

    @Override
    public String toString() {
        return "[" + low + ", " + high + "]";
    }
}
