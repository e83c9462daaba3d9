package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The element failures of one node, or of one op check, that the first measurement left pending
 * ({@link ProbeComparison#confirmLater}), and their confirmation worst first until one is
 * confirmed: a wrong node (op) is proven by one confirmed element, and its other wrong elements keep
 * their first measurement, {@linkplain io.github.gradcheck.check.Finding#NOT_CONFIRMED_SEPARATELY
 * not confirmed separately}. Where none confirms, every failure has been measured again on its
 * own. Safe for elements measured in parallel.
 */
final class PendingElementFailures {

    private record First(ProbeComparison.Pending pending, double severity) {
    }

    private final Map<Long, First> pending = new ConcurrentHashMap<>();
    private final KeptSamples kept;

    /** @param kept which pending failures keep their samples (shared over the nodes of a check) */
    PendingElementFailures(KeptSamples kept) {
        this.kept = kept;
    }

    /** The key of an element's (or a direction's) comparison for one cotangent. */
    static long key(int index, int cotangent) {
        return ((long) cotangent << 32) | (index & 0xffffffffL);
    }

    /** Leaves the failure measured as {@code first} pending, its samples kept while the budget allows. */
    void add(ElementComparison first, ProbeComparison.Pending p) {
        pending.put(key(first.index(), first.cotangent()), new First(kept.keep(p), first.severity()));
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    void clear() {
        pending.clear();
    }

    /**
     * Confirms the pending failures worst first (by their first measurement's severity), until a
     * confirmation fails its element.
     *
     * @param confirm the confirmed comparisons of element {@code j}, every cotangent, from its pending
     *     failure (placed at the element, per unit of the output)
     * @param replace installs a confirmed comparison in place of the first measurement's
     */
    void confirmWorstFirst(BiFunction<Integer, ProbeComparison.Pending, List<ElementComparison>> confirm,
                           Consumer<ElementComparison> replace) {
        List<Long> candidates = new ArrayList<>(pending.keySet());
        candidates.sort(Comparator.comparingDouble((Long k) -> -pending.get(k).severity())
                .thenComparing(Comparator.naturalOrder()));
        for (long k : candidates) {
            First first = pending.get(k);
            if (first == null) {
                continue; // confirmed with another cotangent of its element
            }
            int j = (int) k;
            boolean proven = false;
            // every cotangent of the element left pending is settled by this one measurement
            for (ElementComparison confirmed : confirm.apply(j, first.pending())) {
                if (pending.remove(key(j, confirmed.cotangent())) != null) {
                    replace.accept(confirmed);
                    proven |= confirmed.verdict() == Verdict.FAIL;
                }
            }
            if (proven) {
                return;
            }
        }
    }
}
