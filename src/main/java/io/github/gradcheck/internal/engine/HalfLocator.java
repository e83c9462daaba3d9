package io.github.gradcheck.internal.engine;

import io.github.gradcheck.internal.numeric.Estimate;
import io.github.gradcheck.internal.numeric.ScreeningDifference;
import io.github.gradcheck.internal.numeric.StepSize;

/**
 * Which half of a failing range a bisection follows, from the cheap screen alone (one fourth-order
 * stencil per half, no robust confirmation): the half whose screened directional derivative is
 * further from its claim, relative to the screen's tolerance. Locating needs no verdict: the node
 * already failed, confirmed, and the elements the bisection ends at are compared in full; a screen
 * that points at the wrong half only makes the bisection end at right elements, which the report
 * then says ("lost the failure").
 */
final class HalfLocator {

    private HalfLocator() {
    }

    /**
     * How far the screened derivative along {@code probe} is from the claim, in units of the
     * screen's tolerance (the largest over the cotangents); infinite where the screen is not finite.
     */
    static double discrepancy(DirectionProbe probe, Coordinate at, Claim claim, Judge judge) {
        double h = StepSize.screen(at.x(), at.typical(), at.precision());
        Estimate[] screen = ScreeningDifference.estimate(probe, h, judge.noise());
        double worst = 0;
        for (int k = 0; k < screen.length; k++) {
            double a = claim.analytic()[k];
            double n = screen[k].value();
            if (!Double.isFinite(n)) {
                return Double.POSITIVE_INFINITY;
            }
            double tol = judge.tolerance(a, n, screen[k].error(), Math.max(probe.terms(h, k), claim.terms()[k]));
            worst = Math.max(worst, tol > 0 ? Math.abs(a - n) / tol : Math.abs(a - n) > 0 ? Double.POSITIVE_INFINITY : 0);
        }
        return worst;
    }
}
