package io.github.gradcheck.check;

import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which nodes consume which. Graph and function subjects declare producers; for traced code
 * the checker records, for every perturbed node, which other nodes changed when the forward
 * was re-run (its descendants), and keeps only the direct ones (a transitive reduction).
 */
final class Dependencies {

    private final Map<String, Set<String>> descendants = new LinkedHashMap<>();
    private final Trace trace;
    private final boolean declared;

    Dependencies(Trace trace, boolean declared) {
        this.trace = trace;
        this.declared = declared;
        for (Node n : trace.nodes()) {
            descendants.put(n.name(), new LinkedHashSet<>());
        }
    }

    /** Whether {@link #observe} needs the replays' traces (the subject does not declare producers). */
    boolean observes() {
        return !declared;
    }

    /**
     * Notes the nodes whose values differ between the cached trace and a replay of {@code perturbed}.
     * May be called from several threads.
     */
    void observe(String perturbed, Trace replay) {
        if (declared) {
            return;
        }
        Set<String> known;
        synchronized (this) {
            known = Set.copyOf(descendants.get(perturbed));
        }
        List<String> changed = new ArrayList<>();
        for (Node n : trace.nodes()) {
            String name = n.name();
            if (!name.equals(perturbed) && !known.contains(name) && !n.value().bitEquals(replay.node(name).value())) {
                changed.add(name);
            }
        }
        if (!changed.isEmpty()) {
            synchronized (this) {
                descendants.get(perturbed).addAll(changed);
            }
        }
    }

    /** The nodes computed directly from {@code node}, in forward order. */
    synchronized List<String> consumers(String node) {
        List<String> out = new ArrayList<>();
        if (declared) {
            for (Node n : trace.nodes()) {
                if (n.producers().contains(node)) {
                    out.add(n.name());
                }
            }
            return out;
        }
        Set<String> reach = descendants.get(node);
        for (Node n : trace.nodes()) {
            String d = n.name();
            if (!reach.contains(d)) {
                continue;
            }
            boolean indirect = false;
            for (String via : reach) {
                if (!via.equals(d) && descendants.get(via).contains(d)) {
                    indirect = true;
                    break;
                }
            }
            if (!indirect) {
                out.add(d);
            }
        }
        return out;
    }
}
