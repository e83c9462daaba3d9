package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;

import io.github.gradcheck.model.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges the resolution of an element against the scale of its node's gradient: an element
 * whose gradient is tiny beside its node's largest one, and whose claim agrees with the
 * measurement, passes when the tolerance is fine relative to the node's gradient, rather
 * than being inconclusive for want of relative resolution on a near-zero value. A
 * disagreement stays inconclusive: no failure comes from this rule.
 */
final class NodeScale {

    private NodeScale() {
    }

    static List<ElementComparison> passCoarseAgreements(List<ElementComparison> elements, TolerancePolicy policy, Precision p) {
        int cotangents = 0;
        for (ElementComparison e : elements) {
            cotangents = Math.max(cotangents, e.cotangent() + 1);
        }
        double[] scale = new double[cotangents];
        for (ElementComparison e : elements) {
            if (Double.isFinite(e.numeric())) {
                scale[e.cotangent()] = Math.max(scale[e.cotangent()], Math.abs(e.numeric()));
            }
        }
        List<ElementComparison> out = new ArrayList<>(elements.size());
        for (ElementComparison e : elements) {
            boolean agreesFinely = e.finding() == Finding.COARSE && e.absoluteError() <= e.tolerance()
                    && e.tolerance() <= policy.resolutionLimit(p) * scale[e.cotangent()];
            out.add(agreesFinely ? new ElementComparison(e.index(), e.position(), e.cotangent(), e.analytic(), e.numeric(),
                    e.errorEstimate(), e.tolerance(), Verdict.PASS, Finding.MEASURED) : e);
        }
        return out;
    }
}
