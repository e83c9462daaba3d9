package io.github.gradcheck;

import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
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

    /** Checks {@code subject} at {@code point} with the default options. */
    public static GradientReport check(Subject subject, Point point) {
        return new GradientChecker().check(subject, point);
    }

    /** Checks {@code subject} at {@code point} with the given options. */
    public static GradientReport check(Subject subject, Point point, CheckOptions options) {
        return new GradientChecker(options).check(subject, point);
    }

    /** The report as the per-node text table with the blame. */
    public static String describe(GradientReport report) {
        return TextReport.render(report);
    }
}
