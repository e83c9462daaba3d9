package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the user's declared deviations: a failed node whose error starts at declared nodes
 * only (it is one of them, or every wrong path from it through wrong consumers ends at one)
 * deviates as declared instead of failing.
 */
final class DeclaredDeviations {

    private DeclaredDeviations() {
    }

    static List<NodeReport> apply(Map<String, String> declared, List<NodeReport> nodes) {
        if (declared.isEmpty()) {
            return nodes;
        }
        Map<String, NodeReport> byName = new HashMap<>();
        for (NodeReport n : nodes) {
            byName.put(n.name(), n);
        }
        Map<String, Set<String>> memo = new HashMap<>();
        List<NodeReport> out = new ArrayList<>();
        for (NodeReport n : nodes) {
            if (n.verdict() != Verdict.FAIL) {
                out.add(n);
                continue;
            }
            Set<String> origins = origins(n.name(), byName, memo);
            if (!origins.stream().allMatch(o -> DeviationPatterns.why(declared, o).isPresent())) {
                out.add(n);
            } else if (origins.contains(n.name())) {
                out.add(deviating(n, "declared: " + DeviationPatterns.why(declared, n.name()).orElseThrow()));
            } else {
                List<String> why = new ArrayList<>();
                for (String o : origins) {
                    why.add("'" + o + "' (" + DeviationPatterns.why(declared, o).orElseThrow() + ")");
                }
                out.add(deviating(n, "follows from the declared deviation at " + String.join(", ", why)));
            }
        }
        return out;
    }

    /** The failed nodes without failed consumers that a failure at {@code name} comes from. */
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
            if (consumer != null && consumer.verdict() == Verdict.FAIL) {
                found.addAll(origins(c, byName, memo));
            }
        }
        if (found.isEmpty()) {
            found.add(name);
        }
        return found;
    }

    private static NodeReport deviating(NodeReport n, String why) {
        return new NodeReport(n.name(), n.kind(), n.shape(), n.precision(), n.consumers(), n.elements(),
                n.forwardEvaluations(), Optional.of(why), n.directions(), n.coverage(), n.linearity());
    }
}
