package io.github.gradcheck;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.ForwardSubject;
import io.github.gradcheck.subject.HessianSubject;
import io.github.gradcheck.subject.Subject;
import org.apiguardian.api.API;

/**
 * The one-call entry point for plain Java: check a subject at a point, get a report.
 *
 * <pre>{@code
 * GradientReport report = GradCheck.check(subject, Point.of("x", 3.0, "y", -4.0));
 * if (!report.passed()) {
 *     System.out.println(GradCheck.describe(report));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class GradCheck {

    private GradCheck() {
    }

    /**
     * Checks {@code subject} at {@code point} with the {@linkplain CheckOptions#defaults() default
     * options}; see {@link GradientChecker#check}.
     *
     * @param subject what to check
     * @param point where to check it
     * @return the per-node report with its verdict and blame
     * @throws SubjectException when the subject's code fails, returns something unusable, or is
     *     not deterministic
     * @throws IllegalArgumentException when {@code subject} or {@code point} is null
     */
    public static GradientReport check(Subject subject, Point point) {
        return new GradientChecker().check(subject, point);
    }

    /**
     * Checks {@code subject} at {@code point} with {@code options}; see {@link GradientChecker#check}.
     *
     * @param subject what to check
     * @param point where to check it
     * @param options how to check it, e.g. {@code CheckOptions.defaults().withSeed(42)}
     * @return the per-node report with its verdict and blame
     * @throws SubjectException when the subject's code fails, returns something unusable, or is
     *     not deterministic, or the options' double reference does not record the same nodes
     * @throws IllegalArgumentException when {@code subject} or {@code point} is null
     * @throws NullPointerException when {@code options} is null
     * @throws CheckAbortedException when the check exceeds the options' time limit or budget, or its
     *     thread is interrupted (the interrupt flag is then set again)
     */
    public static GradientReport check(Subject subject, Point point, CheckOptions options) {
        return new GradientChecker(options).check(subject, point);
    }

    /**
     * {@return the report as text}: the per-node table, the blame, the diagnoses and the cost, as
     * {@code TextReport.render} renders it
     *
     * @param report a report of {@link #check}
     */
    public static String describe(GradientReport report) {
        return TextReport.render(java.util.Objects.requireNonNull(report, "GradCheck.describe needs the report of a"
                + " check, got null; pass what GradCheck.check returned"));
    }

    /**
     * Checks the claimed Jacobian or Jacobian–vector product of {@code subject} at {@code point}
     * with the {@linkplain CheckOptions#defaults() default options}; see
     * {@link GradientChecker#checkForward}.
     *
     * <pre>{@code
     * JacobianReport report = GradCheck.checkForward(rangeBearing, point);
     * System.out.println(GradCheck.describe(report));
     * }</pre>
     *
     * @param subject what to check: a Jacobian returned with the value, or a JVP
     * @param point where to check it
     * @return the report, entry by entry
     * @throws SubjectException when the subject's code fails, returns something unusable, or is
     *     not deterministic
     * @throws IllegalArgumentException when {@code subject} or {@code point} is null
     */
    public static JacobianReport checkForward(ForwardSubject subject, Point point) {
        return new GradientChecker().checkForward(subject, point);
    }

    /**
     * Checks the claimed Jacobian or Jacobian–vector product of {@code subject} at {@code point}
     * with {@code options}; see {@link GradientChecker#checkForward}.
     *
     * @param subject what to check
     * @param point where to check it
     * @param options how to check it
     * @return the report, entry by entry
     * @throws SubjectException when the subject's code fails, returns something unusable, or is
     *     not deterministic
     * @throws IllegalArgumentException when {@code subject} or {@code point} is null
     * @throws NullPointerException when {@code options} is null
     * @throws CheckAbortedException when the check exceeds the options' time limit or budget, or its
     *     thread is interrupted (the interrupt flag is then set again)
     */
    public static JacobianReport checkForward(ForwardSubject subject, Point point, CheckOptions options) {
        return new GradientChecker(options).checkForward(subject, point);
    }

    /**
     * Checks the claimed Hessian (or Hessian–vector products) of {@code subject} at {@code point}
     * with the {@linkplain CheckOptions#defaults() default options}; see
     * {@link GradientChecker#checkHessian}.
     *
     * <pre>{@code
     * JacobianReport report = GradCheck.checkHessian(logisticLoss, Point.of("w", new double[] {0.1, -0.2, 0.3}));
     * }</pre>
     *
     * @param subject what to check: a scalar function with its Hessian or HVP, and usually its gradient
     * @param point where to check it
     * @return the report, entry by entry, with the gradient's report when there is a gradient
     * @throws SubjectException when the subject's code fails, returns something unusable, is not
     *     deterministic, or its function is not scalar
     * @throws IllegalArgumentException when {@code subject} or {@code point} is null
     */
    public static JacobianReport checkHessian(HessianSubject subject, Point point) {
        return new GradientChecker().checkHessian(subject, point);
    }

    /**
     * Checks the claimed Hessian (or Hessian–vector products) of {@code subject} at {@code point}
     * with {@code options}; see {@link GradientChecker#checkHessian}.
     *
     * @param subject what to check
     * @param point where to check it
     * @param options how to check it
     * @return the report, entry by entry, with the gradient's report when there is a gradient
     * @throws SubjectException when the subject's code fails, returns something unusable, is not
     *     deterministic, or its function is not scalar
     * @throws IllegalArgumentException when {@code subject} or {@code point} is null
     * @throws NullPointerException when {@code options} is null
     * @throws CheckAbortedException when the check exceeds the options' time limit or budget, or its
     *     thread is interrupted (the interrupt flag is then set again)
     */
    public static JacobianReport checkHessian(HessianSubject subject, Point point, CheckOptions options) {
        return new GradientChecker(options).checkHessian(subject, point);
    }

    /**
     * {@return the report of a Jacobian or Hessian check as text}: the entries, the wrong ones
     * named by row and column, the diagnosis, the identities and the cost, as
     * {@code TextReport.render} renders it
     *
     * @param report a report of {@link #checkForward} or {@link #checkHessian}
     */
    public static String describe(JacobianReport report) {
        return TextReport.render(report);
    }

    /**
     * Checks the tangent rules (forward mode) of a graph of ops node by node at {@code point}, with
     * the {@linkplain CheckOptions#defaults() default options}; see {@link GradientChecker#checkTangents}.
     *
     * @param subject a graph of ops with tangent rules ({@code Op.withTangent})
     * @param point where to check it
     * @return the report, node by node in forward order
     * @throws SubjectException when the subject is not a graph of ops with tangent rules, or its code
     *     fails, returns something unusable, or is not deterministic
     * @throws IllegalArgumentException when {@code subject} or {@code point} is null
     * @since 0.1.0
     */
    public static TangentReport checkTangents(Subject subject, Point point) {
        return new GradientChecker().checkTangents(subject, point);
    }

    /**
     * {@return the report of a tangent check as text}, as {@code TextReport.render} renders it
     *
     * @param report a report of {@link #checkTangents}
     * @since 0.1.0
     */
    public static String describe(TangentReport report) {
        return TextReport.render(report);
    }
}
