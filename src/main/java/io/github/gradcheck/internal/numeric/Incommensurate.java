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
 *
 * <p>A mantissa is not enough for a ladder: steps that halve alias with <em>any</em> period P far
 * below them. If {@code h₀ = N·P + r} with N even, then {@code h₀/2 ≡ r/2 (mod P)}, and for as
 * many levels as N has trailing zero bits the ladder samples f exactly as a ladder of the tiny
 * steps {@code r/2^j} would: its differences converge, to a wrong value (sin(2^13·π·x) from a step
 * of 0.15, sin(x) at x = 7e200). The ladders therefore shrink by ratios that are not powers of two
 * nor rational ({@link #SCAN_RATIO}, {@link #LADDER_RATIO}): no level's step is a simple fraction of
 * another's, and a period cannot line up with several of them.
 */
final class Incommensurate {

    /** (5 + √5)/10: the mantissa of the noise spacing and of the scale scan. */
    static final double SCAN = 0.7236067977499790;

    /** √3/2: the mantissa of the first ladder of the confirmation. */
    static final double FIRST = 0.8660254037844386;

    /** 2^(-3/4): the mantissa of the second ladder of the confirmation. */
    static final double SECOND = 0.5946035575013605;

    /** e^1.4 ≈ 4.055: the ratio of successive steps of the scale scan. */
    static final double SCAN_RATIO = 4.0551999668446745;

    /** e^0.7 ≈ 2.014: the ratio of successive steps of a confirmation ladder. */
    static final double LADDER_RATIO = 2.0137527074704766;

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
