package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.internal.execution.GuardedSubject;
import io.github.gradcheck.internal.execution.TaskPool;
import io.github.gradcheck.internal.execution.Watchdog;
import io.github.gradcheck.internal.subject.ArraysInUse;
import io.github.gradcheck.internal.subject.ConsumerEvaluator;
import io.github.gradcheck.internal.subject.ReportNotes;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.Subject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One check of one subject at one point, created for that check and used once: it holds what the
 * check carries (the options, the watchdog, the evaluations spent, the notes for the report, what
 * the point gave) and runs the check's phases in order. Its constructor evaluates the subject at
 * the point; {@link #report()} measures every node and reports. It runs on one thread (the one
 * the {@link Watchdog} gives it); its probes may run on others.
 */
final class CheckRun {

    private final long started = System.nanoTime();
    private final CheckOptions options;
    /** The checked subject, guarded: what its code throws or returns unusably is a SubjectException. */
    private final Subject subject;
    /** The checked subject as the user gave it, for what only gradcheck's own subjects can do. */
    private final Subject given;
    private final Point point;
    private final Watchdog watchdog;
    private final Counter count = new Counter();
    private final List<String> notes = new ArrayList<>();
    private final Determinism determinism;
    /** The subject's forward at the point, whose claims are checked. */
    private final Trace trace;
    private final Claims claims;
    /** The subject the true gradients are measured on: the checked one, or its double reference. */
    private final Subject measured;
    /** The measured subject's forward at the point. */
    private final Trace measuredTrace;
    private final Dependencies dependencies;
    /** The mode that runs: {@link CheckMode#AUTO} resolved. */
    private final CheckMode mode;

    /**
     * Evaluates {@code subject} at {@code point}: the forward twice (they must agree), the
     * backward once per cotangent and once more (it must be reentrant), and the double
     * reference's forward, if the options give one.
     *
     * @throws SubjectException when the subject's code fails, returns something unusable, or is
     *     not deterministic, or the double reference does not match it
     * @throws io.github.gradcheck.check.CheckAbortedException when an explicitly requested full
     *     check would exceed the budget, or the watchdog stops the check
     */
    CheckRun(CheckOptions options, Subject subject, Point point, Watchdog watchdog) {
        this.options = options;
        this.given = GuardedSubject.unwrapped(subject);
        this.subject = new GuardedSubject(subject);
        this.point = point;
        this.watchdog = watchdog;
        String name = this.subject.name();
        ArraysInUse.meetings(); // forget what this thread met before this check
        this.determinism = new Determinism(name, options.nondeterminismTolerance());
        if (subject instanceof ReportNotes subjectNotes) {
            notes.addAll(subjectNotes.reportNotes());
        }

        watchdog.doing("running the forward at the checked point");
        this.trace = forward(this.subject, point);
        Preconditions.requireFinite(name, trace);
        Preconditions.requireSomethingToCheck(name, trace);
        Preconditions.requireWithinBudget(options, name, trace);
        watchdog.doing("running the forward again at the checked point (to see that it is deterministic)");
        determinism.requireSameForward(trace, forward(this.subject, point)).ifPresent(notes::add);

        this.claims = claims();

        Optional<Subject> reference = options.doubleReference().map(GuardedSubject::new);
        this.measured = reference.orElse(this.subject);
        this.measuredTrace = reference.map(this::referenceTrace).orElse(trace);
        this.dependencies = new Dependencies(measuredTrace, measured.knowsProducers());
        Preconditions.requireDeclaredNodesExist(options, name, trace);
        this.mode = resolveMode();
    }

    /**
     * Measures every checked node, locates the first wrong one and, for a subject whose consumers
     * can be evaluated alone, checks the edges into it.
     */
    GradientReport report() {
        List<NodeReport> nodes = checksEndToEnd() ? measureNodes() : List.of();
        Blame blame = BlameLocator.locate(nodes);
        if (checksEveryOp()) {
            blame = withEveryOp(blame, nodes);
        } else if (blame.origin().isPresent() && options.doubleReference().isEmpty()
                && given instanceof ConsumerEvaluator consumers) {
            blame = withEdgeChecks(blame, nodes, consumers);
        }
        notes.addAll(ArraysInUse.meetings());
        ArraysInUse.releaseIdle();
        return new GradientReport(subject.name(), point, options, nodes, blame, count.forward.get(), count.local,
                count.backward, measured.replayScope(), notes, mode, Duration.ofNanos(System.nanoTime() - started));
    }

    // ---- evaluations ------------------------------------------------------------------------

    /** Runs before every evaluation of the user's code: stops here if the check must stop, then resets. */
    private void beforeEvaluation() {
        watchdog.checkpoint();
        resetHook();
    }

    /** Runs the user's reset hook; what it throws names the hook. */
    private void resetHook() {
        try {
            options.reset().run();
        } catch (SubjectException e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw e;
            }
            throw new SubjectException(subject.name(), null, "the reset hook (CheckOptions.withReset) threw "
                    + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " while "
                    + watchdog.activity() + " (attached as the cause); it runs before every evaluation of the"
                    + " subject and must not fail", e);
        }
    }

    private Trace forward(Subject of, Point at) {
        beforeEvaluation();
        Trace t = of.forward(at);
        count.forward.incrementAndGet();
        return t;
    }

    private Gradients backward(Value u) {
        beforeEvaluation();
        Gradients g = subject.backward(trace, u);
        count.backward++;
        return g;
    }

    /** The backward's claims for every cotangent; the first cotangent's backward runs twice. */
    private Claims claims() {
        List<Value> cotangents = cotangents(trace.output().value());
        List<Gradients> gradients = new ArrayList<>();
        watchdog.doing("running the backward");
        for (Value u : cotangents) {
            gradients.add(backward(u));
        }
        watchdog.doing("running the backward again (to see that it is reentrant)");
        determinism.requireSameBackward(gradients.get(0), backward(cotangents.get(0))).ifPresent(notes::add);
        watchdog.doing("running the backward at other cotangents (to see that it is linear in them)");
        LinearityCheck linearity = LinearityCheck.plan(cotangents, options.cotangents(), options.seed());
        List<Gradients> atOthers = new ArrayList<>();
        for (Value v : linearity.extraCotangents()) {
            atOthers.add(backward(v));
        }
        watchdog.doing("running the backward at scaled cotangents (to measure the rounding of its claims)");
        List<ClaimRounding> rounding = new ArrayList<>();
        for (int k = 0; k < cotangents.size(); k++) {
            Value u = cotangents.get(k);
            rounding.add(ClaimRounding.of(gradients.get(k), backward(scaled(u, ClaimRounding.FACTOR)),
                    ClaimRounding.FACTOR));
        }
        return new Claims(cotangents, gradients, rounding,
                linearity.judge(gradients, atOthers, options.nondeterminismTolerance()));
    }

    /** {@code u} times {@code factor}, in u's precision. */
    private static Value scaled(Value u, double factor) {
        double[] s = u.toArray();
        for (int i = 0; i < s.length; i++) {
            s[i] *= factor;
        }
        return Value.of(u.shape(), u.precision(), s);
    }

    private List<Value> cotangents(Value output) {
        List<Value> us = new ArrayList<>();
        int m = output.size();
        if (m == 1) {
            us.add(Value.of(output.shape(), output.precision(), new double[] {Claims.scalarCotangent(options.seed())}));
            return us;
        }
        switch (options.cotangents()) {
            case FULL_JACOBIAN -> {
                Preconditions.requireMemoryForFullJacobian(subject.name(), trace);
                return new OneHotCotangents(output.shape(), output.precision());
            }
            case RANDOM -> {
                SplittableRandom random = new SplittableRandom(options.seed());
                double[] g = new double[m];
                for (int k = 0; k < m; k++) {
                    g[k] = random.nextGaussian();
                }
                us.add(Value.of(output.shape(), output.precision(), g));
            }
        }
        return us;
    }

    /** The double reference's forward at the point in double, which must record the subject's nodes. */
    private Trace referenceTrace(Subject reference) {
        watchdog.doing("running the forward of the double reference '" + reference.name() + "'");
        Point.Builder inDouble = Point.builder();
        for (String input : point.names()) {
            Value v = point.get(input).withPrecision(Precision.DOUBLE);
            if (point.isConstant(input)) {
                inDouble.constant(input, v);
            } else {
                inDouble.input(input, v);
            }
        }
        Trace ref = forward(reference, inDouble.build());
        Preconditions.requireFinite(reference.name(), ref);
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
        notes.add("the numeric side was measured on the double reference '" + reference.name() + "'");
        return ref;
    }

    /** The mode to run: {@link CheckMode#AUTO} resolved by the number of elements to check. */
    private CheckMode resolveMode() {
        if (options.mode() != CheckMode.AUTO) {
            return options.mode();
        }
        long total = Preconditions.checkedElements(trace);
        if (total <= CheckOptions.AUTO_FULL_LIMIT) {
            return CheckMode.FULL;
        }
        notes.add("the nodes have " + total + " elements in all, more than " + CheckOptions.AUTO_FULL_LIMIT
                + ", so the check ran in fast mode (random directions and sampled elements per node, narrowed to"
                + " elements after a failure); CheckOptions.withMode(CheckMode.FULL) checks every element");
        return CheckMode.FAST;
    }

    // ---- measuring --------------------------------------------------------------------------

    /**
     * The relative rounding noise of one evaluation whose output has {@code outputPrecision}: float
     * rounding where a double subject computes a node in float ({@link FloatQuantizedNodes}).
     */
    private double noise(Precision outputPrecision) {
        Precision rounding = floatNodes().isEmpty() ? outputPrecision : Precision.FLOAT;
        return Math.max(Math.max(outputPrecision.epsilon(), rounding.epsilon()), options.nondeterminismTolerance());
    }

    private List<String> floatNodes;

    /** The nodes a double subject computes in float, found once per check, with a note saying so. */
    private List<String> floatNodes() {
        if (floatNodes == null) {
            floatNodes = trace.output().value().precision() == Precision.DOUBLE ? FloatQuantizedNodes.in(trace)
                    : List.of();
            if (!floatNodes.isEmpty()) {
                notes.add("node" + (floatNodes.size() == 1 ? " '" : "s '") + String.join("', '", floatNodes)
                        + (floatNodes.size() == 1 ? "' holds" : "' hold") + " double values rounded to float, a"
                        + " staircase in their inputs: every evaluation is taken to be as noisy as float rounding"
                        + " (about 6e-8 of the output), which keeps the steps above the staircase's treads and"
                        + " limits the resolution to what float allows");
            }
        }
        return floatNodes;
    }

    /** The precision a claimed gradient is computed in: float where the node or the output is float. */
    private static Precision analyticPrecision(Precision node, Precision output) {
        return node == Precision.FLOAT || output == Precision.FLOAT ? Precision.FLOAT : Precision.DOUBLE;
    }

    /**
     * Every checked node measured, in backward order, with its consumers and declared deviations;
     * of the nodes found wrong, only those where a wrong gradient starts are narrowed down to
     * elements (in fast and sampled mode), not those wrong as a consequence.
     */
    private List<NodeReport> measureNodes() {
        double noise = noise(measuredTrace.output().value().precision());
        Precision outputPrecision = trace.output().value().precision();
        // copies of the checked subject are of no use when the reference is measured
        Optional<TaskPool.Copies> copies = options.doubleReference().isPresent() ? Optional.empty()
                : options.subjectCopies().map(supplier -> new TaskPool.Copies(supplier, trace, point));
        List<NodeReport> checks = new ArrayList<>();
        List<NodeMeasurer> measurers = new ArrayList<>();
        watchdog.doing("preparing the measurements");
        try (TaskPool runner = TaskPool.create(measured, options.parallelism(), this::beforeEvaluation,
                options.hasReset(), copies)) {
            Probing probing = new Probing(options, subject.name(), measuredTrace, claims, dependencies, runner,
                    count.forward, noise);
            for (Node node : trace.backwardOrder()) {
                if (!node.kind().isChecked()) {
                    continue;
                }
                Precision analytic = analyticPrecision(node.value().precision(), outputPrecision);
                watchdog.measuring(node.name(), node.kind());
                NodeMeasurer m = new NodeMeasurer(probing, node.name(), analytic).deferNarrowing();
                checks.add(m.measure(mode));
                measurers.add(m);
            }
            List<NodeReport> nodes = declared(checks);
            Blame provisional = BlameLocator.locate(nodes);
            List<String> origins = new ArrayList<>();
            provisional.origin().ifPresent(origins::add);
            origins.addAll(provisional.otherOrigins());
            boolean narrowed = false;
            for (int i = 0; i < nodes.size(); i++) {
                NodeReport n = nodes.get(i);
                if (origins.contains(n.name()) && n.verdict() == Verdict.FAIL && n.coverage().mode() != CheckMode.FULL) {
                    watchdog.measuring(n.name(), n.kind());
                    checks.set(i, measurers.get(i).narrowNow());
                    narrowed = true;
                }
            }
            return narrowed ? declared(checks) : nodes;
        }
    }

    /** The node reports with their consumers and the declared deviations applied. */
    private List<NodeReport> declared(List<NodeReport> checks) {
        return DeclaredDeviations.apply(options.deviations(), withConsumers(checks), trace, options.tolerance(),
                subject.name());
    }

    /** The node reports with their consumers, known once every node is measured. */
    private List<NodeReport> withConsumers(List<NodeReport> checks) {
        List<NodeReport> out = new ArrayList<>();
        for (NodeReport c : checks) {
            out.add(new NodeReport(c.name(), c.kind(), c.shape(), c.precision(), dependencies.consumers(c.name()),
                    c.elements(), c.forwardEvaluations(), c.deviation(), c.directions(), c.coverage(), c.linearity(),
                    c.intended()));
        }
        return out;
    }

    // ---- edges ------------------------------------------------------------------------------

    /**
     * Checks each edge into every origin at the elements the origin's own check compared: all of
     * them in full mode, the sampled and narrowed-to elements otherwise, so that the edge checks
     * never cost more than the node checks did.
     */
    private Blame withEdgeChecks(Blame blame, List<NodeReport> nodes, ConsumerEvaluator consumers) {
        List<String> origins = new ArrayList<>();
        blame.origin().ifPresent(origins::add);
        origins.addAll(blame.otherOrigins());
        List<EdgeReport> edges = new ArrayList<>();
        for (String origin : origins) {
            for (Map.Entry<Edge, Value> e : claims.gradients().get(0).edges().entrySet()) {
                if (e.getKey().producer().equals(origin)) {
                    watchdog.doing("checking the edge from '" + origin + "' to '" + e.getKey().consumer() + "'");
                    int[] compared = comparedElements(nodes, origin);
                    if (compared.length > 0) {
                        edges.add(checkEdge(consumers, e.getKey(), compared));
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

    /** The edge's claimed contribution against its consumer alone, contracted with the consumer's claimed gradient. */
    private EdgeReport checkEdge(ConsumerEvaluator consumers, Edge edge, int[] compared) {
        return localChecks(consumers).check(edge, compared);
    }

    // ---- local checks of every op (GraphChecks) ------------------------------------------------

    private LocalChecks localChecks(ConsumerEvaluator consumers) {
        return new LocalChecks(options, trace, claims, consumers, this::beforeEvaluation, () -> count.local++,
                watchdog);
    }

    /** Whether every op of this subject is checked alone: a graph the library composes, measured on itself. */
    private boolean checksEveryOp() {
        return options.graphChecks().checksEveryOp() && options.doubleReference().isEmpty()
                && given instanceof ConsumerEvaluator;
    }

    /** Whether the end-to-end table is measured (every option of {@code GraphChecks} measures it today). */
    private boolean checksEndToEnd() {
        return !checksEveryOp() || options.graphChecks().checksEndToEnd();
    }

    /** The blame with every op's local check in place of the edges into the origins. */
    private Blame withEveryOp(Blame blame, List<NodeReport> nodes) {
        List<EdgeReport> edges = localChecks((ConsumerEvaluator) given).everyOp(mode, nodes);
        return new Blame(blame.origin(), blame.otherOrigins(), blame.consequences(), edges);
    }
}
