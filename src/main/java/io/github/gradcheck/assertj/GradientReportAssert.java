package io.github.gradcheck.assertj;

import io.github.gradcheck.check.GradientReport;
import org.apiguardian.api.API;

/**
 * Assertions on a {@link GradientReport}; see {@link AbstractGradientReportAssert} for the
 * methods. Create one with {@link GradientAssertions#assertThat(GradientReport)}, or softly with
 * {@link GradientSoftAssertions}.
 *
 * <p>Not final and with a public constructor taking the report, as AssertJ's soft assertions
 * need to proxy it.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public class GradientReportAssert extends AbstractGradientReportAssert<GradientReportAssert> {

    /**
     * An assertion on {@code actual}. Start one with {@link GradientAssertions#assertThat(GradientReport)}
     * instead.
     *
     * <p>Internal: public for AssertJ's soft assertions, which proxy this class; not part of the
     * API, and may change in any release without notice.
     *
     * @param actual the report
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public GradientReportAssert(GradientReport actual) {
        super(actual, GradientReportAssert.class);
    }
}
