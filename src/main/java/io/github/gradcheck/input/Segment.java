package io.github.gradcheck.input;

/**
 * A closed interval {@code [low, high]} of admissible element values: one connected piece
 * of a domain once its kinks are cut out. Values drawn or shrunk in a segment never leave it.
 */
record Segment(double low, double high) {

    boolean contains(double x) {
        return x >= low && x <= high;
    }

    double length() {
        return high - low;
    }

    /** The length of the magnitudes' logarithms; segments never straddle 0 where this is used. */
    double logLength() {
        return Math.abs(Math.log(Math.abs(high)) - Math.log(Math.abs(low)));
    }

    @Override
    public String toString() {
        return "[" + low + ", " + high + "]";
    }
}
