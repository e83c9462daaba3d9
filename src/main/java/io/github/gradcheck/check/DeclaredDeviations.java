package io.github.gradcheck.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the user's declared deviations: a failed node whose error starts at declared nodes
 * only (it is one of them, or every wrong path from it through wrong consumers ends at one)
 * deviates as declared instead of failing.
 */
final class DeclaredDeviations {

    private DeclaredDeviations() {
    }

    static List<NodeCheck> apply(Map<String, String> declared, List<NodeCheck> nodes) {
        if (declared.isEmpty()) {
            return nodes;
        }
        Map<String, NodeCheck> byName = new HashMap<>();
        for (NodeCheck n : nodes) {
            byName.put(n.name(), n);
        }
        Map<String, Set<String>> memo = new HashMap<>();
        List<NodeCheck> out = new ArrayList<>();
        for (NodeCheck n : nodes) {
            if (n.verdict() != Verdict.FAIL) {
                out.add(n);
                continue;
            }
            Set<String> origins = origins(n.name(), byName, memo);
            if (!declared.keySet().containsAll(origins)) {
                out.add(n);
            } else if (origins.contains(n.name())) {
                out.add(n.withDeviation("declared: " + declared.get(n.name())));
            } else {
                List<String> why = new ArrayList<>();
                for (String o : origins) {
                    why.add("'" + o + "' (" + declared.get(o) + ")");
                }
                out.add(n.withDeviation("follows from the declared deviation at " + String.join(", ", why)));
            }
        }
        return out;
    }

    /** The failed nodes without failed consumers that a failure at {@code name} comes from. */
    private static Set<String> origins(String name, Map<String, NodeCheck> byName, Map<String, Set<String>> memo) {
        Set<String> known = memo.get(name);
        if (known != null) {
            return known;
        }
        Set<String> found = new LinkedHashSet<>();
        memo.put(name, found);
        NodeCheck n = byName.get(name);
        for (String c : n.consumers()) {
            NodeCheck consumer = byName.get(c);
            if (consumer != null && consumer.verdict() == Verdict.FAIL) {
                found.addAll(origins(c, byName, memo));
            }
        }
        if (found.isEmpty()) {
            found.add(name);
        }
        return found;
    }
}
