package io.github.gradcheck.internal.numeric;

import io.github.gradcheck.model.Precision;

/**
 * One symmetric stencil {@code x ± h} of a ladder of steps, read as the odd part of f about x (the
 * central difference) and its even part (the second divided difference), with the asymptotic test
 * the scale scan and the confirmation share: in the asymptotic range of a ladder with step ratio
 * r both parts change by a factor {@code r²} less from level to level, with one sign.
 *
 * <p>The even part is scaled by {@code (ref/h)²}, ref the ladder's first step, rather than divided
 * by {@code h²}, so that it neither overflows nor underflows for steps of 1e200 or 1e-200; the
 * test is invariant under that scaling.
 */
final class Stencil {

    /** The noise of a central difference, in units of σ/h (3 standard deviations of σ/(h·√2), rounded up). */
    static final double ODD_NOISE = 3;

    /**
     * The noise of the scaled second difference, in units of σ·(ref/h)²·/ref² (3 standard deviations
     * of √6·σ, rounded up).
     */
    static final double EVEN_NOISE = 8;

    /**
     * One level.
     *
     * @param h the step actually taken (the mean of the two displacements)
     * @param odd the central difference {@code (f(x+a) − f(x−b))/(a+b)}
     * @param even the second divided difference times {@code ref²}
     * @param sigma the per-sample noise level {@code max(σ, ε·F/2)}
     * @param moved the largest change of a sample from f(x)
     * @param ref the ladder's reference step
     */
    record Level(double h, double odd, double even, double sigma, double moved, double ref) {

        double oddNoise() {
            return ODD_NOISE * sigma / h;
        }

        double evenNoise() {
            double q = ref / h;
            return EVEN_NOISE * sigma * q * q;
        }
    }

    private Stencil() {
    }

    /**
     * The level at step {@code h} (the exact displacement is used), or null where a sample is not
     * finite or the step does not move x.
     */
    static Level at(Probe probe, int k, double x, Precision precision, double h, double ref, double sigma,
                    double epsilon) {
        Sample centre = probe.at(0);
        double step = Incommensurate.exact(x, h, precision);
        Sample plus = probe.at(step);
        Sample minus = probe.at(-step);
        double a = plus.displacement();
        double b = -minus.displacement();
        double fp = plus.value(k);
        double fm = minus.value(k);
        double f0 = centre.value(k);
        if (!Double.isFinite(fp) || !Double.isFinite(fm) || !(a > 0) || !(b > 0)) {
            return null;
        }
        double magnitude = Math.max(centre.magnitude(k), Math.max(plus.magnitude(k), minus.magnitude(k)));
        double odd = (fp - fm) / (a + b);
        double even = 2 * ((fp - f0) * (ref / a) + (fm - f0) * (ref / b)) * (ref / (a + b));
        double moved = Math.max(Math.abs(fp - f0), Math.abs(fm - f0));
        return new Level((a + b) / 2, odd, even, Math.max(sigma, epsilon * magnitude / 2), moved, ref);
    }

    /**
     * Whether three consecutive levels keep the asymptotic law for both parts: the second change of
     * each is within its noise, or at most {@code shrink} times the first with the same sign.
     */
    static boolean keepsTheLaw(Level l0, Level l1, Level l2, double shrink) {
        return consistent(l0.odd() - l1.odd(), l1.odd() - l2.odd(), l1.oddNoise() + l2.oddNoise(), shrink)
                && consistent(l0.even() - l1.even(), l1.even() - l2.even(), l1.evenNoise() + l2.evenNoise(), shrink);
    }

    private static boolean consistent(double before, double after, double noise, double shrink) {
        if (Math.abs(after) <= noise) {
            return true;
        }
        return Math.abs(after) <= shrink * Math.abs(before) && Math.signum(after) == Math.signum(before);
    }
}
