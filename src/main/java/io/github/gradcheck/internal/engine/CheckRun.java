package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Linearity;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.internal.execution.GuardedSubject;
import io.github.gradcheck.internal.execution.TaskPool;
import io.github.gradcheck.internal.execution.Watchdog;
import io.github.gradcheck.internal.subject.ArraysInUse;
import io.github.gradcheck.internal.subject.ConsumerEvaluator;
import io.github.gradcheck.internal.subject.GradientViews;
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
    private final GuardedSubject subject;
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
        if (!checksEndToEnd()) {
            notes.add("GraphChecks.LOCAL: every op's backward was checked alone; the end-to-end gradients of the"
                    + " nodes were not measured, so an error in how the ops are composed (a use of a node the graph"
                    + " does not declare, state shared between ops) would not show");
        }
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

    /** Runs the backward again only to compare its claims with those kept: they are read in place and dropped. */
    private GradientViews backwardViewed(Value u) {
        beforeEvaluation();
        GradientViews g = subject.backwardViewed(trace, u);
        count.backward++;
        return g;
    }

    /**
     * The backward's claims for every cotangent, kept for the check; the first cotangent's
     * backward runs again (reentrancy), then at other cotangents (linearity) and at scaled ones
     * (rounding). Each of those extra claims is compared with the kept ones as it arrives, read
     * where the user's code returned it, and dropped before the next: the heap holds at most one
     * extra claim at a time beside the kept ones (two for a split cotangent).
     */
    private Claims claims() {
        List<Value> cotangents = cotangents(trace.output().value());
        List<Gradients> gradients = new ArrayList<>();
        watchdog.doing("running the backward");
        for (Value u : cotangents) {
            gradients.add(backward(u));
        }
        watchdog.doing("running the backward again (to see that it is reentrant)");
        determinism.requireSameBackward(gradients.get(0), backwardViewed(cotangents.get(0))).ifPresent(notes::add);
        Map<String, Linearity> linearity = linearity(cotangents, gradients);
        return new Claims(cotangents, gradients, rounding(cotangents, gradients), linearity);
    }

    /**
     * The linearity of the claims in the cotangent, from the backward at the plan's extra
     * cotangents: all but the last copied (the next call may reuse the array the user returned),
     * the last read in place.
     */
    private Map<String, Linearity> linearity(List<Value> cotangents, List<Gradients> gradients) {
        watchdog.doing("running the backward at other cotangents (to see that it is linear in them)");
        LinearityCheck linearity = LinearityCheck.plan(cotangents, options.cotangents(), options.seed());
        List<Value> extra = linearity.extraCotangents();
        List<GradientViews> atOthers = new ArrayList<>();
        for (int i = 0; i < extra.size(); i++) {
            Value v = extra.get(i);
            atOthers.add(i < extra.size() - 1 ? GradientViews.of(backward(v)) : backwardViewed(v));
        }
        return linearity.judge(gradients, atOthers, options.nondeterminismTolerance());
    }

    /** The measured rounding of the claims at each cotangent, from the backward at it scaled, read in place. */
    private List<ClaimRounding> rounding(List<Value> cotangents, List<Gradients> gradients) {
        watchdog.doing("running the backward at scaled cotangents (to measure the rounding of its claims)");
        List<ClaimRounding> rounding = new ArrayList<>();
        for (int k = 0; k < cotangents.size(); k++) {
            rounding.add(ClaimRounding.of(gradients.get(k),
                    backwardViewed(scaled(cotangents.get(k), ClaimRounding.FACTOR)), ClaimRounding.FACTOR));
        }
        return rounding;
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

    /** The relative rounding noise of one evaluation whose output has {@code outputPrecision}. */
    private double noise(Precision outputPrecision) {
        return Math.max(outputPrecision.epsilon(), options.nondeterminismTolerance());
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
                    count.forward, noise, new KeptSamples());
            for (Node node : trace.backwardOrder()) {
                if (!node.kind().isChecked()) {
                    continue;
                }
                Precision analytic = analyticPrecision(node.value().precision(), outputPrecision);
                watchdog.measuring(node.name(), node.kind());
                NodeMeasurer m = new NodeMeasurer(probing, node.name(), analytic).deferNarrowing().deferSettling();
                checks.add(m.measure(mode));
                measurers.add(m);
            }
            List<NodeReport> nodes = confirmOrigins(checks, measurers);
            Blame provisional = BlameLocator.locate(nodes);
            boolean narrowed = false;
            for (int i = 0; i < nodes.size(); i++) {
                NodeReport n = nodes.get(i);
                if (provisional.isOrigin(n.name()) && n.verdict() == Verdict.FAIL
                        && n.coverage().mode() != CheckMode.FULL) {
                    watchdog.measuring(n.name(), n.kind());
                    checks.set(i, measurers.get(i).narrowNow());
                    narrowed = true;
                }
            }
            return narrowed ? declared(checks) : nodes;
        }
    }

    /**
     * Confirms the failures of the nodes where a wrong gradient starts, and only theirs: the blame
     * is located on the first measurements, each origin with pending failures is confirmed, and
     * where a confirmation refutes an origin the blame is located again, until every origin rests
     * on confirmed failures. A node wrong only as a consequence of a confirmed origin keeps its
     * first measurement, its failures labelled not confirmed separately (they say where the wrong
     * gradient flows, not where it starts), so a failing check costs one confirmation per broken
     * backward rather than one per wrong node.
     */
    private List<NodeReport> confirmOrigins(List<NodeReport> checks, List<NodeMeasurer> measurers) {
        List<NodeReport> nodes = declared(checks);
        boolean confirmed = true;
        while (confirmed) {
            confirmed = false;
            Blame blame = BlameLocator.locate(nodes);
            for (int i = 0; i < nodes.size(); i++) {
                if (blame.isOrigin(nodes.get(i).name()) && measurers.get(i).pending()) {
                    watchdog.measuring(nodes.get(i).name(), nodes.get(i).kind());
                    checks.set(i, measurers.get(i).settleNow());
                    confirmed = true;
                }
            }
            if (confirmed) {
                nodes = declared(checks);
            }
        }
        return nodes;
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
        List<EdgeReport> edges = new ArrayList<>();
        for (String origin : blame.origins()) {
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

    /** Whether the end-to-end table is measured: always, but for a graph checked with {@code GraphChecks.LOCAL}. */
    private boolean checksEndToEnd() {
        return !checksEveryOp() || options.graphChecks().checksEndToEnd();
    }

    /** The blame with every op's local check in place of the edges into the origins. */
    private Blame withEveryOp(Blame blame, List<NodeReport> nodes) {
        List<EdgeReport> edges = localChecks((ConsumerEvaluator) given).everyOp(mode, nodes);
        return new Blame(blame.origin(), blame.otherOrigins(), blame.consequences(), edges);
    }
}
