package io.github.gradcheck.input;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Value;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Looks for a simpler point that still fails: elements set to 0 or ±1, fewer significant
 * digits, smaller magnitudes, tried one element at a time (and a whole input at once first),
 * each change kept only when the point still fails, until nothing simpler fails or the
 * evaluation budget is spent.
 *
 * <pre>{@code
 * ShrinkResult r = Shrinker.within(space).maxEvaluations(100).shrink(failing, p -> !check(p).passed());
 * System.out.println("simplest failing point: " + r.simplest());
 * }</pre>
 *
 * <p>Promises: it evaluates {@code stillFails} at most {@code maxEvaluations} times; every
 * point it evaluates keeps each element inside its domain and in the same connected piece of
 * it as the original element, so it never crosses a bound or a kink; inputs without a
 * domain in the space, and {@link Domain#constant constant} inputs, are never changed.
 * Deterministic: the same point and predicate give the same result. An exception thrown by
 * {@code stillFails} propagates.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Shrinker {

    /** The default budget of predicate evaluations. */
    public static final int DEFAULT_MAX_EVALUATIONS = 100;

    private final InputSpace space;
    private final int maxEvaluations;

    private Shrinker(InputSpace space, int maxEvaluations) {
        this.space = space;
        this.maxEvaluations = maxEvaluations;
    }

    /**
     * A shrinker that stays within a space.
     *
     * @param space the domains the points' inputs must stay in
     * @return a shrinker with the budget of {@value #DEFAULT_MAX_EVALUATIONS} evaluations
     */
    public static Shrinker within(InputSpace space) {
        return new Shrinker(Objects.requireNonNull(space, "Shrinker.within needs the input"
                + " space to shrink within, got null; e.g. InputSpace.builder().input(\"x\", Domain.uniform(-1, 1)).build()"), DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * A copy with another budget of predicate evaluations.
     *
     * @param n the most times {@code stillFails} may be evaluated, 0 or more (0 turns shrinking off)
     * @return a new shrinker with that budget, in the same space
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public Shrinker maxEvaluations(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("the shrink budget must be 0 or more evaluations, got " + n);
        }
        return new Shrinker(space, n);
    }

    /**
     * Shrinks a failing point, keeping each simplification only while the point still fails.
     *
     * @param failing the failing point to start from; it is not evaluated again
     * @param stillFails whether a candidate point fails the same way
     * @return the original point, the simplest found that still fails, and the counts
     */
    public ShrinkResult shrink(Point failing, Predicate<Point> stillFails) {
        Objects.requireNonNull(failing, "Shrinker.shrink needs the failing point, got null");
        Objects.requireNonNull(stillFails, "Shrinker.shrink needs the test of whether a point still fails, got null;"
                + " e.g. p -> check(p).verdict() == Verdict.FAIL");
        Search search = new Search(failing, stillFails);
        boolean improved = true;
        while (improved && !search.exhausted()) {
            improved = false;
            for (Map.Entry<String, Domain> e : space.domains().entrySet()) {
                if (e.getValue().isFixed() || !search.current.has(e.getKey())) {
                    continue;
                }
                improved |= shrinkInput(search, e.getKey(), e.getValue());
            }
        }
        return new ShrinkResult(failing, search.current, search.evaluations, search.steps, search.exhausted());
    }

    private boolean shrinkInput(Search search, String name, Domain domain) {
        boolean improved = false;
        Value value = search.current.get(name);
        if (value.size() > 1) {
            Value whole = everyElementSimplest(value, domain);
            if (whole != null && !search.exhausted() && search.tryPoint(search.current.with(name, whole))) {
                return true;
            }
        }
        for (int i = 0; i < value.size(); i++) {
            for (double c : candidates(search.current.get(name).get(i), domain)) {
                if (search.exhausted()) {
                    return improved;
                }
                if (search.tryPoint(search.current.with(name, search.current.get(name).with(i, c)))) {
                    improved = true;
                    break;
                }
            }
        }
        return improved;
    }

    private static Value everyElementSimplest(Value value, Domain domain) {
        Simplicity simplicity = new Simplicity(domain.precision());
        double[] data = value.toArray();
        boolean changed = false;
        for (int i = 0; i < data.length; i++) {
            Segment s = domain.segmentOf(data[i]);
            if (s == null) {
                continue;
            }
            double t = domain.simplestIn(s, simplicity);
            if (admissible(t, data[i], s, domain, simplicity)) {
                data[i] = t;
                changed = true;
            }
        }
        return changed ? Value.of(value.shape(), value.precision(), data).asTypeOf(value) : null;
    }

    /** Simpler values for {@code x} in its piece of the domain, simplest first. */
    static List<Double> candidates(double x, Domain domain) {
        Segment s = domain.segmentOf(x);
        if (s == null) {
            return List.of();
        }
        Simplicity simplicity = new Simplicity(domain.precision());
        List<Double> raw = new ArrayList<>();
        double target = domain.simplestIn(s, simplicity);
        raw.add(target);
        raw.add(-1.0);
        raw.add(1.0);
        for (int d = 1; d < simplicity.digits(x); d++) {
            raw.add(simplicity.round(x, d, RoundingMode.HALF_EVEN));
            raw.add(simplicity.round(x, d, RoundingMode.DOWN));
        }
        if (!Double.isNaN(target)) {
            double mid = domain.halfway(x, target);
            raw.add(simplicity.simplestIn(Math.min(mid, x), Math.max(mid, x)));
        }
        TreeSet<Double> ordered = new TreeSet<>(simplicity.order());
        for (double c : raw) {
            if (admissible(c, x, s, domain, simplicity)) {
                ordered.add(c);
            }
        }
        return new ArrayList<>(ordered);
    }

    private static boolean admissible(double c, double x, Segment s, Domain domain, Simplicity simplicity) {
        return !Double.isNaN(c) && s.contains(c) && domain.containsElement(c) && simplicity.simpler(c, x);
    }

    private final class Search {
        private final Predicate<Point> stillFails;
        private Point current;
        private int evaluations;
        private int steps;

        Search(Point start, Predicate<Point> stillFails) {
            this.current = start;
            this.stillFails = stillFails;
        }

        boolean exhausted() {
            return evaluations >= maxEvaluations;
        }

        boolean tryPoint(Point candidate) {
            evaluations++;
            if (stillFails.test(candidate)) {
                current = candidate;
                steps++;
                return true;
            }
            return false;
        }
    }
}
