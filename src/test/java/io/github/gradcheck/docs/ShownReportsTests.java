package io.github.gradcheck.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.docs.Markdown.Block;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.examples.broken.BrokenExamples;
import io.github.gradcheck.examples.library.FlatDenseLibrary;
import io.github.gradcheck.examples.library.LibraryLayers;
import io.github.gradcheck.examples.library.LstmStep;
import io.github.gradcheck.examples.network.Networks;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every report the README and the guide show is what gradcheck prints: each {@code text} block
 * that starts with a report's first line ({@code gradcheck: subject '...' at ...}) is an excerpt
 * of that report, line for line ({@code ...} stands for lines left out).
 */
class ShownReportsTests {

    static final String REPORT_START = "gradcheck: subject '";

    /** The first line of a Jacobian or Hessian check's report: {@code gradcheck: Hessian of subject '...' at ...}. */
    static final java.util.regex.Pattern MATRIX_REPORT_START = java.util.regex.Pattern.compile(
            "gradcheck: (Jacobian|Jacobian–vector products|Hessian|Hessian–vector products|tangents \\(forward mode\\)) of"
                    + " subject '.*");

    /** The reports the docs may show, by their first line: the demo's, the broken examples', the guide's. */
    static Map<String, String> reports() {
        List<String> all = new ArrayList<>();
        // the demo (mvn -q test-compile exec:java) prints GradCheck.describe of these
        for (Subject s : List.of(WorkedExample.traced(false), WorkedExample.traced(true), WorkedExample.graph(true),
                WorkedExample.function(true))) {
            all.add(GradCheck.describe(GradCheck.check(s, WorkedExample.POINT)));
        }
        all.add(GradCheck.describe(GradCheck.check(Networks.broken(Networks.Bug.DENSE_MISSING_TRANSPOSE),
                Networks.POINT)));
        // BrokenExamples.main renders with the diagnoses that may re-run the subject
        for (BrokenExamples e : BrokenExamples.values()) {
            Subject s = e.subject(true);
            GradientReport r = new GradientChecker().check(s, e.point());
            all.add(TextReport.render(r, Diagnoses.of(r, s)));
        }
        // docs/verdicts.md
        all.add(GradCheck.describe(GradCheck.check(VerdictsGuideTests.RELU, Point.of("x", 0.0))));
        all.add(GradCheck.describe(GradCheck.check(VerdictsGuideTests.SQRT, Point.of("x", 0.0))));
        all.add(GradCheck.describe(GradCheck.check(VerdictsGuideTests.IGNORES_B, Point.of("a", 1.5, "b", 2.0))));
        // docs/options.md
        all.add(GradCheck.describe(GradCheck.check(OptionsGuideTests.sumOfXSinX(),
                Point.of("x", OptionsGuideTests.ramp(10_000)))));
        Subject inFloat = FunctionSubject.of("softplus in float",
                in -> (float) Math.log1p(Math.exp(in.floatScalar("x"))),
                (in, out, gOut) -> (float) (gOut.asScalar() / (1 + Math.exp(-in.floatScalar("x")))));
        Subject inDouble = FunctionSubject.of("softplus in double",
                in -> Math.log1p(Math.exp(in.scalar("x"))),
                (in, out, gOut) -> gOut.asScalar() / (1 + Math.exp(-in.scalar("x"))));
        all.add(GradCheck.describe(new GradientChecker(CheckOptions.defaults().withDoubleReference(inDouble)).check(inFloat, Point.of("x", 0.75f))));

        // docs/types.md
        all.add(GradCheck.describe(GradCheck.check(LstmStep.subject(true), LstmStep.point(),
                CheckOptions.defaults().withCotangents(CotangentMode.FULL_JACOBIAN))));
        all.add(GradCheck.describe(GradCheck.check(LibraryLayers.flatDense(new FlatDenseLibrary(3, 4, 7, true)),
                Point.of("x", new double[] {0.5, -1.0, 2.0, 0.25}))));

        // docs/forward-and-second-order.md and the demo's last two reports
        all.addAll(ForwardGuideTests.shownReports());

        Map<String, String> byFirstLine = new LinkedHashMap<>();
        for (String r : all) {
            String first = r.lines().findFirst().orElseThrow();
            assertThat(byFirstLine.put(first, r)).as("two reports start with %s", first).isNull();
        }
        return byFirstLine;
    }

    @TestFactory
    Stream<DynamicTest> everyReportShownIsAnExcerptOfWhatGradcheckPrints() {
        List<Block> shown = Markdown.allBlocks().stream()
                .filter(b -> !b.lines().isEmpty() && (b.lines().get(0).startsWith(REPORT_START)
                        || MATRIX_REPORT_START.matcher(b.lines().get(0)).matches())).toList();
        assertThat(shown).as("reports shown in the README and the guide").hasSizeGreaterThanOrEqualTo(10);
        Map<String, String> reports = reports();
        return shown.stream().map(b -> DynamicTest.dynamicTest(b.where(), () -> {
            String printed = reports.get(b.lines().get(0));
            assertThat(printed).as("%s shows a report that ShownReportsTests does not produce: %s; add its"
                    + " subject to ShownReportsTests.reports()", b.where(), b.lines().get(0)).isNotNull();
            Markdown.assertExcerpt(b, printed);
        }));
    }
}
