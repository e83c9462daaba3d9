package io.github.gradcheck.assertj;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.subject.ForwardSubject;
import io.github.gradcheck.subject.HessianSubject;
import io.github.gradcheck.subject.Subject;
import org.apiguardian.api.API;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft versions of the {@link GradientAssertions} entry points, to mix into any AssertJ soft
 * assertions class: failures are collected instead of thrown, and reported together by
 * {@code assertAll()}.
 *
 * <pre>{@code
 * // your own soft assertions: AssertJ's standard ones and gradcheck's
 * public class MySoftAssertions extends SoftAssertions implements GradientSoftAssertionsProvider {
 * }
 * }</pre>
 *
 * Or use {@link GradientSoftAssertions}, which has only gradcheck's.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface GradientSoftAssertionsProvider extends SoftAssertionsProvider {

    /**
     * A soft assertion on the gradients of {@code subject}.
     *
     * @param subject the subject to check
     * @return the assertion, whose failures are collected
     */
    @CheckReturnValue
    default SubjectAssert assertThat(Subject subject) {
        return proxy(SubjectAssert.class, Subject.class, subject);
    }

    /**
     * A soft assertion on a report.
     *
     * @param report the report
     * @return the assertion, whose failures are collected
     */
    @CheckReturnValue
    default GradientReportAssert assertThat(GradientReport report) {
        return proxy(GradientReportAssert.class, GradientReport.class, report);
    }

    /**
     * A soft assertion on the claimed Jacobian of {@code subject}.
     *
     * @param subject the subject to check
     * @return the assertion, whose failures are collected
     * @since 0.1.0
     */
    @CheckReturnValue
    default ForwardSubjectAssert assertThat(ForwardSubject subject) {
        return proxy(ForwardSubjectAssert.class, ForwardSubject.class, subject);
    }

    /**
     * A soft assertion on the claimed Hessian of {@code subject}.
     *
     * @param subject the subject to check
     * @return the assertion, whose failures are collected
     * @since 0.1.0
     */
    @CheckReturnValue
    default HessianSubjectAssert assertThat(HessianSubject subject) {
        return proxy(HessianSubjectAssert.class, HessianSubject.class, subject);
    }
}
