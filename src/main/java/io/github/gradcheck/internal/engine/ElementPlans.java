package io.github.gradcheck.internal.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Which elements of a node, column or input a measurer compares: all of a range, or a seeded sample. */
final class ElementPlans {

    private ElementPlans() {
    }

    /** {@return the elements {@code from} (inclusive) to {@code to} (exclusive), ascending} */
    static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>(Math.max(0, to - from));
        for (int j = from; j < to; j++) {
            r.add(j);
        }
        return r;
    }

    /**
     * {@return {@code k} distinct elements of {@code n} (all of them when {@code k ≥ n}), drawn
     * from {@code seed} by Floyd's method, ascending}
     */
    static List<Integer> sample(int n, int k, long seed) {
        if (k >= n) {
            return range(0, n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<Integer> chosen = new HashSet<>();
        for (int j = n - k; j < n; j++) {
            int t = random.nextInt(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        List<Integer> out = new ArrayList<>(chosen);
        out.sort(null);
        return out;
    }
}
