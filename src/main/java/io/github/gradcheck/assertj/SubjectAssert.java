package io.github.gradcheck.assertj;

import io.github.gradcheck.subject.Subject;
import org.apiguardian.api.API;

/**
 * Assertions on the gradients of a {@link Subject}; see {@link AbstractSubjectAssert} for the
 * methods. Create one with {@link GradientAssertions#assertThat(Subject)}, or softly with
 * {@link GradientSoftAssertions}.
 *
 * <p>Not final and with a public constructor taking the subject, as AssertJ's soft assertions
 * need to proxy it.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public class SubjectAssert extends AbstractSubjectAssert<SubjectAssert, Subject> {

    /**
     * An assertion on {@code actual}. Start one with {@link GradientAssertions#assertThat(Subject)}
     * instead.
     *
     * <p>Internal: public for AssertJ's soft assertions, which proxy this class; not part of the
     * API, and may change in any release without notice.
     *
     * @param actual the subject
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public SubjectAssert(Subject actual) {
        super(actual, SubjectAssert.class);
    }
}
