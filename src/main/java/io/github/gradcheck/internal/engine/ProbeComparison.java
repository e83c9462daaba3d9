package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.internal.numeric.Estimate;
import io.github.gradcheck.internal.numeric.KinkDetector;
import io.github.gradcheck.internal.numeric.Probe;
import io.github.gradcheck.internal.numeric.RobustDifference;
import io.github.gradcheck.internal.numeric.ScreeningDifference;
import io.github.gradcheck.internal.numeric.StepSize;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures one probed direction (one element, or a random direction through a node) and
 * compares it with the claimed values: the cheap screen, and where it is not a clear pass the
 * robust estimate and the kink test.
 */
final class ProbeComparison {

    /** Σ|u<sub>k,i</sub>·∂out<sub>i</sub>| measured with the samples at ±h (see {@link ElementProbe#terms}). */
    @FunctionalInterface
    interface Terms {
        double at(double h, int k);
    }

    private ProbeComparison() {
    }

    /**
     * @param x the probed coordinate's value (0 along a direction)
     * @param typical the typical magnitude of the node's values
     * @param stepPrecision the precision of the perturbed value
     * @param scale per cotangent, a lower bound of the terms the claimed value is a sum of
     * @param where for errors: e.g. {@code " element [3] of"}
     */
    static List<ElementComparison> measure(TolerancePolicy policy, Probe probe, Terms termsOf, double x, double typical,
                                      Precision stepPrecision, double epsilon, double[] analytic, double[] scale,
                                      double firstOrderTerms, Precision p, int index, String position,
                                      String subject, String node, String where) {
        double[] starts = StepSize.robustStarts(x, typical, stepPrecision);
        double h = Screen.firstStep(policy, probe, StepSize.screen(x, typical, stepPrecision), starts[0], epsilon,
                analytic, scale, p);
        List<ElementComparison> out = new ArrayList<>(analytic.length);
        if (ScreeningDifference.unchanged(probe, h)) {
            for (int k = 0; k < analytic.length; k++) {
                double e = epsilon * ScreeningDifference.magnitude(probe, h, k) / (4 * h);
                double tol = policy.tolerance(analytic[k], 0, e, scale[k], p);
                out.add(new ElementComparison(index, position, k, analytic[k], 0, e, tol,
                        policy.verdict(analytic[k], 0, tol, p), Finding.INDEPENDENT));
            }
            return out;
        }
        Screen screened = Screen.run(policy, probe, termsOf, h, starts[0], epsilon, analytic, scale, p);
        if (screened.clear()) {
            Estimate[] clear = screened.estimates();
            for (int k = 0; k < analytic.length; k++) {
                double tol = policy.tolerance(analytic[k], clear[k].value(), clear[k].error(), screened.terms()[k], p);
                out.add(new ElementComparison(index, position, k, analytic[k], clear[k].value(), clear[k].error(), tol,
                        Verdict.PASS, Finding.MEASURED));
            }
            return out;
        }
        double[] terms = screened.firstTerms();
        Estimate[] robust = RobustDifference.estimate(probe, starts, epsilon, firstOrderTerms);
        retryWithSmallerSteps(robust, probe, starts, x, stepPrecision, epsilon, firstOrderTerms);
        for (int k = 0; k < analytic.length; k++) {
            Estimate est = robust[k];
            if (!Double.isFinite(est.value())) {
                // not finite within a step of the point on either side, however small: the edge of the domain
                out.add(new ElementComparison(index, position, k, analytic[k], Double.NaN, Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY, Verdict.INCONCLUSIVE, Finding.DOMAIN_EDGE));
                continue;
            }
            double tol = policy.tolerance(analytic[k], est.value(), est.error(), terms[k], p);
            Verdict v = policy.verdict(analytic[k], est.value(), tol, p);
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
            out.add(new ElementComparison(index, position, k, analytic[k], est.value(), est.error(), tol, v, finding));
        }
        return out;
    }

    /** How many times a measurement that met non-finite values is retried with steps 64 times smaller. */
    static final int DOMAIN_RETRIES = 3;

    /**
     * Where the robust estimate is not finite (the output became NaN or infinite at a perturbed
     * point), measures again with all starting steps 64 times smaller, up to
     * {@link #DOMAIN_RETRIES} times and never below 64 units in the last place of {@code x}:
     * a point near the edge of the function's domain is measured with steps that stay inside it.
     * Replaces the non-finite estimates in place.
     */
    private static void retryWithSmallerSteps(Estimate[] robust, Probe probe, double[] starts, double x,
                                              Precision stepPrecision, double epsilon, double firstOrderTerms) {
        double ulp = stepPrecision == Precision.FLOAT ? Math.ulp((float) x) : Math.ulp(x);
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
            Estimate[] again = RobustDifference.estimate(probe, smaller, epsilon, firstOrderTerms);
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
