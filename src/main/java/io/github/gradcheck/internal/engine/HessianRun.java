package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.Axis;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.DerivativeKind;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianBlock;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
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
import io.github.gradcheck.subject.HessianSubject;
import io.github.gradcheck.subject.Linearization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One check of a claimed Hessian (or HVP) of a scalar function at one point: the claimed gradient
 * first, in reverse mode; then the Hessian as the Jacobian of the verified gradient (first
 * differences of the gradient, the fine resolution of a first derivative) or, without a gradient
 * or with a wrong one, by second differences of the function (coarser, and the report says so);
 * and the claimed Hessian's symmetry, which costs no evaluation.
 */
final class HessianRun {

    private final long started = System.nanoTime();
    private final CheckOptions options;
    private final HessianSubject subject;
    private final Point point;
    private final Watchdog watchdog;

    HessianRun(CheckOptions options, HessianSubject subject, Point point, Watchdog watchdog) {
        this.options = options;
        this.subject = subject;
        this.point = point;
        this.watchdog = watchdog;
    }

    JacobianReport report() {
        List<String> notes = new ArrayList<>();
        Optional<GradientReport> gradient = subject.gradientSubject().map(s -> {
            watchdog.doing("checking the claimed gradient (before the Hessian)");
            return new CheckRun(options, s, point, watchdog).report();
        });
        DerivativeKind kind = subject.claimsProducts() ? DerivativeKind.HVP : DerivativeKind.HESSIAN;
        if (gradient.isPresent() && gradient.get().verdict() == Verdict.PASS) {
            ForwardRun run = new ForwardRun(options, subject.gradientFunction().orElseThrow(), point, watchdog);
            ForwardRun.Measured m = run.measure();
            notes.addAll(run.notes());
            List<IdentityCheck> symmetry = symmetry(run.claims(), precisionOf(run.trace()));
            Axis axis = run.columns();
            return new JacobianReport(subject.name(), kind, point, options, axis, axis, m.blocks(), symmetry, gradient,
                    JacobianReport.Measurement.GRADIENT_DIFFERENCES, run.evaluations(), run.claimEvaluations(), notes,
                    run.mode(), Duration.ofNanos(System.nanoTime() - started));
        }
        return bySecondDifferences(kind, gradient, notes);
    }

    private JacobianReport bySecondDifferences(DerivativeKind kind, Optional<GradientReport> gradient,
                                               List<String> notes) {
        String name = subject.name();
        int evaluations = 0;
        watchdog.doing("running the function at the checked point");
        Trace trace = forward();
        evaluations++;
        Preconditions.requireFinite(name, trace);
        Preconditions.requireSomethingToCheck(name, trace);
        watchdog.doing("running the function again at the checked point (to see that it is deterministic)");
        new Determinism(name, options.nondeterminismTolerance()).requireSameForward(trace, forward())
                .ifPresent(notes::add);
        evaluations++;
        watchdog.doing("running the claimed Hessian at the checked point");
        beforeEvaluation();
        Linearization claims = subject.hessian(trace);
        int rereads = requireSameMatrix(claims, trace);
        Precision analytic = precisionOf(trace);
        Axis axis = columns(trace);
        CheckMode mode = SecondDifferenceMeasurer.resolve(options.mode(), axis.size());
        SecondDifferenceMeasurer measurer = new SecondDifferenceMeasurer(options, subject, trace, claims,
                this::beforeEvaluation, analytic, columnScale());
        watchdog.doing("measuring the Hessian by second differences of the function");
        List<JacobianBlock> blocks = measurer.measure(mode);
        evaluations += measurer.evaluations();
        String why = gradient.isEmpty() ? "no gradient was given"
                : gradient.get().verdict() == Verdict.FAIL ? "the claimed gradient is wrong, so its differences cannot"
                + " be trusted" : "the check of the claimed gradient was inconclusive";
        notes.add(why + ": the Hessian was measured by second differences of the function, whose resolution is much"
                + " coarser than that of differences of a verified gradient" + (gradient.isEmpty()
                ? "; give the gradient (HessianSubject.of(name, f, gradient, hessian)) for a finer check" : ""));
        if (mode == CheckMode.SAMPLED && options.mode() == CheckMode.AUTO) {
            notes.add("the inputs have " + axis.size() + " elements, more than " + SecondDifferenceMeasurer.FULL_LIMIT
                    + ", so " + options.sampleSize() + " columns per input were measured by second differences;"
                    + " CheckOptions.withMode(CheckMode.FULL) measures every entry");
        }
        List<IdentityCheck> symmetry = symmetry(claims, analytic);
        return new JacobianReport(name, kind, point, options, axis, axis, blocks, symmetry, gradient,
                JacobianReport.Measurement.SECOND_DIFFERENCES, evaluations, claims.calls() + rereads, notes, mode,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private List<IdentityCheck> symmetry(Linearization claims, Precision analytic) {
        watchdog.doing("checking the symmetry of the claimed Hessian");
        return SymmetryTest.run(claims, options.seed(), options.tolerance(), analytic, this::beforeEvaluation);
    }

    private void beforeEvaluation() {
        watchdog.checkpoint();
        options.reset().run();
    }

    private Trace forward() {
        beforeEvaluation();
        return subject.forward(point);
    }

    private int requireSameMatrix(Linearization claims, Trace trace) {
        if (claims.matrix().isEmpty()) {
            return 0;
        }
        beforeEvaluation();
        Value again = subject.hessian(trace).matrix().orElseThrow();
        Value first = claims.matrix().get();
        int n = first.shape().dim(1);
        double scale = Math.max(first.maxAbs(), again.maxAbs());
        for (int k = 0; k < first.size(); k++) {
            double a = first.get(k);
            double b = again.get(k);
            if (Double.doubleToLongBits(a) != Double.doubleToLongBits(b)
                    && !(Math.abs(a - b) <= options.nondeterminismTolerance() * scale)) {
                throw new SubjectException(subject.name(), "hessian", "the Hessian function is not deterministic:"
                        + " called twice at the same point it returned " + Numbers.full(a) + " and then "
                        + Numbers.full(b) + " at H[" + k / n + "," + k % n + "]; does it accumulate into a matrix that is"
                        + " never reset?");
            }
        }
        return 1;
    }

    private static Precision precisionOf(Trace trace) {
        for (Node n : trace.nodes()) {
            if (n.kind().isChecked() && n.value().precision() == Precision.FLOAT) {
                return Precision.FLOAT;
            }
        }
        return Precision.DOUBLE;
    }

    private static Axis columns(Trace trace) {
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

    private double columnScale() {
        return 1.25 + 0.5 * new SplittableRandom(options.seed() ^ 0x7A46E7L).nextDouble();
    }
}
