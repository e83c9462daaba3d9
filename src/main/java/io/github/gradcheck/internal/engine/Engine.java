package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;

import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.internal.subject.ConsumerEvaluator;
import io.github.gradcheck.subject.Subject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * The checking engine. It runs the subject's forward twice at the point (they must agree:
 * a nondeterministic forward is reported, not measured), its claimed backward once per
 * output cotangent and once more to see that it is reentrant, and then measures the true
 * gradient at every node, element by element, by perturbing that node alone and
 * re-evaluating what depends on it. It compares claimed and measured gradients under a
 * {@link TolerancePolicy} and locates the first wrong node ({@link Blame}).
 *
 * <p>How an element is measured: a cheap screen first (a fourth-order stencil, 6
 * evaluations); where it is not a clear pass, a robust estimate confirms (Ridders'
 * extrapolation from three starting steps, cross-checked; up to 24 more evaluations, shared
 * with the screen where steps coincide). Steps are powers of two scaled by
 * {@code max(|x|, typical scale, 1)} and chosen for the precision of the perturbed value;
 * rounding levels are those of the output's precision. The tolerance follows from the error
 * estimate, never from a constant; a comparison whose resolution is too coarse, or that
 * straddles a kink, is {@linkplain Verdict#INCONCLUSIVE inconclusive}, never wrong.
 *
 * <p>Stopping: with a {@linkplain CheckOptions#withTimeLimit time limit} the check runs on a
 * worker thread and ends with a {@link CheckAbortedException} when the limit is hit; without
 * one it runs in the calling thread. Either way an interrupt of the calling thread stops it at
 * the next evaluation with a {@link CheckAbortedException}, the interrupt flag set again. Every
 * way of stopping, like every exception of the user's code, unwinds through the subject's
 * restoring of what it perturbed in place (parameter arrays, bit for bit).
 *
 * <p>Stateless and thread-safe; each {@link #check} is independent. The subject's own state
 * is its own affair: a stateful subject must not be checked from two threads at once.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Engine {

    private final CheckOptions options;
    /** The options as the user gave them, for the report (options may have a guarded reset hook). */
    private final CheckOptions reported;
    /** Null except in the per-check instance that does the work. */
    private final Watchdog watchdog;

    /** A checker with the given options. */
    public Engine(CheckOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.reported = options;
        this.watchdog = null;
    }

    private Engine(CheckOptions guarded, CheckOptions reported, Watchdog watchdog) {
        this.options = guarded;
        this.reported = reported;
        this.watchdog = watchdog;
    }

    /** A checker with {@link CheckOptions#defaults()}. */
    public Engine() {
        this(CheckOptions.defaults());
    }

    /** The options this checker runs with. */
    public CheckOptions options() {
        return reported;
    }

    /**
     * Checks {@code subject} at {@code point}, measuring on the options' double reference, if any.
     *
     * @throws SubjectException when either subject's code fails or the two do not match
     * @throws CheckAbortedException when the check exceeds its time limit, its thread is
     *     interrupted (the interrupt flag is then set again), or a full check would exceed the budget
     */
    public GradientReport check(Subject subject, Point point) {
        if (subject == null) {
            throw new IllegalArgumentException("Engine.check needs a subject to check, got null; build one"
                    + " with FunctionSubject.of, TracedSubject.of, GraphSubject.builder or Sequential.of");
        }
        if (point == null) {
            throw new IllegalArgumentException("Engine.check of subject '" + subject.name()
                    + "' needs a point to check it at, got null; e.g. Point.of(\"x\", 3.0)");
        }
        Watchdog dog = new Watchdog(subject.name(), options);
        Engine guarded = new Engine(options.withReset(dog.guard(options)), options, dog);
        Subject doubleReference = options.doubleReference().orElse(null);
        Supplier<GradientReport> run = () -> guarded.run(subject, point, doubleReference);
        return options.hasTimeLimit() ? dog.runWithLimit(run) : dog.runHere(run);
    }

    private GradientReport run(Subject subject, Point point, Subject doubleReference) {
        long started = System.nanoTime();
        String name = subject.name();
        Counter count = new Counter();
        List<String> notes = new ArrayList<>();
        Determinism determinism = new Determinism(name, options.nondeterminismTolerance());

        watchdog.doing("running the forward at the checked point");
        Trace trace = forward(subject, point, count);
        requireFinite(name, trace);
        requireSomethingToCheck(name, trace);
        requireWithinBudget(name, trace);
        watchdog.doing("running the forward again at the checked point (to see that it is deterministic)");
        determinism.requireSameForward(trace, forward(subject, point, count)).ifPresent(notes::add);

        List<Value> cotangents = cotangents(trace.output().value());
        List<Gradients> claims = new ArrayList<>();
        watchdog.doing("running the backward");
        for (Value u : cotangents) {
            claims.add(backward(subject, trace, u, count));
        }
        watchdog.doing("running the backward again (to see that it is reentrant)");
        determinism.requireSameBackward(claims.get(0), backward(subject, trace, cotangents.get(0), count))
                .ifPresent(notes::add);

        Subject measured = subject;
        Trace measuredTrace = trace;
        if (doubleReference != null) {
            measured = doubleReference;
            watchdog.doing("running the forward of the double reference '" + doubleReference.name() + "'");
            measuredTrace = referenceTrace(subject, trace, doubleReference, point, count);
            notes.add("the numeric side was measured on the double reference '" + doubleReference.name() + "'");
        }

        Dependencies deps = new Dependencies(measuredTrace, measured.knowsProducers());
        requireDeclaredNodesExist(name, trace);
        CheckMode mode = resolveMode(trace, notes);
        double epsilon = noise(measuredTrace.output().value().precision());
        List<NodeReport> checks = new ArrayList<>();
        watchdog.doing("preparing the measurements");
        try (TaskPool runner = TaskPool.create(options, measured, measuredTrace,
                doubleReference == null ? point : null, doubleReference == null ? options.subjectCopies().orElse(null) : null)) {
            for (Node node : trace.backwardOrder()) {
                if (!node.kind().isChecked()) {
                    continue;
                }
                Precision analyticPrecision = analyticPrecision(node, trace);
                watchdog.measuring(node.name(), node.kind());
                checks.add(new NodeMeasurer(options, runner, measuredTrace, node.name(), cotangents, claims, deps,
                        count.forward, analyticPrecision, name, epsilon).measure(mode));
            }
        }
        List<NodeReport> withConsumers = new ArrayList<>();
        for (NodeReport c : checks) {
            withConsumers.add(new NodeReport(c.name(), c.kind(), c.shape(), c.precision(), deps.consumers(c.name()),
                    c.elements(), c.forwardEvaluations(), c.deviation(), c.directions(), c.coverage()));
        }
        List<NodeReport> nodes = DeclaredDeviations.apply(options.deviations(), withConsumers);
        Blame blame = BlameLocator.locate(nodes);
        if (blame.origin().isPresent() && subject instanceof ConsumerEvaluator && doubleReference == null) {
            blame = withEdgeChecks(blame, nodes, (ConsumerEvaluator) subject, trace, cotangents, claims, count);
        }
        return new GradientReport(name, point, reported, nodes, blame, count.forward.get(), count.local,
                count.backward, measured.replayScope(), notes, mode, Duration.ofNanos(System.nanoTime() - started));
    }

    // ---- evaluations ------------------------------------------------------------------------

    private Trace forward(Subject subject, Point point, Counter count) {
        options.reset().run();
        Trace t = subject.forward(point);
        count.forward.incrementAndGet();
        return t;
    }

    private Gradients backward(Subject subject, Trace trace, Value u, Counter count) {
        options.reset().run();
        Gradients g = subject.backward(trace, u);
        count.backward++;
        return g;
    }

    private Trace referenceTrace(Subject subject, Trace trace, Subject reference, Point point, Counter count) {
        Point.Builder inDouble = Point.builder();
        for (String input : point.names()) {
            Value v = point.get(input).withPrecision(Precision.DOUBLE);
            if (point.isConstant(input)) {
                inDouble.constant(input, v);
            } else {
                inDouble.input(input, v);
            }
        }
        Trace ref = forward(reference, inDouble.build(), count);
        requireFinite(reference.name(), ref);
        for (Node n : trace.nodes()) {
            if (!n.kind().isChecked()) {
                continue;
            }
            if (!ref.has(n.name()) || !ref.node(n.name()).value().shape().equals(n.value().shape())) {
                throw new SubjectException(subject.name(), n.name(), "the double reference '" + reference.name()
                        + "' has " + (ref.has(n.name()) ? "shape " + ref.node(n.name()).value().shape() + " for"
                        : "no node") + " '" + n.name() + "'; a reference must record the same nodes with the same"
                        + " shapes (its nodes are " + ref.names() + ")");
            }
        }
        if (!ref.output().name().equals(trace.output().name())) {
            throw new SubjectException(subject.name(), trace.output().name(), "the double reference '"
                    + reference.name() + "' has output '" + ref.output().name() + "'; it must have the same output");
        }
        return ref;
    }

    /**
     * Refuses, before measuring, a check in explicitly requested full mode that would cost more
     * forward evaluations than the budget (at least 6 per element: the screen of a clear pass).
     */
    private void requireWithinBudget(String subject, Trace trace) {
        if (options.mode() != CheckMode.FULL) {
            return;
        }
        long elements = 0;
        for (Node n : trace.nodes()) {
            if (n.kind().isChecked()) {
                elements += n.value().size();
            }
        }
        long estimate = FULL_EVALUATIONS_PER_ELEMENT * elements;
        if (estimate > options.budget()) {
            throw new CheckAbortedException(CheckAbortedException.Reason.BUDGET, subject, null, "a full check of its "
                    + elements + " elements would cost at least " + estimate + " forward evaluations ("
                    + FULL_EVALUATIONS_PER_ELEMENT + " per element), more than the budget of " + options.budget()
                    + "; use CheckOptions.withMode(CheckMode.FAST) (random directions and sampled elements per node,"
                    + " a few hundred evaluations per node whatever its size) or CheckMode.SAMPLED, or raise the"
                    + " budget with CheckOptions.withBudget(...)", true, null);
        }
    }

    /** The fewest forward evaluations a fully checked element costs (a clear pass of the screen). */
    static final long FULL_EVALUATIONS_PER_ELEMENT = 6;

    private static Precision analyticPrecision(Node node, Trace trace) {
        return node.value().precision() == Precision.FLOAT || trace.output().value().precision() == Precision.FLOAT
                ? Precision.FLOAT : Precision.DOUBLE;
    }

    private void requireDeclaredNodesExist(String subject, Trace trace) {
        for (String declared : options.deviations().keySet()) {
            if (!trace.has(declared)) {
                throw new SubjectException(subject, declared, "a deviation was declared for '" + declared
                        + "' but the subject has no node of that name; its nodes are " + trace.names());
            }
        }
    }

    /**
     * A check of nothing would pass and say nothing: every differentiable input constant, or a
     * value without elements, is the user's mistake and is said so.
     */
    private static void requireSomethingToCheck(String subject, Trace trace) {
        boolean differentiable = false;
        for (Node n : trace.nodes()) {
            if (n.kind().isChecked() && n.value().size() == 0) {
                throw new SubjectException(subject, n.name(), "has no elements (shape " + n.value().shape()
                        + "); an empty value has no gradient to check: give it at least one element");
            }
            differentiable |= n.kind().isChecked() && n.kind() != NodeKind.OUTPUT;
        }
        if (!differentiable) {
            throw new SubjectException(subject, "every input is constant, so there is no gradient to check;"
                    + " declare the inputs to differentiate with Point.builder().input(name, value)"
                    + " (or Domain ranges under @GradientCheck), not as constants");
        }
    }

    private static void requireFinite(String subject, Trace trace) {
        for (Node n : trace.nodes()) {
            int bad = n.value().firstNonFinite();
            if (bad >= 0) {
                String where = n.value().shape().rank() == 0 ? "" : " at element " + n.value().shape().indexOf(bad);
                String role = n.kind() == NodeKind.OUTPUT ? "the output" : n.kind() == NodeKind.INPUT
                        || n.kind() == NodeKind.CONSTANT ? "the input" : "the forward value";
                throw new SubjectException(subject, n.name(), role + " is " + n.value().get(bad) + where
                        + " at the checked point; gradients can only be checked where the function is finite:"
                        + " choose a point inside its domain");
            }
        }
    }

    private List<Value> cotangents(Value output) {
        List<Value> us = new ArrayList<>();
        int m = output.size();
        if (m == 1) {
            us.add(Value.of(output.shape(), output.precision(), new double[] {1.0}));
        } else if (options.cotangents() == CotangentMode.FULL_JACOBIAN) {
            for (int k = 0; k < m; k++) {
                double[] e = new double[m];
                e[k] = 1.0;
                us.add(Value.of(output.shape(), output.precision(), e));
            }
        } else {
            SplittableRandom random = new SplittableRandom(options.seed());
            double[] g = new double[m];
            for (int k = 0; k < m; k++) {
                g[k] = random.nextGaussian();
            }
            us.add(Value.of(output.shape(), output.precision(), g));
        }
        return us;
    }

    // ---- measuring --------------------------------------------------------------------------

    private double noise(Precision outputPrecision) {
        return Math.max(outputPrecision.epsilon(), options.nondeterminismTolerance());
    }

    /** The mode to run: {@link CheckMode#AUTO} resolved by the number of elements to check. */
    private CheckMode resolveMode(Trace trace, List<String> notes) {
        if (options.mode() != CheckMode.AUTO) {
            return options.mode();
        }
        long total = 0;
        for (Node n : trace.nodes()) {
            if (n.kind().isChecked()) {
                total += n.value().size();
            }
        }
        if (total <= CheckOptions.AUTO_FULL_LIMIT) {
            return CheckMode.FULL;
        }
        notes.add("the nodes have " + total + " elements in all, more than " + CheckOptions.AUTO_FULL_LIMIT
                + ", so the check ran in fast mode (random directions and sampled elements per node, narrowed to"
                + " elements after a failure); CheckOptions.withMode(CheckMode.FULL) checks every element");
        return CheckMode.FAST;
    }

    // ---- edges ------------------------------------------------------------------------------

    /**
     * Checks each edge into every origin at the elements the origin's own check compared: all of
     * them in full mode, the sampled and narrowed-to elements otherwise, so that the edge checks
     * never cost more than the node checks did.
     */
    private Blame withEdgeChecks(Blame blame, List<NodeReport> nodes, ConsumerEvaluator probes, Trace trace,
                                 List<Value> cotangents, List<Gradients> claims, Counter count) {
        List<String> origins = new ArrayList<>();
        blame.origin().ifPresent(origins::add);
        origins.addAll(blame.otherOrigins());
        List<EdgeReport> edges = new ArrayList<>();
        for (String origin : origins) {
            for (Map.Entry<Edge, Value> e : claims.get(0).edges().entrySet()) {
                if (e.getKey().producer().equals(origin)) {
                    watchdog.doing("checking the edge from '" + origin + "' to '" + e.getKey().consumer() + "'");
                    int[] compared = comparedElements(nodes, origin);
                    if (compared.length > 0) {
                        edges.add(checkEdge(probes, trace, e.getKey(), cotangents, claims, count, compared));
                    }
                }
            }
        }
        return new Blame(blame.origin(), blame.otherOrigins(), blame.consequences(), edges);
    }

    private static int[] comparedElements(List<NodeReport> nodes, String node) {
        return nodes.stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow().elements().stream()
                .mapToInt(ElementComparison::index).distinct().sorted().toArray();
    }

    private EdgeReport checkEdge(ConsumerEvaluator probes, Trace trace, Edge edge, List<Value> cotangents,
                                List<Gradients> claims, Counter count, int[] compared) {
        Node producer = trace.node(edge.producer());
        Value base = producer.value();
        Value consumerOut = trace.node(edge.consumer()).value();
        double epsilon = noise(consumerOut.precision());
        Precision p = base.precision() == Precision.FLOAT || consumerOut.precision() == Precision.FLOAT
                ? Precision.FLOAT : Precision.DOUBLE;
        List<Value> upstream = new ArrayList<>();
        for (Gradients g : claims) {
            upstream.add(g.of(edge.consumer()).orElseThrow());
        }
        UnaryOperator<Value> evaluate = replacement -> {
            options.reset().run();
            Value v = probes.consumerOutput(trace, edge, replacement);
            count.local++;
            return v;
        };
        double typical = base.maxAbs();
        double[] analytic = new double[cotangents.size()];
        double[] edgeScale = new double[cotangents.size()];
        for (int k = 0; k < cotangents.size(); k++) {
            edgeScale[k] = claims.get(k).of(edge).orElseThrow().maxAbs();
        }
        List<ElementComparison> elements = new ArrayList<>();
        for (int j : compared) {
            for (int k = 0; k < cotangents.size(); k++) {
                analytic[k] = claims.get(k).of(edge).orElseThrow().get(j);
            }
            ElementProbe probe = new ElementProbe(base, j, evaluate, upstream, consumerOut);
            String position = base.shape().indexOf(j);
            elements.addAll(ProbeComparison.measure(options.tolerance(), probe, probe::terms, base.get(j), typical,
                    base.precision(), epsilon, analytic, edgeScale, 0, p, j, position, "", edge.producer(),
                    base.shape().rank() == 0 ? "" : " element " + position + " of"));
        }
        return new EdgeReport(edge, probes.describeConsumer(edge.consumer()), elements);
    }
}
