package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Coverage;
import io.github.gradcheck.check.DirectionComparison;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.Subject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Measures one node in one {@link CheckMode}: every element; or random directions and sampled
 * elements, narrowed down to elements when they find the node wrong. Small nodes (no more
 * elements than the cheap mode would probe) are checked in full. Every random choice is drawn
 * from the seed, the node's name and a counter, in the calling thread, so the result does not
 * depend on how the probes are spread over threads.
 */
final class NodeMeasurer {

    /** A failing node of at most this many elements is narrowed by checking all of them. */
    static final int NARROW_ALL_LIMIT = 1024;

    /**
     * Bisection compares whole halves (where their screens cannot tell them apart) down to a range
     * of at most this many elements; below it, it goes on only as far as the screens tell clearly
     * ({@link #SCREENED_LEAF}).
     */
    static final int BISECTION_LEAF = 64;

    /**
     * Below {@link #BISECTION_LEAF}, bisection follows the screens alone (two screens per halving,
     * 12 evaluations at most) down to this many elements, which are all checked: an element of a
     * large sum costs 30 to 40 evaluations (its screen cannot resolve it against the sum's rounding),
     * so checking 4 elements instead of 64 saves some 2000 evaluations, at 4 halvings' cost. Where
     * the screens cannot tell the halves apart, or the elements reached all pass, every element of the
     * last range of {@link #BISECTION_LEAF} is checked, as before.
     */
    static final int SCREENED_LEAF = 4;

    private final Probing probing;
    private final CheckOptions options;
    private final Node node;
    private final Value base;
    private final Value output;
    private final Value[] claimed;
    private final double typical;
    /** Per cotangent, the typical magnitude of the node's claim ({@link Claims#typical}). */
    private final double[] typicalClaim;
    /** Per cotangent, the node's largest finite claim ({@link Claims#largest}). */
    private final double[] largestClaim;
    private final Judge judge;
    private final TreeMap<Integer, List<ElementComparison>> elements = new TreeMap<>();
    private final List<DirectionComparison> directions = new ArrayList<>();
    /** Failures of the first family of steps not confirmed yet, per element and cotangent ({@link #settle}). */
    private final PendingElementFailures pendingElements;
    /** Failures along random directions not confirmed yet, per direction and cotangent. */
    private final Map<Long, ProbeComparison.Pending> pendingDirections = new ConcurrentHashMap<>();
    private int drawn;
    /** Whether a failure found by {@link #measure} waits for {@link #narrowNow} (only blame origins are narrowed). */
    private boolean deferNarrowing;
    /** Whether failures {@link #measure} leaves pending wait for {@link #settleNow} (only blame origins are confirmed). */
    private boolean deferSettling;
    /** The mode the node ran in, {@link CheckMode#FULL} for a small node. */
    private CheckMode ran;
    /** The forward evaluations {@link #measure} spent before any narrowing. */
    private int measuring;
    /** The forward evaluations this node has spent so far (measuring, settling its consumers, narrowing). */
    private int spent;
    private String narrowing = "";
    private boolean narrowed;
    private boolean settled;

    /**
     * @param nodeName the node to measure, of {@code probing}'s trace
     * @param analyticPrecision the precision its claimed gradient is computed in
     */
    NodeMeasurer(Probing probing, String nodeName, Precision analyticPrecision) {
        this.probing = probing;
        this.pendingElements = new PendingElementFailures(probing.keptSamples());
        this.options = probing.options();
        this.node = probing.trace().node(nodeName);
        this.base = node.value();
        this.output = probing.trace().output().value();
        this.typical = base.maxAbs();
        this.claimed = probing.claims().of(probing.subject(), nodeName);
        double terms = 0;
        this.typicalClaim = new double[claimed.length];
        this.largestClaim = new double[claimed.length];
        for (int k = 0; k < claimed.length; k++) {
            terms = Math.max(terms, firstOrderTerms(base, claimed[k]));
            typicalClaim[k] = Claims.typical(claimed[k]);
            largestClaim[k] = Claims.largest(claimed[k]);
        }
        this.judge = new Judge(options.tolerance(), analyticPrecision, probing.noise(), terms);
    }

    /**
     * Σ|x<sub>j</sub>·g<sub>j</sub>| over a node, its largest term left out: how large the terms of
     * the output's first-order expansion in this node are. The output is at least as noisy as that,
     * whatever its value: a sum of terms that cancel carries their rounding. The largest term is
     * left out (in a node of several elements) because a cancellation needs at least two terms of
     * that size, and so that no single claim, however wrong (1e30), raises the floor of the other
     * elements; claims that are not finite are left out too.
     */
    static double firstOrderTerms(Value x, Value g) {
        double s = 0;
        double largest = 0;
        for (int j = 0; j < x.size(); j++) {
            double t = Math.abs(x.get(j) * g.get(j));
            if (Double.isFinite(t)) {
                s += t;
                largest = Math.max(largest, t);
            }
        }
        double rest = x.size() > 1 ? s - largest : s;
        return Double.isFinite(rest) && rest > 0 ? rest : 0;
    }

    /**
     * Measures the node.
     *
     * @param mode {@link CheckMode#FULL}, {@link CheckMode#FAST} or {@link CheckMode#SAMPLED}: the
     *     check resolves {@link CheckMode#AUTO} before it measures
     */
    NodeReport measure(CheckMode mode) {
        int before = probing.forward().get();
        int n = base.size();
        boolean small = switch (mode) {
            case FULL -> true;
            case FAST -> n <= options.directions() + options.sampleSize();
            case SAMPLED -> n <= options.sampleSize();
            case AUTO -> throw new IllegalArgumentException("the check resolves CheckMode.AUTO before it measures");
        };
        ran = small ? CheckMode.FULL : mode;
        if (small) {
            measureElements(ElementPlans.range(0, n));
        } else {
            if (mode == CheckMode.FAST) {
                List<Span> all = new ArrayList<>();
                for (int d = 0; d < options.directions(); d++) {
                    all.add(new Span(drawn++, 0, n));
                }
                measureDirections(all);
            }
            measureElements(ElementPlans.sample(n, options.sampleSize(), seed(-1)));
        }
        if (!deferSettling) {
            settle();
        }
        measuring = probing.forward().get() - before;
        spent = measuring;
        if (!small && !deferNarrowing && failed()) {
            narrowOnce();
        }
        return finish();
    }

    /**
     * Leaves a failure {@link #measure} finds for {@link #narrowNow} to narrow: the check narrows
     * only the nodes where a wrong gradient starts, not those wrong as a consequence.
     *
     * @return this measurer
     */
    NodeMeasurer deferNarrowing() {
        deferNarrowing = true;
        return this;
    }

    /**
     * Leaves the failures {@link #measure} finds pending, for {@link #settleNow} to confirm: the
     * check confirms the nodes where a wrong gradient starts, and a node wrong only as a
     * consequence of a confirmed one keeps its failures {@linkplain
     * Finding#NOT_CONFIRMED_SEPARATELY not confirmed separately}.
     *
     * @return this measurer
     */
    NodeMeasurer deferSettling() {
        deferSettling = true;
        return this;
    }

    /** {@return whether failures of this node wait for {@link #settleNow}} */
    boolean pending() {
        return !pendingElements.isEmpty() || !pendingDirections.isEmpty();
    }

    /**
     * Confirms the failures {@link #measure} left pending, as an undeferred measurement does (worst
     * first, until one is confirmed), and reports the node again.
     */
    NodeReport settleNow() {
        int start = probing.forward().get();
        settle();
        spent += probing.forward().get() - start;
        return finish();
    }

    /**
     * Narrows a failure that {@link #measure} found and left for later, and reports the node again;
     * the report {@link #measure} gave when there is nothing to narrow.
     */
    NodeReport narrowNow() {
        if (!narrowed && ran != CheckMode.FULL && failed()) {
            narrowOnce();
        }
        return finish();
    }

    private void narrowOnce() {
        int start = probing.forward().get();
        narrowing = narrow();
        settle();
        narrowed = true;
        spent += probing.forward().get() - start;
    }

    /** The report; {@link #spent} counts this node's evaluations (others may be measured in between). */
    private NodeReport finish() {
        int settling = probing.forward().get();
        int n = base.size();
        List<ElementComparison> flat = new ArrayList<>();
        for (List<ElementComparison> e : elements.values()) {
            flat.addAll(e);
        }
        flat = NodeScale.passCoarseAgreements(flat, options.tolerance(), judge.precision());
        Dependencies deps = probing.dependencies();
        if (deps.observes() && !settled) {
            settled = true;
            // after every probe of this node: its descendants, and theirs, are all known by now
            probing.runner().alone(subject -> DirectConsumers.find(subject, probing, node.name(), seed(-2)))
                    .ifPresent(direct -> deps.settle(node.name(), direct));
        }
        spent += probing.forward().get() - settling;
        Coverage coverage = new Coverage(ran, n, elements.size(), drawn, narrowing);
        return new NodeReport(node.name(), node.kind(), base.shape(), base.precision(), List.of(), flat,
                spent, Optional.empty(), List.copyOf(directions), coverage,
                probing.claims().linearity(node.name()));
    }

    // ---- plans ------------------------------------------------------------------------------

    private long seed(long stream) {
        long h = options.seed() * 0x9E3779B97F4A7C15L + node.name().hashCode();
        return h * 0xBF58476D1CE4E5B9L + stream;
    }

    private boolean failed() {
        for (List<ElementComparison> es : elements.values()) {
            for (ElementComparison e : es) {
                if (e.verdict() == Verdict.FAIL) {
                    return true;
                }
            }
        }
        return directions.stream().anyMatch(d -> d.verdict() == Verdict.FAIL);
    }

    /**
     * The most forward evaluations narrowing one node may spend: twice what measuring it cost, and
     * at least what one bisection down to {@link #BISECTION_LEAF} elements takes (two directions of
     * up to {@value #DIRECTION_COST} evaluations per halving, then the leaf's elements at up to
     * {@value #ELEMENT_COST} each); never more than what is left of the check's
     * {@link CheckOptions#budget()}.
     */
    private long narrowingBudget() {
        int n = base.size();
        int halvings = 0;
        for (int range = n; range > BISECTION_LEAF; range = (range + 1) / 2) {
            halvings++;
        }
        long bisection = 2L * DIRECTION_COST * halvings + (long) ELEMENT_COST * Math.min(n, BISECTION_LEAF);
        long left = Math.max(0, options.budget() - probing.forward().get());
        return Math.min(left, Math.max(2L * measuring, bisection));
    }

    /** Evaluations of a direction comparison that fails: the screen and its robust confirmation. */
    static final int DIRECTION_COST = 36;

    /** Evaluations of an element comparison that fails: the screen and its robust confirmation. */
    static final int ELEMENT_COST = 30;

    /**
     * Narrows a failing node down to elements, within {@link #narrowingBudget()}: a node of at most
     * {@link #NARROW_ALL_LIMIT} elements is checked in full when the budget allows it at
     * {@value #ELEMENT_COST} evaluations per element (what a wrong one costs); otherwise it is
     * bisected, following the half whose screen is clearly further from its claim
     * ({@link HalfLocator}), or, where the screens cannot tell, the half whose full comparison along
     * a random direction fails (the worse one when both do), down to {@link #BISECTION_LEAF}
     * elements, then by the screens alone down to {@link #SCREENED_LEAF}; the elements it ends at are
     * all checked (and the whole last range of {@link #BISECTION_LEAF} where none of them fails).
     * Bisection stops where the budget is spent. Locating needs no
     * verdict: the node has already failed, and the elements the bisection ends at are compared in
     * full (each wrong one confirmed before it is WRONG).
     */
    private String narrow() {
        int n = base.size();
        long budget = narrowingBudget();
        if (n <= NARROW_ALL_LIMIT && (long) ELEMENT_COST * n <= budget) {
            measureElements(unchecked(0, n));
            return "narrowed to all " + n + " elements after a failure";
        }
        int start = probing.forward().get();
        int lo = 0;
        int hi = n;
        int halvings = 0;
        while (hi - lo > BISECTION_LEAF) {
            if (probing.forward().get() - start >= budget) {
                return "narrowing by bisection stopped at elements " + base.shape().indexOf(lo) + ".."
                        + base.shape().indexOf(hi - 1) + " after " + halvings + " halvings: its budget of " + budget
                        + " forward evaluations was spent";
            }
            int mid = (lo + hi) >>> 1;
            Span chosen = screenedHalf(new Span(drawn++, lo, mid), new Span(drawn++, mid, hi));
            for (int attempt = 0; attempt < 2 && chosen == null; attempt++) {
                // the screens could not tell the halves apart: compare both in full
                DirectionComparison failing = null;
                List<DirectionComparison> halves = measureDirections(List.of(new Span(drawn++, lo, mid),
                        new Span(drawn++, mid, hi)));
                for (DirectionComparison d : halves) {
                    if (d.verdict() == Verdict.FAIL && (failing == null || d.severity() > failing.severity())) {
                        failing = d;
                    }
                }
                chosen = failing == null ? null : new Span(failing.direction(), failing.from(), failing.to());
            }
            if (chosen == null) {
                return "narrowing by bisection lost the failure at elements " + base.shape().indexOf(lo) + ".."
                        + base.shape().indexOf(hi - 1) + " after " + halvings + " halvings (random directions over"
                        + " both halves passed)";
            }
            lo = chosen.from();
            hi = chosen.to();
            halvings++;
        }
        int wideLo = lo;
        int wideHi = hi;
        int wideHalvings = halvings;
        while (hi - lo > SCREENED_LEAF && probing.forward().get() - start < budget) {
            int mid = (lo + hi) >>> 1;
            Span chosen = screenedHalf(new Span(drawn++, lo, mid), new Span(drawn++, mid, hi));
            if (chosen == null) {
                break;
            }
            lo = chosen.from();
            hi = chosen.to();
            halvings++;
        }
        measureElements(unchecked(lo, hi));
        if (lo != wideLo || hi != wideHi) {
            if (anyFailedElementIn(lo, hi)) {
                return "narrowed by bisection (" + halvings + " halvings) to elements " + base.shape().indexOf(lo)
                        + ".." + base.shape().indexOf(hi - 1) + " after a failure";
            }
            // the screens pointed at elements that are not wrong: the whole range they were chosen from
            measureElements(unchecked(wideLo, wideHi));
            lo = wideLo;
            hi = wideHi;
            halvings = wideHalvings;
        }
        return "narrowed by bisection (" + halvings + " halvings) to elements " + base.shape().indexOf(lo) + ".."
                + base.shape().indexOf(hi - 1) + " after a failure";
    }

    /**
     * The half whose screened derivative is clearly further from its claim than the other's (by a
     * factor of 4, and beyond its own screen tolerance), or null when the screens cannot tell:
     * locating, not judging ({@link HalfLocator}). Two screens, 6 evaluations each at most.
     */
    private Span screenedHalf(Span left, Span right) {
        List<Function<Subject, Double>> tasks = List.of(subject -> screened(subject, left),
                subject -> screened(subject, right));
        List<Double> d = probing.runner().map(tasks);
        double a = d.get(0);
        double b = d.get(1);
        if (a > 1 && a > 4 * b) {
            return left;
        }
        if (b > 1 && b > 4 * a) {
            return right;
        }
        return null;
    }

    private double screened(Subject subject, Span span) {
        DirectionProbe probe = probe(subject, span);
        return HalfLocator.discrepancy(probe, Coordinate.direction(typical, base.precision()), directionClaim(span),
                judge.noisierThan(base.precision().epsilon()));
    }

    private boolean anyFailedElementIn(int from, int to) {
        return elements.subMap(from, to).values().stream().flatMap(List::stream)
                .anyMatch(e -> e.verdict() == Verdict.FAIL);
    }

    private List<Integer> unchecked(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int j = from; j < to; j++) {
            if (!elements.containsKey(j)) {
                out.add(j);
            }
        }
        return out;
    }

    // ---- confirming failures -----------------------------------------------------------------

    private static long key(int index, int cotangent) {
        return PendingElementFailures.key(index, cotangent);
    }

    /**
     * Settles the failures left pending by the first measurement: where no element failure of the
     * node is confirmed yet, confirms pending elements one at a time, worst first, until one is;
     * then, where the node still has no confirmed failure, the pending directions likewise. A node
     * proven wrong keeps its other pending failures as FAIL {@linkplain
     * Finding#NOT_CONFIRMED_SEPARATELY not confirmed separately}; in a node that no confirmation
     * proves wrong every failure has been confirmed (or refuted) on its own, as before, so nothing
     * unconfirmed is WRONG and no node is made inconclusive because its first candidates were
     * unlucky (a kink within their stencil, noise). The cost of a wrong node is so one confirmation
     * where its worst element confirms, and never more than confirming every failure.
     */
    private void settle() {
        if (pendingElements.isEmpty() && pendingDirections.isEmpty()) {
            return;
        }
        if (!confirmedElementFailure()) {
            confirmElements();
        }
        if (!confirmedElementFailure() && !confirmedDirectionFailure()) {
            confirmDirections();
        }
        pendingElements.clear();
        pendingDirections.clear();
    }

    private static boolean confirmedFailure(Verdict v, Finding f) {
        return v == Verdict.FAIL && f != Finding.NOT_CONFIRMED_SEPARATELY;
    }

    private boolean confirmedElementFailure() {
        return elements.values().stream().flatMap(List::stream)
                .anyMatch(e -> confirmedFailure(e.verdict(), e.finding()));
    }

    private boolean confirmedDirectionFailure() {
        return directions.stream().anyMatch(d -> confirmedFailure(d.verdict(), d.finding()));
    }

    private void replaceElement(ElementComparison replacement) {
        List<ElementComparison> list = new ArrayList<>(elements.get(replacement.index()));
        list.replaceAll(e -> e.cotangent() == replacement.cotangent() ? replacement : e);
        elements.put(replacement.index(), list);
    }

    private void confirmElements() {
        pendingElements.confirmWorstFirst((j, p) -> {
            List<ProbeComparison.Outcome> outcomes = probing.runner().map(
                    List.<Function<Subject, List<ProbeComparison.Outcome>>>of(subject -> ProbeComparison.confirmPending(
                            elementProbe(subject, j), elementCoordinate(j), p, judge))).get(0);
            return outcomes.stream().map(o -> o.perUnit(probing.claims().unit(o.cotangent()))
                    .at(j, base.shape().indexOf(j))).toList();
        }, this::replaceElement);
    }

    private void replaceDirection(int direction, DirectionComparison replacement) {
        directions.replaceAll(d -> d.direction() == direction && d.cotangent() == replacement.cotangent()
                ? replacement : d);
    }

    private void confirmDirections() {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < directions.size(); i++) {
            if (pendingDirections.containsKey(key(directions.get(i).direction(), directions.get(i).cotangent()))) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> -directions.get(i).severity())
                .thenComparing(Comparator.naturalOrder()));
        for (int i : candidates) {
            DirectionComparison d = directions.get(i);
            ProbeComparison.Pending p = pendingDirections.get(key(d.direction(), d.cotangent()));
            if (p == null) {
                continue; // confirmed with another cotangent of its direction
            }
            Span span = new Span(d.direction(), d.from(), d.to());
            List<ProbeComparison.Outcome> outcomes = probing.runner().map(
                    List.<Function<Subject, List<ProbeComparison.Outcome>>>of(subject -> ProbeComparison.confirmPending(
                            probe(subject, span), Coordinate.direction(typical, base.precision()), p,
                            directionJudge()))).get(0);
            boolean proven = false;
            for (ProbeComparison.Outcome o : outcomes) {
                if (pendingDirections.remove(key(d.direction(), o.cotangent())) != null) {
                    DirectionComparison confirmed = o.perUnit(probing.claims().unit(o.cotangent()))
                            .along(d.direction(), d.from(), d.to());
                    replaceDirection(d.direction(), confirmed);
                    proven |= confirmed.verdict() == Verdict.FAIL;
                }
            }
            if (proven) {
                return;
            }
        }
    }

    // ---- probes -----------------------------------------------------------------------------

    private UnaryOperator<Value> evaluateOn(Subject subject) {
        if (node.kind() == NodeKind.OUTPUT) {
            return replacement -> replacement; // the output perturbed is the output: nothing to re-evaluate
        }
        String name = node.name();
        Trace trace = probing.trace();
        Dependencies deps = probing.dependencies();
        if (!deps.observes()) {
            return replacement -> {
                probing.runner().reset();
                Value out = subject.replayOutput(trace, name, replacement);
                probing.forward().incrementAndGet();
                return out;
            };
        }
        return replacement -> {
            probing.runner().reset();
            Trace replay = subject.replay(trace, name, replacement);
            probing.forward().incrementAndGet();
            deps.observe(name, replacement, replay);
            return replay.output().value();
        };
    }

    private void measureElements(List<Integer> indices) {
        List<Function<Subject, List<ElementComparison>>> tasks = new ArrayList<>(indices.size());
        for (int j : indices) {
            tasks.add(subject -> element(subject, j));
        }
        List<List<ElementComparison>> results = probing.runner().map(tasks);
        for (int i = 0; i < indices.size(); i++) {
            elements.put(indices.get(i), results.get(i));
        }
    }

    private List<ElementComparison> element(Subject subject, int j) {
        double[] analytic = new double[claimed.length];
        for (int k = 0; k < claimed.length; k++) {
            analytic[k] = claimed[k].get(j);
        }
        ElementProbe probe = elementProbe(subject, j);
        String position = base.shape().indexOf(j);
        List<ProbeComparison.Outcome> measured = ProbeComparison.confirmLater(probe, elementCoordinate(j),
                new Claim(analytic, claimTerms(probing.claims().terms(node.name(), j, judge.precision().epsilon())),
                        largestClaim), judge);
        List<ElementComparison> out = new ArrayList<>(measured.size());
        for (ProbeComparison.Outcome o : measured) {
            ElementComparison first = o.perUnit(probing.claims().unit(o.cotangent())).at(j, position);
            o.pending().ifPresent(p -> pendingElements.add(first, p));
            out.add(first);
        }
        return out;
    }

    private ElementProbe elementProbe(Subject subject, int j) {
        return new ElementProbe(base, j, evaluateOn(subject), probing.claims().cotangents(), output);
    }

    private Coordinate elementCoordinate(int j) {
        return new Coordinate(base.get(j), typical, base.precision());
    }

    /** The terms of an element's claim: its measured rounding, at least the node's typical claim. */
    private double[] claimTerms(double[] measured) {
        double[] t = measured.clone();
        for (int k = 0; k < t.length; k++) {
            t[k] = Math.max(t[k], typicalClaim[k]);
        }
        return t;
    }

    /** A random direction to draw: its number (which seeds it) and the elements {@code from..to-1} it moves. */
    private record Span(int direction, int from, int to) {
    }

    private List<DirectionComparison> measureDirections(List<Span> spans) {
        List<Function<Subject, List<DirectionComparison>>> tasks = new ArrayList<>(spans.size());
        for (Span s : spans) {
            tasks.add(subject -> direction(subject, s.direction(), s.from(), s.to()));
        }
        List<DirectionComparison> out = new ArrayList<>();
        for (List<DirectionComparison> r : probing.runner().map(tasks)) {
            out.addAll(r);
        }
        directions.addAll(out);
        return out;
    }

    private List<DirectionComparison> direction(Subject subject, int id, int from, int to) {
        Span span = new Span(id, from, to);
        DirectionProbe probe = probe(subject, span);
        List<ProbeComparison.Outcome> measured = ProbeComparison.confirmLater(probe,
                Coordinate.direction(typical, base.precision()), directionClaim(span), directionJudge());
        List<DirectionComparison> out = new ArrayList<>(measured.size());
        for (ProbeComparison.Outcome o : measured) {
            o.pending().ifPresent(p -> pendingDirections.put(key(id, o.cotangent()), p));
            out.add(o.perUnit(probing.claims().unit(o.cotangent())).along(id, from, to));
        }
        return out;
    }

    /** The judge of a direction: its perturbed elements are rounded to the node's precision, noise at that level too. */
    private Judge directionJudge() {
        return judge.noisierThan(base.precision().epsilon());
    }

    /** The probe along the span's random direction, drawn from the seed and the span's number. */
    private DirectionProbe probe(Subject subject, Span span) {
        return new DirectionProbe(base, new RandomDirection(seed(span.direction()), span.to() - span.from()),
                span.from(), evaluateOn(subject), probing.claims().cotangents(), output);
    }

    /** The claimed derivative along the span's direction, with the size of its terms per cotangent. */
    private Claim directionClaim(Span span) {
        int from = span.from();
        double[] analytic = new double[claimed.length];
        double[] cancellation = new double[claimed.length];
        double epsilon = judge.precision().epsilon();
        for (int k = 0; k < claimed.length; k++) {
            double a = 0;
            double c = 0;
            Optional<MeasuredRounding> rounding = probing.claims().rounding(k).of(node.name());
            RandomDirection.Draw u = new RandomDirection(seed(span.direction()), span.to() - from).draw();
            for (int i = 0; i < span.to() - from; i++) {
                double ui = u.next();
                double t = claimed[k].get(from + i) * ui;
                a += t;
                c += Math.abs(t);
                double d = rounding.isPresent() ? ClaimRounding.terms(rounding.get().at(from + i), epsilon) : 0;
                c += Math.max(d, typicalClaim[k]) * Math.abs(ui);
            }
            analytic[k] = a;
            cancellation[k] = Double.isFinite(c) ? c : 0;
        }
        return new Claim(analytic, cancellation);
    }
}
