package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.Deviation;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the user's declared deviations.
 *
 * <ul>
 *   <li>A node declared to deviate by a stated amount ({@link Deviation#intended},
 *   {@link Deviation#atMost}) is compared with the declared intent, element by element: the
 *   intended value from the node's value and the measured gradient there (its error carried over
 *   from the measurement's), or the measured gradient with the bound added to the tolerance. It
 *   deviates as declared where every claim is the intent; anything else fails.</li>
 *   <li>A node declared to deviate by an unstated amount ({@link Deviation#unstated}) that fails
 *   deviates as declared, whatever its error (what {@code withDeviation(node, why)} always did).</li>
 *   <li>A failed node whose error starts at declared nodes only (every wrong path from it through
 *   wrong consumers ends at one) that deviate as declared, deviates as declared too, following
 *   from them.</li>
 * </ul>
 */
final class DeclaredDeviations {

    private DeclaredDeviations() {
    }

    /**
     * @param trace the checked subject's forward at the point, for the nodes' values
     * @param subject the subject's name, for errors
     */
    static List<NodeReport> apply(Map<String, Deviation> declared, List<NodeReport> nodes, Trace trace,
                                  TolerancePolicy policy, String subject) {
        if (declared.isEmpty()) {
            return nodes;
        }
        Map<String, NodeReport> measured = new HashMap<>();
        for (NodeReport n : nodes) {
            measured.put(n.name(), n);
        }
        Map<String, NodeReport> judged = new HashMap<>();
        for (NodeReport n : nodes) {
            Deviation d = DeviationPatterns.declaredFor(declared, n.name()).orElse(null);
            if (d == null) {
                continue;
            }
            NodeReport j;
            if (d instanceof Deviation.Intended i) {
                j = deviating(n, i.why(), intended(n, i, trace.node(n.name()).value(), policy, subject));
            } else if (d instanceof Deviation.Bounded b) {
                j = deviating(n, b.why(), bounded(n, b, policy));
            } else {
                j = n.measuredVerdict() == Verdict.FAIL ? deviating(n, d.why(), List.of()) : n;
            }
            judged.put(n.name(), j);
        }
        Map<String, Set<String>> memo = new HashMap<>();
        List<NodeReport> out = new ArrayList<>();
        for (NodeReport n : nodes) {
            if (judged.containsKey(n.name())) {
                out.add(judged.get(n.name()));
                continue;
            }
            if (n.verdict() != Verdict.FAIL) {
                out.add(n);
                continue;
            }
            Set<String> origins = origins(n.name(), measured, memo);
            boolean explained = !origins.isEmpty();
            for (String o : origins) {
                NodeReport origin = judged.get(o);
                explained &= origin != null && origin.verdict() == Verdict.PASS;
            }
            if (!explained) {
                out.add(n);
                continue;
            }
            List<String> why = new ArrayList<>();
            for (String o : origins) {
                why.add("'" + o + "' (" + DeviationPatterns.declaredFor(declared, o).orElseThrow().why() + ")");
            }
            out.add(deviating(n, "follows from the declared deviation at " + String.join(", ", why), List.of()));
        }
        return out;
    }

    /** Each element's claim against the intended value {@code intended(value, measured)}. */
    private static List<ElementComparison> intended(NodeReport n, Deviation.Intended d, Value values,
                                                    TolerancePolicy policy, String subject) {
        List<ElementComparison> out = new ArrayList<>();
        for (ElementComparison e : n.elements()) {
            if (e.verdict() == Verdict.INCONCLUSIVE) {
                out.add(e); // the measurement decides nothing, nor does the intent made of it
                continue;
            }
            double v = values.get(e.index());
            double m = e.numeric();
            double goal = d.intended().applyAsDouble(v, m);
            if (!Double.isFinite(goal)) {
                throw new SubjectException(subject, n.name(), "the intended gradient declared for it ('" + d.why()
                        + "') is " + goal + " at " + n.name() + e.position() + " (value " + v + ", measured gradient "
                        + m + "); an intended gradient must be finite where the measured one is");
            }
            // the intent is made of the measurement: its error carries over, scaled as the intent scales it
            double err = e.errorEstimate();
            double carried = Double.isFinite(err) && err > 0 ? Math.abs(d.intended().applyAsDouble(v, m + err)
                    - d.intended().applyAsDouble(v, m - err)) / 2 : 0;
            double scale = err > 0 && Double.isFinite(carried) ? Math.max(1, carried / err) : 1;
            double tol = e.tolerance() * scale + policy.roundingFactor() * n.precision().epsilon() * Math.abs(goal);
            Verdict verdict = Math.abs(e.analytic() - goal) <= tol ? Verdict.PASS : Verdict.FAIL;
            out.add(new ElementComparison(e.index(), e.position(), e.cotangent(), e.analytic(), goal,
                    Math.max(err, carried), tol, verdict, e.finding(), e.noise()));
        }
        return out;
    }

    /** Each element's claim against the measured gradient, within the bound beyond the tolerance. */
    private static List<ElementComparison> bounded(NodeReport n, Deviation.Bounded d, TolerancePolicy policy) {
        List<ElementComparison> out = new ArrayList<>();
        for (ElementComparison e : n.elements()) {
            if (e.verdict() == Verdict.INCONCLUSIVE) {
                out.add(e);
                continue;
            }
            double tol = e.tolerance() + d.bound();
            Verdict verdict = e.absoluteError() <= tol ? Verdict.PASS : Verdict.FAIL;
            out.add(new ElementComparison(e.index(), e.position(), e.cotangent(), e.analytic(), e.numeric(),
                    e.errorEstimate(), tol, verdict, e.finding(), e.noise()));
        }
        return out;
    }

    /** The failed nodes without failed consumers that a failure at {@code name} comes from (measured verdicts). */
    private static Set<String> origins(String name, Map<String, NodeReport> byName, Map<String, Set<String>> memo) {
        Set<String> known = memo.get(name);
        if (known != null) {
            return known;
        }
        Set<String> found = new LinkedHashSet<>();
        memo.put(name, found);
        NodeReport n = byName.get(name);
        for (String c : n.consumers()) {
            NodeReport consumer = byName.get(c);
            if (consumer != null && consumer.measuredVerdict() == Verdict.FAIL) {
                found.addAll(origins(c, byName, memo));
            }
        }
        if (found.isEmpty()) {
            found.add(name);
        }
        return found;
    }

    private static NodeReport deviating(NodeReport n, String why, List<ElementComparison> intended) {
        return new NodeReport(n.name(), n.kind(), n.shape(), n.precision(), n.consumers(), n.elements(),
                n.forwardEvaluations(), Optional.of(why), n.directions(), n.coverage(), n.linearity(), intended);
    }
}
