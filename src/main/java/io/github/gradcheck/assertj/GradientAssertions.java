package io.github.gradcheck.assertj;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.subject.ForwardSubject;
import io.github.gradcheck.subject.HessianSubject;
import io.github.gradcheck.subject.Subject;
import org.apiguardian.api.API;
import org.assertj.core.annotation.CheckReturnValue;

/**
 * The entry point of gradcheck's AssertJ assertions: check a hand-written backward pass from
 * any test, including a property-based test of another library.
 *
 * <pre>{@code
 * import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
 *
 * // assertion succeeds: the worked example's backward is right
 * assertThat(WorkedExample.traced(false)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
 *
 * // assertion fails: the backward of invden has the wrong sign, and the message is the
 * // per-node report naming 'den' as the first wrong node
 * assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
 *
 * // assertion succeeds: the bug is caught and blamed where it starts
 * assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasWrongGradientAt("den");
 * }</pre>
 *
 * <p>These methods have the same names as AssertJ's {@code Assertions.assertThat}; a static
 * import of both works because Java picks the overload by the argument's type. For soft
 * assertions use {@link GradientSoftAssertions}.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class GradientAssertions {

    private GradientAssertions() {
    }

    /**
     * Starts an assertion on the gradients of {@code subject}; name the point with
     * {@link SubjectAssert#at(Object...) at(...)}, then assert, e.g.
     * {@link SubjectAssert#hasCorrectGradients() hasCorrectGradients()}.
     *
     * @param subject the subject to check
     * @return the assertion
     */
    @CheckReturnValue
    public static SubjectAssert assertThat(Subject subject) {
        return new SubjectAssert(subject);
    }

    /**
     * Starts an assertion on a report that was already computed, e.g. by
     * {@code GradCheck.check(subject, point)}.
     *
     * @param report the report
     * @return the assertion
     */
    @CheckReturnValue
    public static GradientReportAssert assertThat(GradientReport report) {
        return new GradientReportAssert(report);
    }

    /**
     * Starts an assertion on the claimed Jacobian (or JVP) of {@code subject}; name the point with
     * {@link ForwardSubjectAssert#at(Object...) at(...)}, then assert, e.g.
     * {@link ForwardSubjectAssert#hasCorrectJacobian() hasCorrectJacobian()}.
     *
     * @param subject the subject to check
     * @return the assertion
     * @since 0.1.0
     */
    @CheckReturnValue
    public static ForwardSubjectAssert assertThat(ForwardSubject subject) {
        return new ForwardSubjectAssert(subject);
    }

    /**
     * Starts an assertion on the claimed Hessian (or HVP) of {@code subject}; name the point with
     * {@link HessianSubjectAssert#at(Object...) at(...)}, then assert, e.g.
     * {@link HessianSubjectAssert#hasCorrectHessian() hasCorrectHessian()}.
     *
     * @param subject the subject to check
     * @return the assertion
     * @since 0.1.0
     */
    @CheckReturnValue
    public static HessianSubjectAssert assertThat(HessianSubject subject) {
        return new HessianSubjectAssert(subject);
    }
}
