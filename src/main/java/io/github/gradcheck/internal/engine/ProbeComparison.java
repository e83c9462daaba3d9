package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.DirectionComparison;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.MeasuredNoise;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.internal.numeric.Estimate;
import io.github.gradcheck.internal.numeric.HighOrderDifference;
import io.github.gradcheck.internal.numeric.KinkDetector;
import io.github.gradcheck.internal.numeric.Noise;
import io.github.gradcheck.internal.numeric.NoiseEstimation;
import io.github.gradcheck.internal.numeric.Probe;
import io.github.gradcheck.internal.numeric.ProbeConfirmation;
import io.github.gradcheck.internal.numeric.RobustDifference;
import io.github.gradcheck.internal.numeric.Sample;
import io.github.gradcheck.internal.numeric.ScreeningDifference;
import io.github.gradcheck.internal.numeric.StepSize;
import io.github.gradcheck.model.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/**
 * Measures one probed direction (one element, or a random direction through a node) and
 * compares it with the claimed values, per cotangent:
 *
 * <ol>
 *   <li>the cheap screen (at a smaller step where truncation, not rounding, kept it from a clear
 *   pass): a clear pass is a pass;</li>
 *   <li>the robust estimate (the first family of steps, powers of two): a pass that the screen
 *   does not contradict is a pass; a disagreement that a kink explains is inconclusive;</li>
 *   <li>everything else, before it can be WRONG or inconclusive, is measured again by
 *   {@link ProbeConfirmation}: the output's noise measured at the point, the scale the function
 *   varies on there, and two ladders of steps incommensurate with the first family (one, where it
 *   bears out the first family's value). Only a confirmed measurement decides; where none is
 *   reached, the comparison is inconclusive and says why (noise, no step resolves the function,
 *   no confirmation).</li>
 * </ol>
 *
 * <p>So no family of steps fails a claim on its own: aliasing (f(x + h) = f(x − h) for steps
 * that are multiples of a period), a feature far below the scale of x, or noise above the type's
 * rounding can make the first family confidently wrong, and the confirmation, whose steps share
 * nothing with it, is what a FAIL rests on.
 */
final class ProbeComparison {

    /**
     * The comparison for one cotangent, before it is placed at an element or along a direction.
     *
     * @param cotangent which output cotangent
     * @param analytic the claimed value
     * @param numeric the measured value
     * @param errorEstimate the measurement's estimated error
     * @param tolerance the largest |analytic − numeric| accepted
     * @param verdict the outcome
     * @param finding why it is inconclusive, or that the output is independent of the probe
     * @param noise the output's noise as measured for the confirmation, when one was made
     */
    record Outcome(int cotangent, double analytic, double numeric, double errorEstimate, double tolerance,
                   Verdict verdict, Finding finding, Optional<MeasuredNoise> noise, Optional<Pending> pending) {

        Outcome(int cotangent, double analytic, double numeric, double errorEstimate, double tolerance,
                Verdict verdict, Finding finding, Optional<MeasuredNoise> noise) {
            this(cotangent, analytic, numeric, errorEstimate, tolerance, verdict, finding, noise, Optional.empty());
        }

        Outcome(int cotangent, double analytic, double numeric, double errorEstimate, double tolerance,
                Verdict verdict, Finding finding) {
            this(cotangent, analytic, numeric, errorEstimate, tolerance, verdict, finding, Optional.empty());
        }

        /**
         * This outcome per unit of the output: every value divided by {@code unit} (a power of two: the
         * cotangent of a scalar output), the verdict unchanged.
         */
        Outcome perUnit(double unit) {
            if (unit == 1) {
                return this;
            }
            double m = Math.abs(unit);
            // + 0.0: a zero reads as 0.0 whatever the cotangent's sign
            return new Outcome(cotangent, analytic / unit + 0.0, numeric / unit + 0.0, errorEstimate / m, tolerance / m,
                    verdict, finding, noise.map(n -> new MeasuredNoise(n.sigma() / m, n.magnitude() / m,
                            n.evaluations(), n.aboveRounding())), pending);
        }

        /** This outcome as the comparison at element {@code index} (printed as {@code position}). */
        ElementComparison at(int index, String position) {
            return new ElementComparison(index, position, cotangent, analytic, numeric, errorEstimate, tolerance,
                    verdict, finding, noise);
        }

        /** This outcome as the comparison along direction {@code direction} over elements {@code from..to-1}. */
        DirectionComparison along(int direction, int from, int to) {
            return new DirectionComparison(direction, from, to, cotangent, analytic, numeric, errorEstimate,
                    tolerance, verdict, finding);
        }
    }

    /**
     * A failure whose confirmation was left for later ({@link #confirmLater}): what
     * {@link #confirmPending} needs to make the measurement {@link #measure} would have made at
     * once, without evaluating again what was evaluated already.
     *
     * @param cotangent which output cotangent failed
     * @param claim the claim compared
     * @param screen the screen's step
     * @param screened the screen made at it
     * @param samples the samples the first measurement evaluated, which the confirmation reuses
     * @param byScreen whether the screen was the first measurement (it failed every cotangent by its
     *     own tolerance, and no robust estimate was made)
     */
    record Pending(int cotangent, Claim claim, double screen, Screen screened, Map<Double, Sample> samples,
                   boolean byScreen) {

        /** This failure without its samples: its confirmation evaluates them again. */
        Pending withoutSamples() {
            return new Pending(cotangent, claim, screen, screened, Map.of(), byScreen);
        }
    }

    private ProbeComparison() {
    }

    /**
     * The outcome per cotangent of measuring {@code probe} and comparing it with {@code claim},
     * every failure confirmed before it is WRONG.
     *
     * @param at the coordinate the probe moves, for its steps
     */
    static List<Outcome> measure(OutputProbe probe, Coordinate at, Claim claim, Judge judge) {
        return measure(probe, at, claim, judge, false);
    }

    /**
     * As {@link #measure}, except that a claim the first measurement finds wrong is not confirmed
     * yet: its outcome is a FAIL {@linkplain Finding#NOT_CONFIRMED_SEPARATELY not confirmed
     * separately}, carrying what {@link #confirmPending} needs. The first measurement is the screen
     * where it fails every cotangent by its own tolerance (its confirmation then takes the screen as
     * the first family, and makes the robust estimate only where that does not uphold the failure),
     * else the robust estimate. The caller confirms as many of them as its
     * verdict needs, and must not let the others stand as confirmed evidence.
     */
    static List<Outcome> confirmLater(OutputProbe probe, Coordinate at, Claim claim, Judge judge) {
        return measure(probe, at, claim, judge, true);
    }

    /**
     * The outcomes per cotangent {@link #measure} would have given at once, where
     * {@link #confirmLater} left a failure pending: every failure confirmed. The samples evaluated
     * already are not evaluated again.
     *
     * @param probe the same probe, in a task of its own
     */
    static List<Outcome> confirmPending(OutputProbe probe, Coordinate at, Pending p, Judge judge) {
        probe.reuse(p.samples());
        if (p.byScreen()) {
            List<Outcome> confirmed = confirmScreen(probe, at, p.claim(), judge, p.screened());
            if (!confirmed.isEmpty()) {
                return confirmed;
            }
        }
        double[] starts = StepSize.robustStarts(at.x(), at.typical(), at.precision());
        return beyondScreen(probe, at, p.claim(), judge, p.screen(), starts, p.screened(), false);
    }

    /**
     * Where the screen was the first measurement and failed every cotangent: the screen's failures
     * confirmed by the independent measurement, with the screen as the first family of steps; none
     * where any cotangent is not confirmed WRONG that way (the robust estimate then measures, and its
     * outcome is confirmed as it would have been at once; the evaluations already made are reused).
     * The robust estimate, which could only refine a value the confirmation measures anyway, is so
     * made only where the screen's failure does not stand.
     */
    private static List<Outcome> confirmScreen(OutputProbe probe, Coordinate at, Claim claim, Judge judge,
                                               Screen screened) {
        double[] analytic = claim.analytic();
        List<Outcome> out = new ArrayList<>(analytic.length);
        for (int k = 0; k < analytic.length; k++) {
            Estimate e = screened.estimates()[k];
            // the screen's estimate records its widest sample, 4h: its noise floor is that of its smallest step, h
            double h = e.step() / 4;
            Estimate first = new Estimate(e.value(), e.error(), h);
            double tol = judge.tolerance(analytic[k], e.value(), e.error(), screened.terms()[k]);
            Outcome o = confirm(probe, at, k, analytic[k], screened.terms()[k], judge, first, tol, h);
            if (o.verdict() != Verdict.FAIL) {
                return List.of();
            }
            out.add(o);
        }
        return out;
    }

    private static List<Outcome> measure(OutputProbe probe, Coordinate at, Claim claim, Judge judge, boolean later) {
        double[] analytic = claim.analytic();
        double[] starts = StepSize.robustStarts(at.x(), at.typical(), at.precision());
        double h = Screen.firstStep(judge, probe, claim, StepSize.screen(at.x(), at.typical(), at.precision()),
                starts[0]);
        if (ScreeningDifference.unchanged(probe, h)) {
            List<Outcome> independent = independent(probe, claim, judge, h, starts[0]);
            if (!independent.isEmpty()) {
                return independent;
            }
        }
        List<Outcome> out = new ArrayList<>(analytic.length);
        Screen screened = Screen.run(judge, probe, claim, h, starts[0], smallestScreenStep(at));
        if (screened.clear()) {
            Estimate[] clear = screened.estimates();
            for (int k = 0; k < analytic.length; k++) {
                double tol = judge.tolerance(analytic[k], clear[k].value(), clear[k].error(), screened.terms()[k]);
                out.add(new Outcome(k, analytic[k], clear[k].value(), clear[k].error(), tol, Verdict.PASS,
                        Finding.MEASURED));
            }
            return out;
        }
        if (later) {
            List<Outcome> failed = screenFailures(probe, claim, judge, h, screened);
            if (!failed.isEmpty()) {
                return failed;
            }
        }
        return beyondScreen(probe, at, claim, judge, h, starts, screened, later);
    }

    /**
     * The smallest base step a narrowed screen may take at {@code at}: 1024 units in the last place of
     * the element's value, so that its perturbed values keep ten bits of the step; along a direction,
     * whose elements' values are unknown here, the screen is not narrowed.
     */
    private static double smallestScreenStep(Coordinate at) {
        if (at.alongDirection()) {
            return Double.POSITIVE_INFINITY;
        }
        double ulp = at.precision() == Precision.FLOAT ? Math.ulp((float) at.x()) : Math.ulp(at.x());
        return 1024 * ulp;
    }

    /** The robust estimate and what follows it, for a probe the screen did not pass clearly. */
    private static List<Outcome> beyondScreen(OutputProbe probe, Coordinate at, Claim claim, Judge judge, double h,
                                              double[] starts, Screen screened, boolean later) {
        double[] analytic = claim.analytic();
        double epsilon = judge.noise();
        List<Outcome> out = new ArrayList<>(analytic.length);
        double[] terms = screened.firstTerms();
        IntToDoubleFunction firstOrder = c -> claim.firstOrderTerms(c, judge.firstOrderTerms());
        Estimate[] robust = RobustDifference.estimate(probe, starts, epsilon, firstOrder);
        retryWithSmallerSteps(robust, probe, starts, at, judge, firstOrder);
        for (int k = 0; k < analytic.length; k++) {
            Estimate est = robust[k];
            if (!Double.isFinite(est.value())) {
                // not finite within a step of the point on either side, however small: the edge of the domain
                out.add(new Outcome(k, analytic[k], Double.NaN, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                        Verdict.INCONCLUSIVE, Finding.DOMAIN_EDGE));
                continue;
            }
            double tol = judge.tolerance(analytic[k], est.value(), est.error(), terms[k]);
            Verdict v = judge.verdict(analytic[k], est.value(), tol);
            double kinkStep = est.step() > 0 ? Math.min(h, est.step()) : h;
            // a pass that rests on both values being 0 within a tolerance that does not resolve a non-zero
            // claim (a first family crossing a pole measures −268 ± 3e9 against a claim of 3e9) is confirmed
            boolean zeroOnly = analytic[k] != 0 && coarse(est, judge) && !(tol < Math.abs(analytic[k]))
                    && resolvable(analytic[k], probe.at(0).magnitude(k), starts[0], judge);
            if (v == Verdict.PASS && !zeroOnly && consistent(screened.estimates()[k], est, judge, probe, k)) {
                out.add(finer(probe, at, k, judge, claim.scale()[k],
                        new Outcome(k, analytic[k], est.value(), est.error(), tol, v, Finding.MEASURED)));
            } else if (later && v == Verdict.FAIL && Double.isFinite(analytic[k])) {
                out.add(new Outcome(k, analytic[k], est.value(), est.error(), tol, v, Finding.NOT_CONFIRMED_SEPARATELY,
                        Optional.empty(), Optional.of(new Pending(k, claim, h, screened, probe.samples(), false))));
            } else {
                out.add(finer(probe, at, k, judge, claim.scale()[k], confirm(probe, at, k, analytic[k], terms[k], judge,
                        est, tol, kinkStep)));
            }
        }
        return out;
    }

    /**
     * Where the screen fails every cotangent's claim by its own tolerance (finite claims, finite
     * estimates), those failures left for confirmation; none otherwise.
     */
    private static List<Outcome> screenFailures(OutputProbe probe, Claim claim, Judge judge, double h,
                                                Screen screened) {
        double[] analytic = claim.analytic();
        List<Outcome> out = new ArrayList<>(analytic.length);
        Map<Double, Sample> samples = null;
        for (int k = 0; k < analytic.length; k++) {
            Estimate e = screened.estimates()[k];
            if (!Double.isFinite(analytic[k]) || !Double.isFinite(e.value()) || !Double.isFinite(e.error())) {
                return List.of();
            }
            double tol = judge.tolerance(analytic[k], e.value(), e.error(), screened.terms()[k]);
            if (judge.verdict(analytic[k], e.value(), tol) != Verdict.FAIL) {
                return List.of();
            }
            samples = samples == null ? probe.samples() : samples;
            out.add(new Outcome(k, analytic[k], e.value(), e.error(), tol, Verdict.FAIL,
                    Finding.NOT_CONFIRMED_SEPARATELY, Optional.empty(),
                    Optional.of(new Pending(k, claim, h, screened, samples, true))));
        }
        return out;
    }

    /**
     * The outcomes of a probe whose every screen sample left the output bit-identical, or none
     * when a claim that such an output would fail is not borne out by steps of another family
     * (the output does change there: it is then measured as any other).
     */
    private static List<Outcome> independent(OutputProbe probe, Claim claim, Judge judge, double h, double reach) {
        double[] analytic = claim.analytic();
        List<Outcome> out = new ArrayList<>(analytic.length);
        boolean allPass = true;
        for (int k = 0; k < analytic.length; k++) {
            double e = judge.noise() * ScreeningDifference.magnitude(probe, h, k) / (4 * h);
            double tol = judge.tolerance(analytic[k], 0, e, claim.terms()[k]);
            Verdict v = judge.verdict(analytic[k], 0, tol);
            allPass &= v == Verdict.PASS;
            out.add(new Outcome(k, analytic[k], 0, e, tol, v, Double.isFinite(analytic[k]) ? Finding.INDEPENDENT
                    : Finding.NON_FINITE_CLAIM));
        }
        return allPass || unchangedAtIncommensurateSteps(probe, reach) ? out : List.of();
    }

    /**
     * Whether the output is bit-identical at steps of another family too: mantissas √3/2 and
     * 2^(−3/4), not powers of two, one near the robust estimate's largest step and one far below
     * it, so that no period or quantum of the function that the screen's steps fit can fit them.
     */
    private static boolean unchangedAtIncommensurateSteps(Probe probe, double reach) {
        for (double step : new double[] {reach * 0.8660254037844386, reach * 0.5946035575013605 / 64}) {
            if (!probe.at(step).unchanged() || !probe.at(-step).unchanged()) {
                return false;
            }
        }
        return true;
    }

    /** The discrepancy a kink must explain; 0 for a claim that is not finite (a kink at all explains it). */
    private static double discrepancy(double analytic, double numeric) {
        return Double.isFinite(analytic) ? Math.abs(analytic - numeric) : 0;
    }

    /**
     * Whether the robust estimate is consistent with the screen: where their difference exceeds
     * what both errors allow, one of them is wrong (the robust estimate's power-of-two ladder
     * aliases with a period of the function, or crosses a feature the screen's smaller steps
     * resolve), and a pass must be confirmed. A screen that is not finite says nothing, nor does
     * one whose stencil a kink explains (its widest samples cross a kink the robust estimate's
     * smallest steps stay clear of).
     */
    private static boolean consistent(Estimate screen, Estimate robust, Judge judge, Probe probe, int k) {
        if (!Double.isFinite(screen.value()) || !Double.isFinite(screen.error())) {
            return true;
        }
        if (coarse(robust, judge) && !coarse(screen, judge)) {
            // the robust estimate passes only for want of resolution (its floor is raised by Σ|x·g| from the
            // claims), where the screen resolves the value: that pass says nothing
            return false;
        }
        double allowed = judge.tolerance(screen.value(), robust.value(), screen.error() + robust.error(), 0);
        double difference = Math.abs(screen.value() - robust.value());
        // the screen's estimate records its widest sample, 4h
        return difference <= allowed || KinkDetector.kinkExplains(probe, screen.step() / 4, k, judge.noise(), difference);
    }

    /**
     * Whether a derivative of size {@code claim} could be resolved at all by steps up to {@code h0} in
     * an output of magnitude {@code f}: rounding alone puts the error of any such measurement at
     * about {@code 3·ε·f/h0} or more, which S = 10 and the resolution limit turn into a smallest
     * resolvable derivative of about {@code 3000·ε·f/h0}. Below it a second measurement cannot decide
     * either, and is not made.
     */
    private static boolean resolvable(double claim, double f, double h0, Judge judge) {
        double floor = 3 * judge.noise() * f / h0;
        double tol = judge.policy().safety() * floor;
        return tol <= judge.policy().resolutionLimit(judge.precision()) * Math.abs(claim);
    }

    /** Whether an estimate's own tolerance is coarser than the resolution limit of its value. */
    private static boolean coarse(Estimate e, Judge judge) {
        double tol = judge.tolerance(e.value(), e.value(), e.error(), 0);
        return !(tol <= judge.policy().resolutionLimit(judge.precision()) * Math.abs(e.value()));
    }

    /**
     * The verdict of an independent measurement, made before a claim is found wrong (or left
     * inconclusive, or passed against a robust estimate the screen contradicts): noise, scale,
     * incommensurate ladders. Where it is not confirmed, the first family's numbers are kept for
     * the report, and the verdict is inconclusive with the reason.
     */
    private static Outcome confirm(OutputProbe probe, Coordinate at, int k, double analytic, double terms, Judge judge,
                                   Estimate robust, double robustTolerance, double kinkStep) {
        // the type's rounding only: the noise is measured now, and no claim (through Σ|x·g|) may raise its floor
        double epsilon = judge.noise();
        ProbeConfirmation.Result r = ProbeConfirmation.measure(probe, k, at.valueOrNaN(), at.typical(), at.precision(),
                epsilon, (ladder, noise) -> oneLadderSuffices(analytic, terms, robust, ladder, noise, judge));
        Optional<MeasuredNoise> noise = Optional.ofNullable(r.noise()).map(n -> new MeasuredNoise(n.sigma(),
                n.magnitude(), n.evaluations(), n.sigma() > ABOVE_ROUNDING * judge.noise() * n.magnitude()));
        Finding unresolved = switch (r.outcome()) {
            case CONFIRMED -> null;
            case NOISE_SWAMPS -> Finding.NOISE;
            case SCALE_UNRESOLVED -> Finding.UNRESOLVED;
            case NOT_FINITE -> Finding.DOMAIN_EDGE;
            case NOT_CONFIRMED -> Finding.UNCONFIRMED;
        };
        if (unresolved != null) {
            // no second measurement: a kink within the first family's stencil may say why
            boolean kink = judge.verdict(analytic, robust.value(), robustTolerance) != Verdict.PASS
                    && KinkDetector.kinkExplains(probe, kinkStep, k, judge.noise(), discrepancy(analytic, robust.value()));
            return new Outcome(k, analytic, robust.value(), robust.error(), robustTolerance, Verdict.INCONCLUSIVE,
                    kink && unresolved != Finding.DOMAIN_EDGE ? Finding.KINK : unresolved, noise);
        }
        Estimate confirmed = r.estimate();
        Estimate first = firstAfter(robust, confirmed, r.noise(), judge);
        Estimate e = firstDecides(analytic, terms, robust, confirmed, r.noise(), judge) ? first : confirmed;
        double tol = judge.tolerance(analytic, e.value(), e.error(), terms);
        Verdict v = judge.verdict(analytic, e.value(), tol);
        Verdict before = judge.verdict(analytic, robust.value(), robustTolerance);
        Finding finding = Finding.MEASURED;
        if (v == Verdict.PASS && before != Verdict.PASS && coarse(e, judge)) {
            // agreement within a measurement too coarse to see the value: it refutes no failure of the
            // first measurement, and resolves no coarse one
            return new Outcome(k, analytic, e.value(), e.error(), tol, Verdict.INCONCLUSIVE,
                    before == Verdict.FAIL ? Finding.UNCONFIRMED : Finding.COARSE, noise);
        }
        if (v == Verdict.FAIL) {
            // the confirmation found the asymptotic range of its own steps, which no kink lies within: where it
            // decides, its failure stands (x is not at a kink, its derivative is the confirmed one); where the
            // first family decides, a kink within the first family's stencil makes it inconclusive as ever
            if (e == first && KinkDetector.kinkExplains(probe, kinkStep, k, judge.noise(),
                    discrepancy(analytic, e.value()))) {
                v = Verdict.INCONCLUSIVE;
                finding = Finding.KINK;
            } else if (!Double.isFinite(analytic)) {
                finding = Finding.NON_FINITE_CLAIM;
            }
        } else if (v == Verdict.INCONCLUSIVE) {
            finding = Finding.COARSE;
        }
        return new Outcome(k, analytic, e.value(), e.error(), tol, v, finding, noise);
    }

    /**
     * The first family's error once the noise is measured: it assumed the type's rounding, so where
     * the noise measured now is clearly above it, it is floored at the noise.
     */
    private static double floored(Estimate first, Noise measured, Judge judge) {
        double rounding = judge.noise() * measured.magnitude();
        double noiseFloor = measured.sigma() > ABOVE_ROUNDING * rounding
                ? NOISE_FLOOR * measured.sigma() / first.step() : 0;
        return Math.max(first.error(), noiseFloor);
    }

    /**
     * Whether the first family's estimate and an independent one agree within both errors, the
     * first's {@linkplain #floored floored} at the measured noise: the first value survived a
     * measurement whose steps share nothing with its own.
     */
    private static boolean consistent(Estimate first, Estimate independent, Noise measured, Judge judge) {
        return Math.abs(first.value() - independent.value()) <= judge.tolerance(first.value(), independent.value(),
                floored(first, measured, judge) + independent.error(), 0);
    }

    /**
     * The first family's estimate as an independent one shows it: its error {@linkplain #floored
     * floored} at the measured noise, and at their disagreement less the independent error (the truth
     * is within that error of the independent value, so the first is at least that far off: a noise
     * the tables missed shows here).
     */
    private static Estimate firstAfter(Estimate first, Estimate independent, Noise measured, Judge judge) {
        double disagreement = Math.abs(first.value() - independent.value());
        return new Estimate(first.value(), Math.max(floored(first, measured, judge),
                disagreement - independent.error()), first.step());
    }

    /**
     * Whether the first family's estimate decides rather than the independent one. Consistent, the
     * first value survived an independent measurement and decides (as {@link #firstAfter} shows it),
     * unless the independent one is finer where the first is coarse (inconclusive, or resolving no
     * better than {@link #FINE} times the screen limit), or {@link #FAR_FINER} (the first's floors
     * were raised by the claims' Σ|x·g|, or by a coarse granularity). Inconsistent, the first family
     * was wrong (aliased, crossed a feature, drowned in noise) and is set aside.
     */
    private static boolean firstDecides(double analytic, double terms, Estimate first, Estimate independent,
                                        Noise measured, Judge judge) {
        if (!consistent(first, independent, measured, judge)) {
            return false;
        }
        Estimate shown = firstAfter(first, independent, measured, judge);
        double tolerance = judge.tolerance(analytic, shown.value(), shown.error(), terms);
        boolean coarse = !(tolerance <= FINE * judge.screenLimit() * Math.abs(shown.value()));
        return coarse ? !(independent.error() < shown.error()) : !(FAR_FINER * independent.error() < shown.error());
    }

    /**
     * Whether one incommensurate ladder's estimate is all the confirmation needs: the first family
     * decides with it ({@link #firstDecides}) and keeps its own error (the two agree within the
     * first's floored error and the ladder's), so a second ladder could change neither the value nor
     * the verdict. A ladder that agrees only because its own error is wide says nothing of the first
     * value's precision, and the second ladder is climbed.
     */
    private static boolean oneLadderSuffices(double analytic, double terms, Estimate first, Estimate ladder,
                                             Noise measured, Judge judge) {
        return firstDecides(analytic, terms, first, ladder, measured, judge)
                && Math.abs(first.value() - ladder.value()) - ladder.error() <= floored(first, measured, judge);
    }

    /**
     * A float pass whose tolerance is above this fraction of the claim would miss a bug of twice
     * it: it is measured again by {@link #highOrder}.
     */
    static final double COARSE_FLOAT_PASS = 5e-4;

    /**
     * An element whose claim is below this share of its node's largest claim (of its Jacobian
     * row's) is negligible beside it: it is measured again only where its pass could hide a bug of
     * the size the coarse limit guards in an element of this share ({@link #hidesABugThatMatters}),
     * not one relative to its own, tiny, claim.
     */
    static final double SIGNIFICANT_SHARE = 0.1;

    /**
     * A double pass through a measured noise clearly above the type's rounding, whose tolerance is
     * above this fraction of the claim, is measured again by {@link #highOrder} too.
     */
    static final double COARSE_NOISY_PASS = 1e-5;

    /**
     * A float element the first family passed only coarsely, measured again through the noise by
     * high-order differences from large steps ({@link HighOrderDifference}) on two ladders whose
     * starts are incommensurate (mantissas 0.75·2^(−1/2) and that times e^(−0.35), neither a power
     * of two): the claim fails only where both are off it by more than their tolerance; otherwise the
     * first pass stands. It never weakens a failure: only passes come here.
     */
    private static Outcome highOrder(OutputProbe probe, Coordinate at, int k, double analytic, Judge judge,
                                     Outcome pass) {
        double x = at.valueOrNaN();
        if (pass.noise().isPresent() && pass.noise().get().sigma() > 0) {
            // measured already by the confirmation: not again
            MeasuredNoise m = pass.noise().get();
            return highOrder(probe, at, k, analytic, judge, pass, Math.max(m.sigma(), judge.noise() * m.magnitude() / 2),
                    pass.noise());
        }
        Noise n = NoiseEstimation.measure(probe, k, x, at.typical(), at.precision(),
                NoiseEstimation.spacing(x, at.typical(), at.precision()), NoiseEstimation.DEFAULT_BUDGET);
        if (n.swamps()) {
            return pass;
        }
        return highOrder(probe, at, k, analytic, judge, pass, n.perSample(judge.noise()),
                Optional.of(new MeasuredNoise(n.sigma(), n.magnitude(), n.evaluations(),
                        n.sigma() > ABOVE_ROUNDING * judge.noise() * n.magnitude())));
    }

    /** {@link #highOrder} with the noise of one sample known. */
    private static Outcome highOrder(OutputProbe probe, Coordinate at, int k, double analytic, Judge judge,
                                     Outcome pass, double sigma, Optional<MeasuredNoise> noise) {
        double x = at.valueOrNaN();
        double scale = Math.max(1, Math.max(Double.isFinite(x) ? Math.abs(x) : 0, at.typical()));
        double first = 0.75 * 0.7071067811865476 * scale;
        Estimate a = HighOrderDifference.estimate(probe, k, first, sigma);
        double tolA = judge.tolerance(analytic, a.value(), a.error(), 0);
        if (!Double.isFinite(a.error()) || judge.verdict(analytic, a.value(), tolA) != Verdict.FAIL) {
            return pass;
        }
        Estimate b = HighOrderDifference.estimate(probe, k, first * Math.exp(-0.35), sigma);
        double tolB = judge.tolerance(analytic, b.value(), b.error(), 0);
        if (!Double.isFinite(b.error()) || judge.verdict(analytic, b.value(), tolB) != Verdict.FAIL) {
            return pass;
        }
        // the two ladders must agree with each other: two stencils of one ladder agreeing by accident near a
        // feature's scale (cos(256πx) at steps of a few periods) agree with no other ladder
        if (!(Math.abs(a.value() - b.value()) <= judge.tolerance(a.value(), b.value(), a.error() + b.error(), 0))) {
            return pass;
        }
        Estimate e = tolA <= tolB ? a : b;
        double tol = tolA <= tolB ? tolA : tolB;
        // a refinement of the pass must lie within it: where the large steps contradict the first measurement
        // (they cross a kink the first family's small steps stay clear of, or a feature), the pass stands
        if (!(Math.abs(e.value() - pass.numeric()) <= pass.tolerance() + tol)) {
            return pass;
        }
        return new Outcome(k, analytic, e.value(), e.error(), tol, Verdict.FAIL, Finding.MEASURED, noise);
    }

    /**
     * {@code outcome}, or where it is a float pass whose tolerance is above {@link #COARSE_FLOAT_PASS}
     * of the claim (a double pass through a noise measured above rounding: {@link #COARSE_NOISY_PASS}),
     * the verdict of {@link #highOrder}; an element negligible beside the node's largest claim
     * {@code scale} only where its pass could hide a bug that matters ({@link #hidesABugThatMatters}).
     */
    private static Outcome finer(OutputProbe probe, Coordinate at, int k, Judge judge, double scale,
                                 Outcome outcome) {
        double a = outcome.analytic();
        if (outcome.verdict() != Verdict.PASS || !Double.isFinite(a)) {
            return outcome;
        }
        boolean noisy = outcome.noise().map(MeasuredNoise::aboveRounding).orElse(false);
        double coarse = at.precision() == Precision.FLOAT ? COARSE_FLOAT_PASS : noisy ? COARSE_NOISY_PASS : Double.NaN;
        if (!hidesABugThatMatters(outcome, coarse, SIGNIFICANT_SHARE * scale)) {
            return outcome;
        }
        // where even the noise floor of the largest step (rounding alone, or the noise measured already) cannot
        // halve the tolerance, a finer measurement cannot be made: not tried
        double x = at.valueOrNaN();
        double first = 0.75 * 0.7071067811865476 * Math.max(1, Math.max(Double.isFinite(x) ? Math.abs(x) : 0,
                at.typical()));
        double sigma = Math.max(judge.noise() * probe.at(0).magnitude(k) / 2,
                outcome.noise().map(MeasuredNoise::sigma).orElse(0.0));
        double floor = judge.tolerance(a, a, 3 * 1.2 * sigma / first, 0);
        if (!(floor < outcome.tolerance() / 2)) {
            return outcome;
        }
        return highOrder(probe, at, k, a, judge, outcome);
    }

    /**
     * Whether a pass at the coarse limit {@code coarse} could hide a bug that matters: for an
     * element at least {@code significant} in size (its share of the node's largest claim), a
     * tolerance above {@code coarse} of its claim, which misses a bug of twice that relative to it;
     * for an element below it, a pass that misses a bug of {@code 2·coarse·significant} (what the
     * rule asks of the smallest significant element) — a bug passes only where it is within the
     * tolerance plus the measurement's error of the value, so such an element is measured again only
     * where that sum is above the bug.
     */
    private static boolean hidesABugThatMatters(Outcome pass, double coarse, double significant) {
        double a = Math.abs(pass.analytic());
        if (!(a < significant)) {
            return pass.tolerance() > coarse * a;
        }
        return pass.tolerance() + pass.errorEstimate() > 2 * coarse * significant;
    }

    /**
     * The noise floor of the first family's estimate once the noise is measured, in units of σ/h
     * (h its smallest step): about four standard deviations of an extrapolated central difference,
     * as for the confirmation's own entries.
     */
    static final double NOISE_FLOOR = 6;

    /**
     * A confirmation this many times finer than a consistent, conclusive first measurement decides in
     * its place (one finer than a coarse first measurement always does).
     */
    static final double FAR_FINER = 1000;

    /** A first measurement resolving within this many times the screen limit is fine (1e-6 in double). */
    static final double FINE = 100;

    /**
     * A measured noise counts as above the type's rounding {@code ε·F} when it is this many times
     * larger: beyond ECnoise's factor of about 3, and beyond the 2.6·ε·F seen on clean float code,
     * which the first family's floors already allow for.
     */
    static final double ABOVE_ROUNDING = 4;

    /** How many times a measurement that met non-finite values is retried with steps 64 times smaller. */
    static final int DOMAIN_RETRIES = 3;

    /**
     * Where the robust estimate is not finite (the output became NaN or infinite at a perturbed
     * point), measures again with all starting steps 64 times smaller, up to
     * {@link #DOMAIN_RETRIES} times and never below 64 units in the last place of the coordinate:
     * a point near the edge of the function's domain is measured with steps that stay inside it.
     * Replaces the non-finite estimates in place.
     */
    private static void retryWithSmallerSteps(Estimate[] robust, Probe probe, double[] starts, Coordinate at,
                                              Judge judge, IntToDoubleFunction firstOrder) {
        double ulp = at.precision() == Precision.FLOAT ? Math.ulp((float) at.x()) : Math.ulp(at.x());
        double[] smaller = starts.clone();
        for (int retry = 0; retry < DOMAIN_RETRIES && !allFinite(robust); retry++) {
            double smallest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < smaller.length; i++) {
                smaller[i] /= 64;
                smallest = Math.min(smallest, smaller[i]);
            }
            if (smallest < 64 * ulp) {
                return;
            }
            Estimate[] again = RobustDifference.estimate(probe, smaller, judge.noise(), firstOrder);
            for (int k = 0; k < robust.length; k++) {
                if (!Double.isFinite(robust[k].value()) && Double.isFinite(again[k].value())) {
                    robust[k] = again[k];
                }
            }
        }
    }

    private static boolean allFinite(Estimate[] estimates) {
        for (Estimate e : estimates) {
            if (!Double.isFinite(e.value())) {
                return false;
            }
        }
        return true;
    }
}
