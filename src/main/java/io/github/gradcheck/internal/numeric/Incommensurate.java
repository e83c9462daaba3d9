package io.github.gradcheck.internal.numeric;

import io.github.gradcheck.model.Precision;

/**
 * Steps whose ratio to every power of two is irrational (to the precision of a double), and the
 * exact displacement a step actually gives. The first family of steps ({@link StepSize}) is
 * {@code s·2^-j}; a function periodic with a power-of-two period {@code P} (cos(256·π·x),
 * positional encodings sin(2^k·π·x)) has {@code f(x + h) = f(x − h)} for every such step that is
 * a multiple of {@code P}, so all of them agree with each other on a derivative of 0. Steps
 * {@code m·2^-j} with one of the mantissas below are never such a multiple (short of
 * {@code h ≥ 2^52·P}).
 *
 * <p>The three mantissas are pairwise incommensurate too, so that the noise spacing, the scale
 * scan and the two ladders of the confirmation never share a step.
 */
final class Incommensurate {

    /** (5 + √5)/10: the mantissa of the noise spacing and of the scale scan. */
    static final double SCAN = 0.7236067977499790;

    /** √3/2: the mantissa of the first ladder of the confirmation. */
    static final double FIRST = 0.8660254037844386;

    /** 2^(-3/4): the mantissa of the second ladder of the confirmation. */
    static final double SECOND = 0.5946035575013605;

    private Incommensurate() {
    }

    /**
     * The displacement {@code (x + h) − x} actually applied when {@code x} is moved by {@code h} in
     * {@code precision}: a value that moves {@code x} onto a representable neighbour, so that
     * {@code x + h'} is exact and {@code x − h'} is exact whenever it stays in the binade of x or
     * below. With {@code x} unknown (NaN, a probe along a direction) it is {@code h}.
     */
    static double exact(double x, double h, Precision precision) {
        if (Double.isNaN(x)) {
            return h;
        }
        double moved = precision.round(x + h);
        double d = moved - x;
        return d == 0 ? h : d;
    }

    /** The unit in the last place of {@code x} in {@code precision} (0 for an unknown x). */
    static double ulp(double x, Precision precision) {
        if (Double.isNaN(x)) {
            return 0;
        }
        return precision == Precision.FLOAT ? Math.ulp((float) x) : Math.ulp(x);
    }
}
