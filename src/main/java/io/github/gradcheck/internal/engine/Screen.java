package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.internal.numeric.Estimate;
import io.github.gradcheck.internal.numeric.ScreeningDifference;

/**
 * The cheap screen of one probed direction, widened where only its rounding floor kept it from a
 * clear pass. The screen at base step {@code h} agrees with the claim, but its floor
 * {@code 8·ε·F/h} (F the output's magnitude) is too coarse for a clear pass: typical of outputs
 * that are sums of many terms, whose magnitude grows with the input while each element's
 * derivative does not. The screen is then repeated at {@code 4^m·h}, m the fewest widenings by 4
 * after which the floor would allow a clear pass (4 new evaluations for m = 1, whose samples at
 * ±4h are shared; 6 otherwise): the floor falls as 1/h, the truncation, which the screen measures
 * itself, grows as h⁴. At most {@link #WIDENINGS} widenings in all, never so far that the
 * stencil reaches beyond the robust estimate's largest first step (s/8 in double, s/2 in float:
 * the screen samples nowhere the robust estimate would not), and only while the claim agrees with
 * the screen and the floor at the widest step would allow a clear pass.
 *
 * <p>Widening does not loosen the clear pass: it still needs the claim to agree with the
 * measurement within a tolerance finer than the screen limit of {@link TolerancePolicy} (1e-8
 * relative in double) at whatever step, so a claim wrong by more than that cannot pass it. Whatever the screen does not
 * pass clearly goes to the robust estimate exactly as before, with the terms measured at the
 * first step.
 */
final class Screen {

    /**
     * How many times the screen's step may be multiplied by 4; fewer where the widened stencil
     * ({@code 4·step}) would reach beyond the robust estimate's largest first step.
     */
    static final int WIDENINGS = 3;

    private final Estimate[] estimates;
    private final double[] terms;
    private final double[] firstTerms;
    private final boolean clear;

    private Screen(Estimate[] estimates, double[] terms, double[] firstTerms, boolean clear) {
        this.estimates = estimates;
        this.terms = terms;
        this.firstTerms = firstTerms;
        this.clear = clear;
    }

    /** Whether the screen passed clearly (at its first step or a widened one). */
    boolean clear() {
        return clear;
    }

    /** The estimates of the last screen run (the clear one, when clear). */
    Estimate[] estimates() {
        return estimates;
    }

    /** The cancellation terms at the step of {@link #estimates}. */
    double[] terms() {
        return terms;
    }

    /** The cancellation terms at the first step, for the robust estimate's tolerance. */
    double[] firstTerms() {
        return firstTerms;
    }

    /**
     * Screens at {@code h}, widened where rounding keeps it from a clear pass, and narrowed by
     * {@link #NARROWING} (at most {@link #NARROWINGS} times, never below {@code smallest}) where
     * truncation, not rounding, is what keeps the screen from a clear pass: a feature of the function
     * within the stencil (a kink or a curvature far below the scale of x) that smaller steps stay clear
     * of. Costs 6 evaluations per narrowing, which the robust estimate's ladders, whose steps are the
     * same powers of two, mostly reuse where the narrowed screen does not pass either.
     *
     * @param h the screen's first base step
     * @param reach the largest distance from x a widened screen may sample at (the robust
     *     estimate's largest first step: no screen samples farther than it would)
     * @param smallest the smallest base step a narrowed screen may take (infinite: no narrowing)
     */
    static Screen run(Judge judge, OutputProbe probe, Claim claim, double h, double reach, double smallest) {
        double[] analytic = claim.analytic();
        int remaining = allowedWidenings(h, reach);
        int narrowings = NARROWINGS;
        double step = h;
        double[] firstTerms = null;
        while (true) {
            Estimate[] screen = ScreeningDifference.estimate(probe, step, judge.noise());
            double[] terms = new double[analytic.length];
            boolean clear = true;
            int needed = 0;
            for (int k = 0; k < analytic.length; k++) {
                terms[k] = Math.max(probe.terms(step, k), claim.terms()[k]);
                double tol = judge.tolerance(analytic[k], screen[k].value(), screen[k].error(), terms[k]);
                boolean finite = Double.isFinite(screen[k].value());
                boolean passed = finite && judge.clearPass(analytic[k], screen[k].value(), tol);
                clear &= passed;
                if (!passed && needed >= 0) {
                    boolean agrees = finite && Math.abs(analytic[k] - screen[k].value()) <= tol;
                    int m = agrees ? wideningsNeeded(judge, probe, step, analytic[k], screen[k].value(), terms[k], k,
                            remaining) : -1;
                    needed = m < 0 ? -1 : Math.max(needed, m);
                }
            }
            if (firstTerms == null) {
                firstTerms = terms;
            }
            // truncation is what a wider screen would only measure again: a smaller step is tried first
            if (!clear && narrowings > 0 && step / NARROWING >= smallest
                    && truncationLimits(judge, probe, claim, screen, terms, step)) {
                step /= NARROWING;
                narrowings--;
                remaining = 0;
                continue;
            }
            if (clear || needed <= 0) {
                return new Screen(screen, terms, firstTerms, clear);
            }
            // straight to the step the floor asks for: 6 new samples, fewer than widening 4 times by 4
            step *= Math.pow(4, needed);
            remaining -= needed;
        }
    }

    /** How many times a screen limited by its truncation may be made again at a smaller step. */
    static final int NARROWINGS = 2;

    /**
     * The factor a narrowed screen's step is smaller by: its truncation falls about 64⁴ ≈ 1.7e7-fold
     * where the function is smooth at the smaller scale, its rounding floor rises 64-fold.
     */
    static final double NARROWING = 64;

    /**
     * Whether every cotangent the screen does not pass clearly is limited by truncation rather than
     * rounding: a finite estimate whose error is above the rounding floor the narrowed screen would
     * have, and that floor still allows a clear pass. Where rounding limits any cotangent, a smaller
     * step only makes it coarser.
     */
    private static boolean truncationLimits(Judge judge, OutputProbe probe, Claim claim, Estimate[] screen,
                                            double[] terms, double step) {
        double[] analytic = claim.analytic();
        for (int k = 0; k < analytic.length; k++) {
            double tol = judge.tolerance(analytic[k], screen[k].value(), screen[k].error(), terms[k]);
            if (Double.isFinite(screen[k].value()) && judge.clearPass(analytic[k], screen[k].value(), tol)) {
                continue;
            }
            double narrowedFloor = NARROWING * ScreeningDifference.roundingFloor(probe, step, judge.noise(), k);
            if (!Double.isFinite(screen[k].value()) || !Double.isFinite(analytic[k])
                    || !(screen[k].error() > narrowedFloor)) {
                return false;
            }
            double floorTolerance = judge.tolerance(analytic[k], screen[k].value(), narrowedFloor, terms[k]);
            if (!(floorTolerance <= judge.screenLimit() * Math.max(Math.abs(analytic[k]),
                    Math.abs(screen[k].value())))) {
                return false;
            }
        }
        return true;
    }

    /** How many widenings by 4 keep a screen from {@code h} within {@code reach}. */
    private static int allowedWidenings(double h, double reach) {
        int n = 0;
        while (n < WIDENINGS && 16 * h * Math.pow(4, n) <= reach) {
            n++;
        }
        return n;
    }

    /**
     * The base step to screen at before any sample is taken: {@code h}, or {@code 4^m·h} where the
     * rounding floor at {@code h} predicted from the unperturbed output's magnitude (a sample that
     * costs nothing) is too coarse for a clear pass of the claimed values and {@code m} widenings
     * would do. Where no widening within reach would do, {@code h}: the screen then runs as it
     * always did and the robust estimate follows. The prediction only chooses the step; the
     * screen measures its own floor and truncation at it.
     *
     * @param h the screen's base step before any widening
     * @param reach as for {@link #run}
     */
    static double firstStep(Judge judge, OutputProbe probe, Claim claim, double h, double reach) {
        int allowed = allowedWidenings(h, reach);
        if (allowed == 0) {
            return h;
        }
        double[] analytic = claim.analytic();
        double limit = judge.screenLimit();
        int m = 0;
        for (int k = 0; k < analytic.length; k++) {
            double floor = ScreeningDifference.roundingFloor(judge.noise(), probe.at(0).magnitude(k), h);
            int needed = -1;
            for (int w = 0; w <= allowed && needed < 0; w++) {
                double tol = judge.tolerance(analytic[k], analytic[k], floor / Math.pow(4, w), claim.terms()[k]);
                if (tol <= limit * Math.abs(analytic[k])) {
                    needed = w;
                }
            }
            if (needed < 0) {
                return h;
            }
            m = Math.max(m, needed);
        }
        return h * Math.pow(4, m);
    }

    /**
     * The fewest widenings by 4 (at most {@code remaining}) after which the rounding floor would
     * allow a clear pass, or -1 when none would.
     */
    private static int wideningsNeeded(Judge judge, OutputProbe probe, double step, double analytic, double numeric,
                                       double terms, int k, int remaining) {
        for (int m = 1; m <= remaining; m++) {
            if (floorAllowsClearPass(judge, probe, step, analytic, numeric, terms, k, m)) {
                return m;
            }
        }
        return -1;
    }

    /**
     * Whether a screen at up to {@code 4^widenings·step} could pass clearly as far as its rounding
     * floor is concerned (the floor falls as 1/h). The truncation is not predicted: where the
     * output's magnitude dominates, the screen's disagreement is rounding noise too, and it falls
     * with the floor; where it is truncation, the wider screen measures it and does not pass.
     */
    private static boolean floorAllowsClearPass(Judge judge, OutputProbe probe, double step, double analytic,
                                                double numeric, double terms, int k, int widenings) {
        double floor = ScreeningDifference.roundingFloor(probe, step, judge.noise(), k) / Math.pow(4, widenings);
        double tol = judge.tolerance(analytic, numeric, floor, terms);
        return tol <= judge.screenLimit() * Math.max(Math.abs(analytic), Math.abs(numeric));
    }
}
