package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.Axis;
import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.DerivativeKind;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianBlock;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.internal.execution.Watchdog;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.ForwardSubject;
import io.github.gradcheck.subject.Linearization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * One forward-mode check of one subject at one point, used once: evaluates the function at the
 * point (twice: it must be deterministic), reads what the subject claims (the matrix, or its
 * products), measures the columns of every differentiable input with {@link ColumnMeasurer} and,
 * where the subject has a VJP too, runs the {@link AdjointTest}.
 */
final class ForwardRun {

    private final long started = System.nanoTime();
    private final CheckOptions options;
    private final ForwardSubject subject;
    private final Point point;
    private final Watchdog watchdog;
    private final List<String> notes = new ArrayList<>();
    private final Trace trace;
    private final Linearization claims;
    private final CheckMode mode;
    private final Precision analytic;
    private int evaluations;
    /** Calls of the claimed derivative beyond those counted by {@link #claims}: the matrix read again. */
    private int rereads;

    /**
     * Evaluates the subject at the point and reads its claims.
     *
     * @throws SubjectException when the subject's code fails, returns something unusable or is
     *     not deterministic
     * @throws CheckAbortedException when an explicitly requested full check would exceed the budget
     */
    ForwardRun(CheckOptions options, ForwardSubject subject, Point point, Watchdog watchdog) {
        this.options = options;
        this.subject = subject;
        this.point = point;
        this.watchdog = watchdog;
        String name = subject.name();
        watchdog.doing("running the function at the checked point");
        this.trace = forward();
        Preconditions.requireFinite(name, trace);
        Preconditions.requireSomethingToCheck(name, trace);
        requireWithinBudget();
        watchdog.doing("running the function again at the checked point (to see that it is deterministic)");
        new Determinism(name, options.nondeterminismTolerance()).requireSameForward(trace, forward())
                .ifPresent(notes::add);
        watchdog.doing("running the claimed derivative at the checked point");
        beforeEvaluation();
        this.claims = subject.linearize(trace);
        requireSameMatrix();
        this.analytic = analyticPrecision();
        this.mode = resolveMode();
    }

    /** Measures every column and, with a VJP, the adjoint identity; the report of a plain forward check. */
    JacobianReport report() {
        Measured m = measure();
        DerivativeKind kind = claims.matrix().isPresent() ? DerivativeKind.JACOBIAN : DerivativeKind.JVP;
        Axis rows = Axis.of(trace.output().name(), trace.output().value().shape());
        return new JacobianReport(subject.name(), kind, point, options, rows, columns(), m.blocks(), m.identities(),
                Optional.empty(), JacobianReport.Measurement.FUNCTION_DIFFERENCES, evaluations, claimEvaluations(), notes,
                mode, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * What one forward check measured.
     *
     * @param blocks the columns of each differentiable input
     * @param identities the adjoint test, when the subject has a VJP
     */
    record Measured(List<JacobianBlock> blocks, List<IdentityCheck> identities) {
    }

    /** Measures every column and the adjoint identity, for this run's report or another's. */
    Measured measure() {
        Value output = trace.output().value();
        double noise = Math.max(output.precision().epsilon(), options.nondeterminismTolerance());
        ForwardProbing probing = new ForwardProbing(options, trace, claims, ForwardProbing.unitRows(output),
                this::evaluateFor, () -> evaluations, noise, analytic, columnScale());
        List<JacobianBlock> blocks = new ArrayList<>();
        int firstColumn = 0;
        for (String input : claims.inputs()) {
            watchdog.doing("measuring the Jacobian columns of input '" + input + "' (re-running the function with it"
                    + " perturbed)");
            blocks.add(new ColumnMeasurer(probing, input, firstColumn).measure(mode));
            firstColumn += trace.node(input).value().size();
        }
        List<IdentityCheck> identities = List.of();
        if (claims.hasVjp()) {
            watchdog.doing("running the adjoint test (the JVP against the VJP)");
            identities = AdjointTest.run(claims, trace, options.seed(), options.tolerance(), analytic,
                    this::beforeEvaluation);
        }
        return new Measured(blocks, identities);
    }

    /** The columns: every differentiable input's elements, in the point's order. */
    Axis columns() {
        List<String> names = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.INPUT) {
                names.add(n.name());
                shapes.add(n.value().shape());
            }
        }
        return new Axis(names, shapes);
    }

    Trace trace() {
        return trace;
    }

    Linearization claims() {
        return claims;
    }

    CheckMode mode() {
        return mode;
    }

    List<String> notes() {
        return notes;
    }

    int evaluations() {
        return evaluations;
    }

    /** The calls of the claimed derivative so far. */
    int claimEvaluations() {
        return claims.calls() + rereads;
    }

    // ---- evaluations --------------------------------------------------------------------------

    private void beforeEvaluation() {
        watchdog.checkpoint();
        options.reset().run();
    }

    private Trace forward() {
        beforeEvaluation();
        Trace t = subject.forward(point);
        evaluations++;
        return t;
    }

    /** The output with {@code input} replaced, counted. */
    private UnaryOperator<Value> evaluateFor(String input) {
        return replacement -> {
            beforeEvaluation();
            Value out = subject.replayOutput(trace, input, replacement);
            evaluations++;
            return out;
        };
    }

    /** A claimed matrix, read a second time, must be the same: a Jacobian function that accumulates is a bug. */
    private void requireSameMatrix() {
        if (claims.matrix().isEmpty()) {
            return;
        }
        beforeEvaluation();
        Value again = subject.linearize(trace).matrix().orElseThrow();
        rereads++;
        Value first = claims.matrix().get();
        int cols = first.shape().dim(1);
        for (int k = 0; k < first.size(); k++) {
            double a = first.get(k);
            double b = again.get(k);
            double scale = Math.max(first.maxAbs(), again.maxAbs());
            boolean same = Double.doubleToLongBits(a) == Double.doubleToLongBits(b)
                    || Math.abs(a - b) <= options.nondeterminismTolerance() * scale;
            if (!same) {
                throw new SubjectException(subject.name(), "jacobian", "the Jacobian function is not deterministic:"
                        + " called twice at the same point it returned " + Numbers.full(a) + " and then "
                        + Numbers.full(b) + " at J[" + k / cols + "," + k % cols + "]; does it accumulate into a"
                        + " matrix that is never reset, or draw random numbers? (reset them with"
                        + " CheckOptions.withReset(...))");
            }
        }
    }

    private Precision analyticPrecision() {
        if (trace.output().value().precision() == Precision.FLOAT) {
            return Precision.FLOAT;
        }
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.INPUT && n.value().precision() == Precision.FLOAT) {
                return Precision.FLOAT;
            }
        }
        return Precision.DOUBLE;
    }

    /** A factor in [1.25, 1.75) drawn from the seed: the size of the unit tangents handed to a JVP. */
    private double columnScale() {
        return 1.25 + 0.5 * new SplittableRandom(options.seed() ^ 0x7A46E7L).nextDouble();
    }

    private long columnCount() {
        long n = 0;
        for (Node node : trace.nodes()) {
            if (node.kind() == NodeKind.INPUT) {
                n += node.value().size();
            }
        }
        return n;
    }

    private CheckMode resolveMode() {
        if (options.mode() != CheckMode.AUTO) {
            return options.mode();
        }
        long total = columnCount();
        if (total <= CheckOptions.AUTO_FULL_LIMIT) {
            return CheckMode.FULL;
        }
        notes.add("the inputs have " + total + " elements (Jacobian columns) in all, more than "
                + CheckOptions.AUTO_FULL_LIMIT + ", so the check ran in fast mode (random tangents and sampled columns"
                + " per input, narrowed to columns after a failure); CheckOptions.withMode(CheckMode.FULL) checks every"
                + " column");
        return CheckMode.FAST;
    }

    private void requireWithinBudget() {
        if (options.mode() != CheckMode.FULL) {
            return;
        }
        long columns = columnCount();
        long estimate = Preconditions.FULL_EVALUATIONS_PER_ELEMENT * columns;
        if (estimate > options.budget()) {
            throw new CheckAbortedException(CheckAbortedException.Reason.BUDGET, subject.name(), null, "a full check of"
                    + " its " + columns + " Jacobian columns would cost at least " + estimate + " evaluations ("
                    + Preconditions.FULL_EVALUATIONS_PER_ELEMENT + " per column), more than the budget of "
                    + options.budget() + "; use CheckOptions.withMode(CheckMode.FAST) (random tangents and sampled"
                    + " columns per input) or raise the budget with CheckOptions.withBudget(...)", true, null);
        }
    }
}
