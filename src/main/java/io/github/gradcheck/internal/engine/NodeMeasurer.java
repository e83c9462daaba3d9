package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Coverage;
import io.github.gradcheck.check.DirectionComparison;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;

import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.Subject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** Bisection stops at a range of at most this many elements and checks each of them. */
    static final int BISECTION_LEAF = 64;

    private final CheckOptions options;
    private final TaskPool runner;
    private final Trace trace;
    private final Node node;
    private final Value base;
    private final Value output;
    private final List<Value> cotangents;
    private final Value[] claimed;
    private final Dependencies deps;
    private final AtomicInteger forward;
    private final Precision analyticPrecision;
    private final String subjectName;
    private final double epsilon;
    private final double typical;
    private final double[] nodeScale;
    private final double firstOrderTerms;
    private final TreeMap<Integer, List<ElementComparison>> elements = new TreeMap<>();
    private final List<DirectionComparison> directions = new ArrayList<>();
    private int drawn;

    NodeMeasurer(CheckOptions options, TaskPool runner, Trace trace, String nodeName, List<Value> cotangents,
                    List<Gradients> claims, Dependencies deps, AtomicInteger forward, Precision analyticPrecision,
                    String subjectName, double epsilon) {
        this.options = options;
        this.runner = runner;
        this.trace = trace;
        this.node = trace.node(nodeName);
        this.base = node.value();
        this.output = trace.output().value();
        this.cotangents = cotangents;
        this.deps = deps;
        this.forward = forward;
        this.analyticPrecision = analyticPrecision;
        this.subjectName = subjectName;
        this.epsilon = epsilon;
        this.typical = base.maxAbs();
        this.claimed = new Value[cotangents.size()];
        this.nodeScale = new double[cotangents.size()];
        double terms = 0;
        for (int k = 0; k < claimed.length; k++) {
            Gradients g = claims.get(k);
            claimed[k] = g.of(nodeName).orElseThrow(() -> new SubjectException(subjectName, nodeName,
                    "the backward claimed no gradient for this node"));
            nodeScale[k] = claimed[k].maxAbs();
            terms = Math.max(terms, firstOrderTerms(base, claimed[k]));
        }
        this.firstOrderTerms = terms;
    }

    /**
     * Σ|x<sub>j</sub>·g<sub>j</sub>| over a node: how large the terms of the output's first-order
     * expansion in this node are. The output is at least as noisy as that, whatever its value.
     */
    private static double firstOrderTerms(Value x, Value g) {
        double s = 0;
        for (int j = 0; j < x.size(); j++) {
            s += Math.abs(x.get(j) * g.get(j));
        }
        return Double.isFinite(s) ? s : 0;
    }

    NodeReport measure(CheckMode mode) {
        int before = forward.get();
        int n = base.size();
        boolean small = mode == CheckMode.FULL
                || (mode == CheckMode.FAST && n <= options.directions() + options.sampleSize())
                || (mode == CheckMode.SAMPLED && n <= options.sampleSize());
        CheckMode ran = small ? CheckMode.FULL : mode;
        String narrowing = "";
        if (small) {
            measureElements(range(0, n));
        } else {
            if (mode == CheckMode.FAST) {
                List<int[]> all = new ArrayList<>();
                for (int d = 0; d < options.directions(); d++) {
                    all.add(new int[] {drawn++, 0, n});
                }
                measureDirections(all);
            }
            measureElements(sample(n, options.sampleSize()));
            if (failed()) {
                narrowing = narrow();
            }
        }
        List<ElementComparison> flat = new ArrayList<>();
        for (List<ElementComparison> e : elements.values()) {
            flat.addAll(e);
        }
        flat = NodeScale.passCoarseAgreements(flat, options.tolerance(), analyticPrecision);
        if (deps.observes()) {
            // after every probe of this node: its descendants, and theirs, are all known by now
            runner.alone(subject -> DirectConsumers.find(subject, trace, node.name(), deps, runner::reset, forward,
                    seed(-2))).ifPresent(direct -> deps.settle(node.name(), direct));
        }
        Coverage coverage = new Coverage(ran, n, elements.size(), drawn, narrowing);
        return new NodeReport(node.name(), node.kind(), base.shape(), base.precision(), List.of(), flat,
                forward.get() - before, Optional.empty(), directions, coverage);
    }

    // ---- plans ------------------------------------------------------------------------------

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>(Math.max(0, to - from));
        for (int j = from; j < to; j++) {
            r.add(j);
        }
        return r;
    }

    /** {@code k} distinct elements of {@code n}, drawn from the seed and the node (Floyd's method), ascending. */
    private List<Integer> sample(int n, int k) {
        SplittableRandom random = new SplittableRandom(seed(-1));
        Set<Integer> chosen = new HashSet<>();
        for (int j = n - k; j < n; j++) {
            int t = random.nextInt(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        List<Integer> out = new ArrayList<>(chosen);
        out.sort(null);
        return out;
    }

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
     * Narrows a failing node down to elements: a node of at most {@link #NARROW_ALL_LIMIT}
     * elements is checked in full; a larger one is bisected, each half tested along a random
     * direction of its own, following the half that fails (the worse one when both do) down to
     * {@link #BISECTION_LEAF} elements, which are all checked.
     */
    private String narrow() {
        int n = base.size();
        if (n <= NARROW_ALL_LIMIT) {
            measureElements(unchecked(0, n));
            return "narrowed to all " + n + " elements after a failure";
        }
        int lo = 0;
        int hi = n;
        int halvings = 0;
        while (hi - lo > BISECTION_LEAF) {
            int mid = (lo + hi) >>> 1;
            DirectionComparison chosen = null;
            for (int attempt = 0; attempt < 2 && chosen == null; attempt++) {
                List<DirectionComparison> halves = measureDirections(List.of(new int[] {drawn++, lo, mid},
                        new int[] {drawn++, mid, hi}));
                for (DirectionComparison d : halves) {
                    if (d.verdict() == Verdict.FAIL && (chosen == null || d.severity() > chosen.severity())) {
                        chosen = d;
                    }
                }
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
        measureElements(unchecked(lo, hi));
        return "narrowed by bisection (" + halvings + " halvings) to elements " + base.shape().indexOf(lo) + ".."
                + base.shape().indexOf(hi - 1) + " after a failure";
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

    // ---- probes -----------------------------------------------------------------------------

    private UnaryOperator<Value> evaluateOn(Subject subject) {
        if (node.kind() == NodeKind.OUTPUT) {
            return replacement -> replacement; // the output perturbed is the output: nothing to re-evaluate
        }
        String name = node.name();
        if (!deps.observes()) {
            return replacement -> {
                runner.reset();
                Value out = subject.replayOutput(trace, name, replacement);
                forward.incrementAndGet();
                return out;
            };
        }
        return replacement -> {
            runner.reset();
            Trace replay = subject.replay(trace, name, replacement);
            forward.incrementAndGet();
            deps.observe(name, replacement, replay);
            return replay.output().value();
        };
    }

    private void measureElements(List<Integer> indices) {
        List<Function<Subject, List<ElementComparison>>> tasks = new ArrayList<>(indices.size());
        for (int j : indices) {
            tasks.add(subject -> element(subject, j));
        }
        List<List<ElementComparison>> results = runner.map(tasks);
        for (int i = 0; i < indices.size(); i++) {
            elements.put(indices.get(i), results.get(i));
        }
    }

    private List<ElementComparison> element(Subject subject, int j) {
        double[] analytic = new double[claimed.length];
        for (int k = 0; k < claimed.length; k++) {
            analytic[k] = claimed[k].get(j);
        }
        ElementProbe probe = new ElementProbe(base, j, evaluateOn(subject), cotangents, output);
        String position = base.shape().indexOf(j);
        String where = base.shape().rank() == 0 ? "" : " element " + position + " of";
        return ProbeComparison.measure(options.tolerance(), probe, probe::terms, base.get(j), typical, base.precision(),
                epsilon, analytic, nodeScale, firstOrderTerms, analyticPrecision, j, position, subjectName,
                node.name(), where);
    }

    /** @param specs each {direction number, from, to} */
    private List<DirectionComparison> measureDirections(List<int[]> specs) {
        List<Function<Subject, List<DirectionComparison>>> tasks = new ArrayList<>(specs.size());
        for (int[] s : specs) {
            tasks.add(subject -> direction(subject, s[0], s[1], s[2]));
        }
        List<DirectionComparison> out = new ArrayList<>();
        for (List<DirectionComparison> r : runner.map(tasks)) {
            out.addAll(r);
        }
        directions.addAll(out);
        return out;
    }

    private List<DirectionComparison> direction(Subject subject, int id, int from, int to) {
        SplittableRandom random = new SplittableRandom(seed(id));
        double[] u = new double[to - from];
        for (int i = 0; i < u.length; i++) {
            u[i] = random.nextGaussian();
        }
        double[] analytic = new double[claimed.length];
        double[] cancellation = new double[claimed.length];
        for (int k = 0; k < claimed.length; k++) {
            double a = 0;
            double c = 0;
            for (int i = 0; i < u.length; i++) {
                double t = claimed[k].get(from + i) * u[i];
                a += t;
                c += Math.abs(t);
            }
            analytic[k] = a;
            cancellation[k] = Double.isFinite(c) ? c : 0;
        }
        DirectionProbe probe = new DirectionProbe(base, u, from, evaluateOn(subject), cotangents, output);
        // the perturbed elements are rounded to the node's precision: noise at that level too
        double noise = Math.max(epsilon, base.precision().epsilon());
        String where = " a random direction over elements " + base.shape().indexOf(from) + ".."
                + base.shape().indexOf(to - 1) + " of";
        List<ElementComparison> measured = ProbeComparison.measure(options.tolerance(), probe, probe::terms, 0, typical,
                base.precision(), noise, analytic, cancellation, firstOrderTerms, analyticPrecision, -1, "",
                subjectName, node.name(), where);
        List<DirectionComparison> out = new ArrayList<>(measured.size());
        for (ElementComparison e : measured) {
            out.add(new DirectionComparison(id, from, to, e.cotangent(), e.analytic(), e.numeric(), e.errorEstimate(),
                    e.tolerance(), e.verdict(), e.finding()));
        }
        return out;
    }
}
