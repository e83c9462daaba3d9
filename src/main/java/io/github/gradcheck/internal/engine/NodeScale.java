package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepts, norm-wise, the elements too small to resolve on their own: an element whose
 * comparison is coarse only for want of relative resolution (its claim agrees with its
 * measurement within its own tolerance, and that tolerance is within the resolution limit of
 * the node's largest <em>measured</em> gradient, and so are the element's claimed and measured
 * values) passes as {@link Finding#NEGLIGIBLE}, rather
 * than being inconclusive (softmax probabilities of 1e-12 beside one of 1, measured to 5e-13).
 *
 * <p>It changes no tolerance and fails nothing: each element is compared within its own
 * tolerance, from its own measurement; a disagreement stays as it is. The scale is measured, not
 * claimed, so a wrong claim of 1e30 cannot make other elements pass. Such elements are left out
 * of the report's resolution line, which says how many there are.
 */
final class NodeScale {

    private NodeScale() {
    }

    static List<ElementComparison> passCoarseAgreements(List<ElementComparison> elements, TolerancePolicy policy,
                                                        Precision p) {
        int cotangents = 0;
        for (ElementComparison e : elements) {
            cotangents = Math.max(cotangents, e.cotangent() + 1);
        }
        double[] scale = new double[cotangents];
        for (ElementComparison e : elements) {
            if (Double.isFinite(e.numeric()) && e.finding() == Finding.MEASURED) {
                scale[e.cotangent()] = Math.max(scale[e.cotangent()], Math.abs(e.numeric()));
            }
        }
        List<ElementComparison> out = new ArrayList<>(elements.size());
        for (ElementComparison e : elements) {
            double limit = policy.resolutionLimit(p) * scale[e.cotangent()];
            boolean agreesFinely = e.finding() == Finding.COARSE && Double.isFinite(e.analytic())
                    && e.absoluteError() <= e.tolerance() && e.tolerance() <= limit
                    && Math.max(Math.abs(e.analytic()), Math.abs(e.numeric())) <= limit;
            out.add(agreesFinely ? new ElementComparison(e.index(), e.position(), e.cotangent(), e.analytic(),
                    e.numeric(), e.errorEstimate(), e.tolerance(), Verdict.PASS, Finding.NEGLIGIBLE, e.noise()) : e);
        }
        return out;
    }
}
