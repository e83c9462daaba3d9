package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckAbortedException;

import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.Subject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Settles which descendants of a traced node read it directly, where perturbation alone cannot
 * tell: a descendant reachable through another descendant ({@code p = s·x} with {@code s = sin x})
 * may read the node too. The node is perturbed again with its descendants held at their cached
 * values, except the open candidates, which stay free. The first candidate in forward order that
 * changes reads the node directly: everything else it could read is held, unchanged by the
 * perturbation, or an earlier candidate that did not change. Candidates before it that did not
 * change do not read it. The next replay holds these too; the search ends when no free candidate
 * changes. So a node costs at most one replay plus one per direct consumer found this way, and
 * none when its descendants are all nearest ones.
 *
 * <p>The perturbation is the engine's own: per element the largest step it took for this node
 * with a finite output. A scalar is moved by exactly that step; the elements of an array all at
 * once, each by its step times a factor in ±[0.5, 1] drawn from the seed (all equal factors could
 * cancel, as a softmax ignores a common shift).
 */
final class DirectConsumers {

    private DirectConsumers() {
    }

    /**
     * The direct consumers of {@code node} in forward order; empty when there is nothing to settle
     * (the nearest descendants are all), the subject cannot hold nodes, or a held replay fails (its
     * code throws at the combined perturbation). Each replay run is counted in {@code probing}'s
     * forward evaluations.
     *
     * @param subject the measured side's subject itself (no probe runs meanwhile)
     * @param seed draws the factors of an array's perturbation
     */
    static Optional<List<String>> find(Subject subject, Probing probing, String node, long seed) {
        Trace trace = probing.trace();
        Dependencies deps = probing.dependencies();
        List<String> all = deps.descendants(node);
        Set<String> direct = new LinkedHashSet<>(deps.nearest(node));
        List<String> open = new ArrayList<>();
        for (String d : all) {
            if (!direct.contains(d)) {
                open.add(d);
            }
        }
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Optional<Value> moved = deps.largestSteps(node).flatMap(s -> perturbation(trace.node(node).value(), s, seed));
        if (moved.isEmpty()) {
            return Optional.empty();
        }
        Value step = moved.get();
        while (!open.isEmpty()) {
            Set<String> held = new LinkedHashSet<>(all);
            held.removeAll(open);
            probing.runner().reset();
            Optional<Trace> replay;
            try {
                replay = subject.replayHolding(trace, node, step, held);
            } catch (CheckAbortedException e) {
                throw e;
            } catch (SubjectException e) {
                probing.forward().incrementAndGet();
                return Optional.empty();
            }
            if (replay.isEmpty()) {
                return Optional.empty();
            }
            probing.forward().incrementAndGet();
            int first = firstChanged(trace, replay.get(), open);
            if (first < 0) {
                break;
            }
            direct.add(open.get(first));
            open = new ArrayList<>(open.subList(first + 1, open.size()));
        }
        List<String> out = new ArrayList<>();
        for (String d : all) {
            if (direct.contains(d)) {
                out.add(d);
            }
        }
        return Optional.of(out);
    }

    private static int firstChanged(Trace trace, Trace replay, List<String> candidates) {
        for (int i = 0; i < candidates.size(); i++) {
            String c = candidates.get(i);
            if (!trace.node(c).value().bitEquals(replay.node(c).value())) {
                return i;
            }
        }
        return -1;
    }

    /** The node moved by its recorded steps; empty when that leaves it bit-identical. */
    static Optional<Value> perturbation(Value base, double[] steps, long seed) {
        double[] moved = base.toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int j = 0; j < moved.length; j++) {
            double factor = moved.length == 1 ? 1 : (random.nextBoolean() ? 1 : -1) * (0.5 + 0.5 * random.nextDouble());
            moved[j] += factor * steps[j];
        }
        Value v = Value.of(base.shape(), base.precision(), moved);
        return v.bitEquals(base) ? Optional.empty() : Optional.of(v);
    }
}
