package io.github.gradcheck;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.internal.engine.Engine;
import io.github.gradcheck.internal.engine.ForwardEngine;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.ForwardSubject;
import io.github.gradcheck.subject.HessianSubject;
import io.github.gradcheck.subject.Subject;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A checker configured once and used for many checks: every {@link #check} runs with the same
 * {@link CheckOptions}. {@link GradCheck#check(Subject, Point, CheckOptions)} does the same in one
 * call.
 *
 * <pre>{@code
 * GradientChecker checker = new GradientChecker(CheckOptions.defaults().withSeed(42));
 * GradientReport report = checker.check(subject, Point.of("x", 3.0, "y", -4.0));
 * }</pre>
 *
 * <p>Immutable and thread-safe; each check is independent. The subject's own state is its own
 * affair: a stateful subject must not be checked from two threads at once.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class GradientChecker {

    private final CheckOptions options;

    /**
     * A checker with the given options.
     *
     * @param options how every check of this checker runs
     */
    public GradientChecker(CheckOptions options) {
        this.options = Objects.requireNonNull(options, "a GradientChecker needs the options to check with, got"
                + " null; use CheckOptions.defaults() or new GradientChecker() for the defaults");
    }

    /** A checker with the {@linkplain CheckOptions#defaults() default options}. */
    public GradientChecker() {
        this(CheckOptions.defaults());
    }

    /** {@return the options every check of this checker runs with} */
    public CheckOptions options() {
        return options;
    }

    /**
     * Checks {@code subject} at {@code point}: runs its forward and claimed backward, measures the
     * true gradient at every node (on the options' {@linkplain CheckOptions#withDoubleReference
     * double reference}, if they give one) and compares them.
     *
     * @param subject what to check
     * @param point where to check it
     * @return the per-node report with its verdict and blame
     * @throws SubjectException when the subject's code fails, returns something unusable, or is
     *     not deterministic, or the double reference does not record the same nodes
     * @throws IllegalArgumentException when {@code subject} or {@code point} is null
     * @throws CheckAbortedException when the check exceeds its time limit or budget, or its thread
     *     is interrupted (the interrupt flag is then set again)
     */
    public GradientReport check(Subject subject, Point point) {
        return new Engine(options).check(subject, point);
    }

    /**
     * Checks the claimed Jacobian or Jacobian–vector product of {@code subject} at {@code point}:
     * measures every column of the Jacobian by differencing the function (in fast mode, random
     * tangents and sampled columns) and compares each entry; with a VJP as well, runs the adjoint
     * test.
     *
     * @param subject what to check: a {@link io.github.gradcheck.subject.JacobianSubject} or a
     *     {@link io.github.gradcheck.subject.JvpSubject}
     * @param point where to check it
     * @return the report, entry by entry
     * @throws SubjectException when the subject's code fails, returns something unusable, or is
     *     not deterministic
     * @throws IllegalArgumentException when {@code subject} or {@code point} is null
     * @throws CheckAbortedException when the check exceeds its time limit or budget, or its thread
     *     is interrupted (the interrupt flag is then set again)
     */
    public JacobianReport checkForward(ForwardSubject subject, Point point) {
        return new ForwardEngine(options).check(subject, point);
    }

    /**
     * Checks the claimed Hessian (or Hessian–vector products) of the scalar function
     * {@code subject} at {@code point}: its claimed gradient first, in reverse mode; then the
     * Hessian against differences of the verified gradient, or, without a (right) gradient, by
     * second differences of the function, whose coarser resolution the report states; and the
     * claimed Hessian's symmetry.
     *
     * @param subject what to check
     * @param point where to check it
     * @return the report, entry by entry, with the gradient's report when there is a gradient
     * @throws SubjectException when the subject's code fails, returns something unusable, is not
     *     deterministic, or its function is not scalar
     * @throws IllegalArgumentException when {@code subject} or {@code point} is null
     * @throws CheckAbortedException when the check exceeds its time limit or budget, or its thread
     *     is interrupted (the interrupt flag is then set again)
     */
    public JacobianReport checkHessian(HessianSubject subject, Point point) {
        return new ForwardEngine(options).check(subject, point);
    }

    /**
     * Checks the tangent rules (forward mode) of {@code subject}, a graph of ops that bring them
     * ({@code Op.withTangent}), node by node at {@code point}: random tangents of the inputs are
     * pushed through every rule, every node's claimed tangent is compared with its directional
     * derivative measured by finite differences, the blame names the first wrong node going forward
     * whose producers are right (and the argument of its rule that is wrong), and every op's tangent
     * rule is tested against its own backward.
     *
     * @param subject a graph of ops with tangent rules
     * @param point where to check it
     * @return the report, node by node in forward order
     * @throws SubjectException when the subject is not a graph of ops with tangent rules, or its code
     *     fails, returns something unusable, or is not deterministic
     * @throws IllegalArgumentException when {@code subject} or {@code point} is null
     * @throws CheckAbortedException when the check exceeds its time limit, or its thread is interrupted
     */
    public TangentReport checkTangents(Subject subject, Point point) {
        return new ForwardEngine(options).checkTangents(subject, point);
    }
}
