package io.github.gradcheck.internal.numeric;

import org.apiguardian.api.API;

/**
 * Detects a point where the probed function is not differentiable (ReLU or abs at 0, a tie
 * of max or max-pooling) within a stencil. It compares the one-sided second-order
 * derivatives {@code (−3f₀ + 4f(h) − f(2h))/2h} and its mirror: for a smooth function their
 * difference shrinks like {@code h³} (a factor 8 per halving), at a kink it stays near the
 * jump in slope. A kink is reported when the difference at {@code h} is well above rounding,
 * has the sign of the difference at {@code 2h}, has not shrunk like a smooth function's, and
 * is large enough to explain {@code discrepancy}. A non-finite sample next to a finite centre
 * (the edge of the domain) counts as a kink too.
 *
 * <p>Use it to explain a disagreement, never to fail: a kink makes a comparison inconclusive.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class KinkDetector {

    private KinkDetector() {
    }

    /**
     * Whether a kink within {@code 2h} of the base point explains a disagreement of size
     * {@code discrepancy} for cotangent {@code k}. Uses the samples at 0, ±h, ±2h, ±4h.
     */
    public static boolean kinkExplains(Probe probe, double h, int k, double epsilon, double discrepancy) {
        Sample f0 = probe.at(0);
        Sample[] plus = {probe.at(h), probe.at(2 * h), probe.at(4 * h)};
        Sample[] minus = {probe.at(-h), probe.at(-2 * h), probe.at(-4 * h)};
        boolean finite = true;
        for (int i = 0; i < 3; i++) {
            finite &= plus[i].finite() && minus[i].finite();
        }
        if (!finite) {
            return f0.finite();
        }
        double magnitude = f0.magnitude(k);
        for (int i = 0; i < 3; i++) {
            magnitude = Math.max(magnitude, Math.max(plus[i].magnitude(k), minus[i].magnitude(k)));
        }
        double fine = slopeJump(f0, plus[0], plus[1], minus[0], minus[1], h, k);
        double coarse = slopeJump(f0, plus[1], plus[2], minus[1], minus[2], 2 * h, k);
        double rounding = 8 * epsilon * magnitude / h;
        return Math.abs(fine) > 4 * rounding
                && Math.signum(fine) == Math.signum(coarse)
                && Math.abs(fine) >= Math.abs(coarse) / 3
                && Math.abs(fine) >= 0.25 * discrepancy;
    }

    /** Right one-sided derivative minus left one-sided derivative, both second order, at step h. */
    private static double slopeJump(Sample f0, Sample p1, Sample p2, Sample m1, Sample m2, double h, int k) {
        double right = (-3 * f0.value(k) + 4 * p1.value(k) - p2.value(k)) / (2 * h);
        double left = (3 * f0.value(k) - 4 * m1.value(k) + m2.value(k)) / (2 * h);
        return right - left;
    }
}
