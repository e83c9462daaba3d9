package io.github.gradcheck.check;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.numeric.Estimate;
import io.github.gradcheck.numeric.KinkDetector;
import io.github.gradcheck.numeric.Probe;
import io.github.gradcheck.numeric.RobustDifference;
import io.github.gradcheck.numeric.ScreeningDifference;
import io.github.gradcheck.numeric.StepSize;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures one probed direction (one element, or a random direction through a node) and
 * compares it with the claimed values: the cheap screen, and where it is not a clear pass the
 * robust estimate and the kink test.
 */
final class Measurement {

    /** Σ|u<sub>k,i</sub>·∂out<sub>i</sub>| measured with the samples at ±h (see {@link ElementProbe#terms}). */
    @FunctionalInterface
    interface Terms {
        double at(double h, int k);
    }

    private Measurement() {
    }

    /**
     * @param x the probed coordinate's value (0 along a direction)
     * @param typical the typical magnitude of the node's values
     * @param stepPrecision the precision of the perturbed value
     * @param scale per cotangent, a lower bound of the terms the claimed value is a sum of
     * @param where for errors: e.g. {@code " element [3] of"}
     */
    static List<ElementCheck> measure(TolerancePolicy policy, Probe probe, Terms termsOf, double x, double typical,
                                      Precision stepPrecision, double epsilon, double[] analytic, double[] scale,
                                      double firstOrderTerms, Precision p, int index, String position,
                                      String subject, String node, String where) {
        double[] starts = StepSize.robustStarts(x, typical, stepPrecision);
        double h = Screen.firstStep(policy, probe, StepSize.screen(x, typical, stepPrecision), starts[0], epsilon,
                analytic, scale, p);
        List<ElementCheck> out = new ArrayList<>(analytic.length);
        if (ScreeningDifference.unchanged(probe, h)) {
            for (int k = 0; k < analytic.length; k++) {
                double e = epsilon * ScreeningDifference.magnitude(probe, h, k) / (4 * h);
                double tol = policy.tolerance(analytic[k], 0, e, scale[k], p);
                out.add(new ElementCheck(index, position, k, analytic[k], 0, e, tol,
                        policy.verdict(analytic[k], 0, tol, p), Finding.INDEPENDENT));
            }
            return out;
        }
        Screen screened = Screen.run(policy, probe, termsOf, h, starts[0], epsilon, analytic, scale, p);
        if (screened.clear()) {
            Estimate[] clear = screened.estimates();
            for (int k = 0; k < analytic.length; k++) {
                double tol = policy.tolerance(analytic[k], clear[k].value(), clear[k].error(), screened.terms()[k], p);
                out.add(new ElementCheck(index, position, k, analytic[k], clear[k].value(), clear[k].error(), tol,
                        Verdict.PASS, Finding.MEASURED));
            }
            return out;
        }
        double[] terms = screened.firstTerms();
        Estimate[] robust = RobustDifference.estimate(probe, starts, epsilon, firstOrderTerms);
        for (int k = 0; k < analytic.length; k++) {
            Estimate est = robust[k];
            if (!Double.isFinite(est.value())) {
                throw new SubjectException(subject, node, "the output was not finite when" + where + " '" + node
                        + "' was perturbed by even the smallest step: the point is at the edge of the function's"
                        + " domain; choose a point further inside it", null);
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
            out.add(new ElementCheck(index, position, k, analytic[k], est.value(), est.error(), tol, v, finding));
        }
        return out;
    }
}
