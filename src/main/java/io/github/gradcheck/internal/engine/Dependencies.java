package io.github.gradcheck.internal.engine;

import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which nodes consume which. Graph and function subjects declare producers; for traced code
 * the checker records, for every perturbed node, which other nodes changed when the forward
 * was re-run (its descendants). The nearest of them (those not reachable through another
 * descendant, a transitive reduction) are direct consumers; whether the others are too is
 * settled by {@link DirectConsumers} with replays that hold nodes, when the subject can.
 */
final class Dependencies {

    private final Map<String, Set<String>> descendants = new LinkedHashMap<>();
    /** Per perturbed node and element: the largest step of a replay whose output stayed finite. */
    private final Map<String, double[]> steps = new HashMap<>();
    /** The consumers settled exactly by {@link DirectConsumers}. */
    private final Map<String, List<String>> settled = new HashMap<>();
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
     * Notes the nodes whose values differ between the cached trace and a replay of {@code perturbed}
     * at {@code replacement}, and the step taken. May be called from several threads; what it keeps
     * does not depend on the order of the calls.
     */
    void observe(String perturbed, Value replacement, Trace replay) {
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
        boolean finite = replay.output().value().firstNonFinite() < 0;
        synchronized (this) {
            descendants.get(perturbed).addAll(changed);
            if (finite) {
                keepLargestSteps(perturbed, replacement);
            }
        }
    }

    /** Per element the step of largest size, the positive one of two of equal size: independent of order. */
    private void keepLargestSteps(String perturbed, Value replacement) {
        Value base = trace.node(perturbed).value();
        double[] largest = steps.computeIfAbsent(perturbed, k -> new double[base.size()]);
        for (int j = 0; j < largest.length; j++) {
            double step = replacement.get(j) - base.get(j);
            if (Math.abs(step) > Math.abs(largest[j]) || (Math.abs(step) == Math.abs(largest[j]) && step > largest[j])) {
                largest[j] = step;
            }
        }
    }

    /**
     * Per element of {@code node}, the largest step a replay of it took with a finite output (0 for
     * an element never perturbed); empty when no replay of it with a finite output has been seen.
     */
    synchronized Optional<double[]> largestSteps(String node) {
        return Optional.ofNullable(steps.get(node)).map(double[]::clone);
    }

    /** The nodes seen to change when {@code node} was perturbed, in forward order. */
    synchronized List<String> descendants(String node) {
        Set<String> reach = descendants.get(node);
        List<String> out = new ArrayList<>();
        for (Node n : trace.nodes()) {
            if (reach.contains(n.name())) {
                out.add(n.name());
            }
        }
        return out;
    }

    /** The descendants of {@code node} not reachable through another of its descendants, in forward order. */
    synchronized List<String> nearest(String node) {
        Set<String> reach = descendants.get(node);
        List<String> out = new ArrayList<>();
        for (String d : descendants(node)) {
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

    /** Records the direct consumers of {@code node} as established by held replays. */
    synchronized void settle(String node, List<String> consumers) {
        settled.put(node, List.copyOf(consumers));
    }

    /** The nodes computed directly from {@code node}, in forward order. */
    synchronized List<String> consumers(String node) {
        if (declared) {
            List<String> out = new ArrayList<>();
            for (Node n : trace.nodes()) {
                if (n.producers().contains(node)) {
                    out.add(n.name());
                }
            }
            return out;
        }
        List<String> exact = settled.get(node);
        return exact != null ? exact : nearest(node);
    }
}
