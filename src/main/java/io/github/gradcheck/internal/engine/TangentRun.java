package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Coverage;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.internal.execution.Watchdog;
import io.github.gradcheck.internal.subject.ConsumerEvaluator;
import io.github.gradcheck.internal.subject.TangentPropagator;
import io.github.gradcheck.internal.subject.TangentSource;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.Subject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * One forward-mode check of a subject's tangent rules, node by node: random Gaussian tangents of
 * the inputs are pushed through every node's claimed tangent rule; every computed node's claimed
 * tangent is compared, element by element, with the directional derivative of that node along the
 * inputs' tangent, measured by {@link ProbeComparison} on the whole forward (one shared set of
 * forward evaluations per tangent serves every node); the blame walks forward; the edges into the
 * origin are checked one argument at a time on the op alone; and every op's tangent rule is tested
 * against its own backward (the adjoint test, no finite difference).
 */
final class TangentRun {

    private final long started = System.nanoTime();
    private final CheckOptions options;
    private final Subject subject;
    private final TangentSource source;
    /** The tangent rules of the single nodes, where the subject has them (graphs of ops); else null. */
    private final TangentPropagator rules;
    private final ConsumerEvaluator consumers;
    private final Point point;
    private final Watchdog watchdog;
    private final List<String> notes = new ArrayList<>();
    private final Trace trace;
    private final List<Node> inputs = new ArrayList<>();
    private final List<Node> computed = new ArrayList<>();
    private int forward;
    private int local;
    private int ruleCalls;

    TangentRun(CheckOptions options, Subject subject, Point point, Watchdog watchdog) {
        this.options = options;
        this.subject = subject;
        this.point = point;
        this.watchdog = watchdog;
        String name = subject.name();
        if (!(subject instanceof TangentSource s)) {
            throw new SubjectException(name, "forward mode is checked node by node on a graph of ops with tangent rules"
                    + " (GraphSubject with Op.withTangent) or on traced code with tangent code"
                    + " (TracedSubject.withTangents); for a function with a JVP use JvpSubject and GradCheck.checkForward");
        }
        this.source = s;
        boolean local = subject instanceof TangentPropagator && subject instanceof ConsumerEvaluator;
        this.rules = local ? (TangentPropagator) subject : null;
        this.consumers = local ? (ConsumerEvaluator) subject : null;
        List<String> missing = source.withoutTangentRule();
        if (!missing.isEmpty()) {
            throw new SubjectException(name, local ? missing.get(0) : null, local ? "has no tangent rule; give every op"
                    + " of the graph one with Op.withTangent((in, out, t) -> ...) and every layer one with"
                    + " layer.withTangent((x, y, dx, dp) -> ...) or by overriding Layer.tangent(), to check forward mode"
                    + " node by node (nodes without one: " + missing + ")" : "traced code needs tangent code to"
                    + " check forward mode node by node: TracedSubject.withTangents(t -> ...)");
        }
        watchdog.doing("running the forward at the checked point");
        this.trace = forward(point);
        Preconditions.requireFinite(name, trace);
        Preconditions.requireSomethingToCheck(name, trace);
        watchdog.doing("running the forward again at the checked point (to see that it is deterministic)");
        new Determinism(name, options.nondeterminismTolerance()).requireSameForward(trace, forward(point))
                .ifPresent(notes::add);
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.INPUT || n.kind() == NodeKind.PARAMETER && rules != null) {
                inputs.add(n); // a graph's parameters are moved as its inputs are: layers' rules take their tangents
            } else if (n.kind() == NodeKind.INTERMEDIATE || n.kind() == NodeKind.OUTPUT) {
                computed.add(n);
            }
        }
    }

    TangentReport report() {
        int directions = options.directions();
        List<Map<String, Value>> given = new ArrayList<>();
        List<Map<String, Value>> claimed = new ArrayList<>();
        for (int d = 0; d < directions; d++) {
            Map<String, Value> t = inputTangents(d);
            given.add(t);
            watchdog.doing("pushing random tangent " + d + " through the tangent rules");
            beforeEvaluation();
            claimed.add(source.tangents(trace, t));
            ruleCalls += computed.size();
        }
        Map<String, List<ElementComparison>> byNode = new LinkedHashMap<>();
        Map<String, Integer> evaluations = new LinkedHashMap<>();
        for (Node n : computed) {
            byNode.put(n.name(), new ArrayList<>());
            evaluations.put(n.name(), 0);
        }
        for (int d = 0; d < directions; d++) {
            measureAlong(d, given.get(d), claimed.get(d), byNode, evaluations);
        }
        Map<String, List<String>> producers = new LinkedHashMap<>();
        Map<String, List<String>> consumersOf = new LinkedHashMap<>();
        for (Node n : computed) {
            producers.put(n.name(), rules != null ? rules.arguments(n.name()) : List.of());
            consumersOf.put(n.name(), new ArrayList<>());
        }
        for (Node n : computed) {
            for (String p : producers.get(n.name())) {
                if (consumersOf.containsKey(p) && !consumersOf.get(p).contains(n.name())) {
                    consumersOf.get(p).add(n.name());
                }
            }
        }
        List<NodeReport> nodes = new ArrayList<>();
        List<NodeReport> forBlame = new ArrayList<>();
        for (Node n : computed) {
            Precision p = analyticPrecision(n);
            List<ElementComparison> elements = NodeScale.passCoarseAgreements(byNode.get(n.name()),
                    options.tolerance(), p);
            Value v = n.value();
            nodes.add(new NodeReport(n.name(), n.kind(), v.shape(), v.precision(), consumersOf.get(n.name()),
                    elements, evaluations.get(n.name()), Optional.empty(), List.of(), Coverage.full(v.size())));
            List<String> computedProducers = producers.get(n.name()).stream().filter(consumersOf::containsKey)
                    .distinct().toList();
            forBlame.add(new NodeReport(n.name(), n.kind(), v.shape(), v.precision(), computedProducers, elements,
                    0, Optional.empty(), List.of(), Coverage.full(v.size())));
        }
        Blame blame;
        List<IdentityCheck> identities = List.of();
        if (rules != null) {
            blame = BlameLocator.locate(forBlame);
            if (blame.origin().isPresent()) {
                blame = withEdgeChecks(blame, nodes, claimed.get(0));
            }
            identities = adjointPerOp();
        } else {
            blame = inOrder(nodes);
        }
        return new TangentReport(subject.name(), point, options, nodes, producers, blame, identities, forward, local,
                ruleCalls, notes, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The blame of traced code, which does not say which nodes feed which: the first wrong node in
     * the order the forward records them is where the error enters; the later wrong ones may be its
     * consequences or errors of their own.
     */
    private Blame inOrder(List<NodeReport> nodes) {
        List<String> wrong = nodes.stream().filter(n -> n.verdict() == Verdict.FAIL).map(NodeReport::name).toList();
        if (wrong.isEmpty()) {
            return Blame.none();
        }
        if (wrong.size() > 1) {
            notes.add("traced code does not record which nodes feed which: the nodes wrong after '" + wrong.get(0)
                    + "' (" + String.join(", ", wrong.subList(1, wrong.size())) + ") may be consequences of it or errors"
                    + " of their own; fix '" + wrong.get(0) + "' first");
        }
        return new Blame(Optional.of(wrong.get(0)), List.of(), wrong.subList(1, wrong.size()), List.of());
    }

    // ---- evaluations --------------------------------------------------------------------------

    private void beforeEvaluation() {
        watchdog.checkpoint();
        options.reset().run();
    }

    private Trace forward(Point at) {
        beforeEvaluation();
        Trace t = subject.forward(at);
        forward++;
        return t;
    }

    /** A Gaussian tangent for every differentiable input, drawn from the seed and the direction's number. */
    private Map<String, Value> inputTangents(int direction) {
        SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + 0x7A9E47L + direction);
        Map<String, Value> t = new LinkedHashMap<>();
        for (Node n : inputs) {
            double[] x = new double[n.value().size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextGaussian();
            }
            t.put(n.name(), Value.of(n.value().shape(), n.value().precision(), x));
        }
        return t;
    }

    /** The inputs concatenated into one vector: the value a joint tangent moves. */
    private Value flatInputs() {
        List<Double> all = new ArrayList<>();
        for (Node n : inputs) {
            for (double x : n.value().toArray()) {
                all.add(x);
            }
        }
        double[] a = new double[all.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = all.get(i);
        }
        return Value.of(Shape.of(a.length), a);
    }

    private double[] flat(Map<String, Value> byInput) {
        List<Double> all = new ArrayList<>();
        for (Node n : inputs) {
            for (double x : byInput.get(n.name()).toArray()) {
                all.add(x);
            }
        }
        double[] a = new double[all.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = all.get(i);
        }
        return a;
    }

    /**
     * The forward with the inputs (and a graph's parameters) taken from a moved concatenation: a graph
     * replays with its sources moved, other subjects run their forward at the moved point.
     */
    private Trace evaluateAt(Value moved) {
        if (rules == null) {
            return forward(pointAt(moved));
        }
        beforeEvaluation();
        Trace t = rules.replaySources(trace, bySource(moved));
        forward++;
        return t;
    }

    /** A moved concatenation split into a value per source (each rounded to its precision). */
    private Map<String, Value> bySource(Value moved) {
        Map<String, Value> out = new LinkedHashMap<>();
        int at = 0;
        for (Node n : inputs) {
            double[] x = new double[n.value().size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = moved.get(at++);
            }
            out.put(n.name(), Value.of(n.value().shape(), n.value().precision(), x));
        }
        return out;
    }

    /** The point with the inputs taken from a moved concatenation (each rounded to its precision). */
    private Point pointAt(Value moved) {
        Point.Builder b = Point.builder();
        Map<String, Value> replaced = bySource(moved);
        for (String name : point.names()) {
            if (point.isConstant(name)) {
                b.constant(name, point.get(name));
            } else {
                b.input(name, replaced.getOrDefault(name, point.get(name)));
            }
        }
        return b.build();
    }

    private void measureAlong(int d, Map<String, Value> given, Map<String, Value> claimed,
                              Map<String, List<ElementComparison>> byNode, Map<String, Integer> evaluations) {
        Value base = flatInputs();
        double[] u = flat(given);
        Map<Value, Trace> cache = new HashMap<>();
        Precision inputPrecision = Precision.DOUBLE;
        for (Node n : inputs) {
            if (n.value().precision() == Precision.FLOAT) {
                inputPrecision = Precision.FLOAT;
            }
        }
        Map<String, Double> magnitude = magnitudes();
        for (Node n : computed) {
            watchdog.doing("measuring the tangent of node '" + n.name() + "' along random tangent " + d);
            int before = forward;
            Value at = n.value();
            UnaryOperator<Value> evaluate = moved -> cache.computeIfAbsent(moved, this::evaluateAt)
                    .node(n.name()).value();
            DirectionProbe probe = new DirectionProbe(base, u, 0, evaluate, ForwardProbing.unitRows(at), at);
            Value claim = claimed.get(n.name());
            double[] analytic = claim.toArray();
            double scale = 0;
            for (double a : analytic) {
                if (Double.isFinite(a)) {
                    scale = Math.max(scale, Math.abs(a));
                }
            }
            double[] terms = new double[analytic.length];
            java.util.Arrays.fill(terms, scale);
            double noise = Math.max(at.precision().epsilon(), options.nondeterminismTolerance());
            Judge judge = new Judge(options.tolerance(), analyticPrecision(n), noise, magnitude.get(n.name()))
                    .noisierThan(inputPrecision.epsilon());
            List<ProbeComparison.Outcome> outcomes = ProbeComparison.measure(probe, new Coordinate(0, base.maxAbs(),
                    inputPrecision), new Claim(analytic, terms), judge);
            for (ProbeComparison.Outcome o : outcomes) {
                int k = o.cotangent();
                byNode.get(n.name()).add(ColumnMeasurer.nonFiniteClaimFails(new ElementComparison(k,
                        at.shape().indexOf(k), d, o.analytic(), o.numeric(), o.errorEstimate(), o.tolerance(),
                        o.verdict(), o.finding())));
            }
            evaluations.merge(n.name(), forward - before, Integer::sum);
        }
    }

    /**
     * A bound on the magnitude of the terms each node is computed from: its own largest element and
     * its producers' bounds. A node that cancels large terms is that much noisier than its value says.
     */
    private Map<String, Double> magnitudes() {
        Map<String, Double> m = new LinkedHashMap<>();
        double upToHere = 0;
        for (Node n : trace.nodes()) {
            double own = n.value().maxAbs();
            if (n.kind() == NodeKind.INTERMEDIATE || n.kind() == NodeKind.OUTPUT) {
                if (rules != null) {
                    for (String p : rules.arguments(n.name())) {
                        own = Math.max(own, m.getOrDefault(p, 0.0));
                    }
                } else {
                    own = Math.max(own, upToHere); // traced code: any node recorded before may be a producer
                }
            }
            own = Double.isFinite(own) ? own : 0;
            if (n.kind() != NodeKind.CONSTANT) {
                upToHere = Math.max(upToHere, own);
            }
            m.put(n.name(), own);
        }
        return m;
    }

    private Precision analyticPrecision(Node n) {
        if (n.value().precision() == Precision.FLOAT) {
            return Precision.FLOAT;
        }
        for (Node i : inputs) {
            if (i.value().precision() == Precision.FLOAT) {
                return Precision.FLOAT;
            }
        }
        return Precision.DOUBLE;
    }

    // ---- edges into the origin ------------------------------------------------------------------

    /**
     * The tangent rule of each origin with respect to each of its arguments alone: the rule applied
     * to that argument's claimed tangent (every other argument's tangent 0), against the op alone
     * differenced along that tangent.
     */
    private Blame withEdgeChecks(Blame blame, List<NodeReport> nodes, Map<String, Value> claimed) {
        List<EdgeReport> edges = new ArrayList<>();
        for (String origin : blame.origins()) {
            List<String> args = rules.arguments(origin);
            Value out = trace.node(origin).value();
            List<String> seen = new ArrayList<>();
            for (int a = 0; a < args.size(); a++) {
                String arg = args.get(a);
                if (seen.contains(arg) || trace.node(arg).kind() == NodeKind.CONSTANT) {
                    continue;
                }
                seen.add(arg);
                watchdog.doing("checking the tangent rule of '" + origin + "' with respect to '" + arg + "'");
                List<Value> tangents = new ArrayList<>();
                for (String other : args) {
                    Value v = trace.node(other).value();
                    tangents.add(other.equals(arg) ? claimed.get(arg) : Value.zeros(v.shape(), v.precision()));
                }
                beforeEvaluation();
                Value partial = rules.localTangent(trace, origin, tangents);
                ruleCalls++;
                Edge edge = new Edge(arg, origin, a);
                int localBefore = local;
                Value base = trace.node(arg).value();
                UnaryOperator<Value> evaluate = replacement -> {
                    beforeEvaluation();
                    Value v = consumers.consumerOutput(trace, edge, replacement);
                    local++;
                    return v;
                };
                DirectionProbe probe = new DirectionProbe(base, claimed.get(arg).toArray(), 0, evaluate,
                        ForwardProbing.unitRows(out), out);
                double[] analytic = partial.toArray();
                double[] terms = new double[analytic.length];
                java.util.Arrays.fill(terms, partial.maxAbs());
                Judge judge = new Judge(options.tolerance(), analyticPrecision(trace.node(origin)),
                        Math.max(out.precision().epsilon(), options.nondeterminismTolerance()), 0)
                        .noisierThan(base.precision().epsilon());
                List<ElementComparison> elements = new ArrayList<>();
                for (ProbeComparison.Outcome o : ProbeComparison.measure(probe, new Coordinate(0, base.maxAbs(),
                        base.precision()), new Claim(analytic, terms), judge)) {
                    int k = o.cotangent();
                    elements.add(ColumnMeasurer.nonFiniteClaimFails(new ElementComparison(k, out.shape().indexOf(k),
                            0, o.analytic(), o.numeric(), o.errorEstimate(), o.tolerance(), o.verdict(), o.finding())));
                }
                edges.add(new EdgeReport(edge, "the tangent rule of " + consumers.describeConsumer(origin), out.shape(), elements,
                        local - localBefore));
            }
        }
        return new Blame(blame.origin(), blame.otherOrigins(), blame.consequences(), edges);
    }

    // ---- each op's rules against each other -----------------------------------------------------

    /** Each op's tangent rule against its backward at its recorded arguments: ⟨ū, J·t⟩ = ⟨Jᵀ·ū, t⟩. */
    private List<IdentityCheck> adjointPerOp() {
        List<IdentityCheck> out = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + 0xAD7E47L);
        for (Node n : computed) {
            watchdog.doing("testing the tangent rule of '" + n.name() + "' against its backward");
            List<String> args = rules.arguments(n.name());
            List<IdentityCheck> pairs = new ArrayList<>();
            for (int pair = 0; pair < AdjointTest.PAIRS; pair++) {
                List<Value> t = new ArrayList<>();
                for (String a : args) {
                    Node arg = trace.node(a);
                    Value v = arg.value();
                    double[] x = new double[v.size()];
                    if (arg.kind() != NodeKind.CONSTANT) {
                        for (int i = 0; i < x.length; i++) {
                            x[i] = random.nextGaussian();
                        }
                    }
                    t.add(Value.of(v.shape(), v.precision(), x));
                }
                Value at = n.value();
                double[] ub = new double[at.size()];
                for (int i = 0; i < ub.length; i++) {
                    ub[i] = random.nextGaussian();
                }
                Value u = Value.of(at.shape(), at.precision(), ub);
                beforeEvaluation();
                Value jt = rules.localTangent(trace, n.name(), t);
                beforeEvaluation();
                List<Value> jtu = rules.localBackward(trace, n.name(), u);
                ruleCalls += 2;
                double left = 0;
                double terms = 0;
                for (int i = 0; i < at.size(); i++) {
                    double term = u.get(i) * jt.get(i);
                    left += term;
                    terms += Math.abs(term);
                }
                double right = 0;
                for (int a = 0; a < args.size(); a++) {
                    Value g = jtu.get(a);
                    if (g == null) {
                        continue;
                    }
                    for (int j = 0; j < g.size(); j++) {
                        double term = g.get(j) * t.get(a).get(j);
                        right += term;
                        terms += Math.abs(term);
                    }
                }
                double tol = options.tolerance().roundingFactor() * analyticPrecision(n).epsilon() * terms;
                pairs.add(new IdentityCheck(IdentityCheck.Identity.ADJOINT, consumers.describeConsumer(n.name())
                        + ", random pair " + pair, left, right, terms, tol,
                        Math.abs(left - right) <= tol ? Verdict.PASS : Verdict.FAIL));
            }
            out.addAll(AdjointTest.confirmed(pairs));
        }
        return out;
    }
}
