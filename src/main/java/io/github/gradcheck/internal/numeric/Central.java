package io.github.gradcheck.internal.numeric;

/** The central difference at one step, for one cotangent, with its rounding level. */
final class Central {

    private Central() {
    }

    /** (f(x + h) − f(x − h)) / (displacement of + minus displacement of −). */
    static double difference(Sample plus, Sample minus, int k) {
        return (plus.value(k) - minus.value(k)) / (plus.displacement() - minus.displacement());
    }

    /** The largest noise scale of the two samples. */
    static double magnitude(Sample plus, Sample minus, int k) {
        return Math.max(plus.magnitude(k), minus.magnitude(k));
    }

    /**
     * The rounding floor {@code c·ε·F/h} with factor {@code c}: a bound for a difference quotient
     * (c = 1) or for an extrapolation from differences (about c = 2), whose smallest step is
     * {@code h} and whose samples carry rounding noise at most {@code ε·F/2}.
     */
    static double floor(double factor, double epsilon, double magnitude, double h) {
        return factor * epsilon * magnitude / h;
    }

    /**
     * The rounding floor {@code 8·ε·F/h} of a difference quotient, or of an extrapolation from
     * differences, whose smallest step is {@code h} and whose samples have magnitude at most
     * {@code F}.
     */
    static double floor(double epsilon, double magnitude, double h) {
        return 8 * epsilon * magnitude / h;
    }
}
