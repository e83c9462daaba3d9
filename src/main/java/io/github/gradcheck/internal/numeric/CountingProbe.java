package io.github.gradcheck.internal.numeric;

import java.util.HashSet;
import java.util.Set;

/**
 * A probe that counts the distinct non-zero offsets asked of it: the evaluations a scheme spends
 * (the base point is the engine's already; a repeated offset is cached by the engine's probes and
 * costs nothing). An upper bound of what the engine's counter will show, since offsets shared with
 * earlier schemes are free there.
 */
final class CountingProbe implements Probe {

    private final Probe inner;
    private final Set<Double> offsets = new HashSet<>();

    CountingProbe(Probe inner) {
        this.inner = inner;
    }

    @Override
    public Sample at(double offset) {
        if (offset != 0) {
            offsets.add(offset);
        }
        return inner.at(offset);
    }

    /** The number of distinct non-zero offsets asked so far. */
    int evaluations() {
        return offsets.size();
    }
}
