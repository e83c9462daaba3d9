package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.internal.execution.Watchdog;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.ForwardSubject;
import io.github.gradcheck.subject.HessianSubject;
import io.github.gradcheck.subject.Subject;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The entry to the forward-mode and second-order checks: each check is one run under a
 * {@link Watchdog} of its own, as in {@link Engine}. Stateless and thread-safe.
 *
 * @implNote A forward check runs the function twice at the point (they must agree), reads the
 * claimed Jacobian (twice: it must not change) or prepares the claimed JVP, and measures the
 * Jacobian column by column: each column is one element of one input perturbed alone, measured
 * with the same screen, robust estimate, tolerance and verdicts as an element in reverse mode,
 * the output's components playing the part of the cotangents. In fast mode each input gets a few
 * random Gaussian tangents and a sample of columns, narrowed to columns after a failure. A JVP is
 * handed unit tangents scaled by a factor that is not a power of two, so that a JVP that ignores
 * the size of its tangent is caught. With a VJP as well, the adjoint test follows.
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class ForwardEngine {

    private final CheckOptions options;

    /**
     * An engine that checks with {@code options}.
     *
     * @param options how every check runs
     */
    public ForwardEngine(CheckOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Checks the claimed Jacobian or JVP of {@code subject} at {@code point}.
     *
     * @param subject what to check
     * @param point where to check it
     * @return the report
     * @throws IllegalArgumentException when an argument is null
     * @throws SubjectException when the subject's code fails, returns something unusable, or is
     *     not deterministic
     * @throws CheckAbortedException when the check exceeds its time limit or budget, or its thread
     *     is interrupted
     */
    public JacobianReport check(ForwardSubject subject, Point point) {
        if (subject == null) {
            throw new IllegalArgumentException("GradCheck.checkForward needs a subject to check, got null; build one"
                    + " with JacobianSubject.of or JvpSubject.of");
        }
        requirePoint(subject.name(), point);
        Watchdog watchdog = new Watchdog(subject.name(), options.timeLimit());
        return watchdog.run(() -> new ForwardRun(options, subject, point, watchdog).report());
    }

    /**
     * Checks the claimed Hessian or HVP of {@code subject} at {@code point}: its gradient first (when
     * it has one), then the Hessian against differences of the verified gradient, or by second
     * differences of the function; and the claimed Hessian's symmetry.
     *
     * @param subject what to check
     * @param point where to check it
     * @return the report, with the gradient's check when there is a gradient
     * @throws IllegalArgumentException when an argument is null
     * @throws SubjectException when the subject's code fails, returns something unusable, is not
     *     deterministic, or its function is not scalar
     * @throws CheckAbortedException when the check exceeds its time limit or budget, or its thread
     *     is interrupted
     */
    public JacobianReport check(HessianSubject subject, Point point) {
        if (subject == null) {
            throw new IllegalArgumentException("GradCheck.checkHessian needs a subject to check, got null; build one"
                    + " with HessianSubject.of or HessianSubject.ofProducts");
        }
        requirePoint(subject.name(), point);
        Watchdog watchdog = new Watchdog(subject.name(), options.timeLimit());
        return watchdog.run(() -> new HessianRun(options, subject, point, watchdog).report());
    }

    /**
     * Checks the tangent rules of {@code subject} (a graph of ops with {@code Op.withTangent}) node
     * by node at {@code point}: random tangents of the inputs pushed through every rule, each node's
     * claimed tangent against its measured directional derivative, the blame going forward, and each
     * op's tangent rule against its backward.
     *
     * @param subject what to check
     * @param point where to check it
     * @return the report, node by node in forward order
     * @throws IllegalArgumentException when an argument is null
     * @throws SubjectException when the subject is not a graph of ops with tangent rules, or its code
     *     fails, returns something unusable, or is not deterministic
     * @throws CheckAbortedException when the check exceeds its time limit, or its thread is interrupted
     */
    public TangentReport checkTangents(Subject subject, Point point) {
        if (subject == null) {
            throw new IllegalArgumentException("GradCheck.checkTangents needs a subject to check, got null; build a"
                    + " GraphSubject of ops with tangent rules (Op.withTangent)");
        }
        requirePoint(subject.name(), point);
        Watchdog watchdog = new Watchdog(subject.name(), options.timeLimit());
        return watchdog.run(() -> new TangentRun(options, subject, point, watchdog).report());
    }

    static void requirePoint(String subject, Point point) {
        if (point == null) {
            throw new IllegalArgumentException("the check of subject '" + subject + "' needs a point to check it at,"
                    + " got null; e.g. Point.of(\"x\", new double[] {1, 2})");
        }
    }
}
