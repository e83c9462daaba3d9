package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.DirectionComparison;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.internal.numeric.Estimate;
import io.github.gradcheck.internal.numeric.KinkDetector;
import io.github.gradcheck.internal.numeric.Probe;
import io.github.gradcheck.internal.numeric.RobustDifference;
import io.github.gradcheck.internal.numeric.ScreeningDifference;
import io.github.gradcheck.internal.numeric.StepSize;
import io.github.gradcheck.model.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures one probed direction (one element, or a random direction through a node) and
 * compares it with the claimed values: the cheap screen, and where it is not a clear pass the
 * robust estimate and the kink test.
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
     */
    record Outcome(int cotangent, double analytic, double numeric, double errorEstimate, double tolerance,
                   Verdict verdict, Finding finding) {

        /** This outcome as the comparison at element {@code index} (printed as {@code position}). */
        ElementComparison at(int index, String position) {
            return new ElementComparison(index, position, cotangent, analytic, numeric, errorEstimate, tolerance,
                    verdict, finding);
        }

        /** This outcome as the comparison along direction {@code direction} over elements {@code from..to-1}. */
        DirectionComparison along(int direction, int from, int to) {
            return new DirectionComparison(direction, from, to, cotangent, analytic, numeric, errorEstimate,
                    tolerance, verdict, finding);
        }
    }

    private ProbeComparison() {
    }

    /**
     * The outcome per cotangent of measuring {@code probe} and comparing it with {@code claim}.
     *
     * @param at the coordinate the probe moves, for its steps
     */
    static List<Outcome> measure(OutputProbe probe, Coordinate at, Claim claim, Judge judge) {
        double[] analytic = claim.analytic();
        double epsilon = judge.noise();
        double[] starts = StepSize.robustStarts(at.x(), at.typical(), at.precision());
        double h = Screen.firstStep(judge, probe, claim, StepSize.screen(at.x(), at.typical(), at.precision()),
                starts[0]);
        List<Outcome> out = new ArrayList<>(analytic.length);
        if (ScreeningDifference.unchanged(probe, h)) {
            for (int k = 0; k < analytic.length; k++) {
                double e = epsilon * ScreeningDifference.magnitude(probe, h, k) / (4 * h);
                double tol = judge.tolerance(analytic[k], 0, e, claim.terms()[k]);
                out.add(new Outcome(k, analytic[k], 0, e, tol, judge.verdict(analytic[k], 0, tol),
                        Finding.INDEPENDENT));
            }
            return out;
        }
        Screen screened = Screen.run(judge, probe, claim, h, starts[0]);
        if (screened.clear()) {
            Estimate[] clear = screened.estimates();
            for (int k = 0; k < analytic.length; k++) {
                double tol = judge.tolerance(analytic[k], clear[k].value(), clear[k].error(), screened.terms()[k]);
                out.add(new Outcome(k, analytic[k], clear[k].value(), clear[k].error(), tol, Verdict.PASS,
                        Finding.MEASURED));
            }
            return out;
        }
        double[] terms = screened.firstTerms();
        Estimate[] robust = RobustDifference.estimate(probe, starts, epsilon, judge.firstOrderTerms());
        retryWithSmallerSteps(robust, probe, starts, at, judge);
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
            Finding finding = Finding.MEASURED;
            if (v != Verdict.PASS) {
                double diff = Math.abs(analytic[k] - est.value());
                double kinkStep = est.step() > 0 ? Math.min(h, est.step()) : h;
                if (KinkDetector.kinkExplains(probe, kinkStep, k, epsilon, diff)) {
                    v = Verdict.INCONCLUSIVE;
                    finding = Finding.KINK;
                } else if (v == Verdict.INCONCLUSIVE) {
                    finding = Finding.COARSE;
                }
            }
            out.add(new Outcome(k, analytic[k], est.value(), est.error(), tol, v, finding));
        }
        return out;
    }

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
                                              Judge judge) {
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
            Estimate[] again = RobustDifference.estimate(probe, smaller, judge.noise(), judge.firstOrderTerms());
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
