package io.github.gradcheck.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.examples.broken.BrokenExamples;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.HtmlReport;
import io.github.gradcheck.report.JsonReport;
import io.github.gradcheck.report.ReportFiles;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.Subject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code of docs/reports.md, run: each snippet is here, and what the page says it does is asserted. */
class ReportsGuideTests {

    @Test
    void theBlameInCode() {
        GradientReport report = GradCheck.check(WorkedExample.graph(true), WorkedExample.POINT);

        Blame blame = report.blame();
        String origin = blame.origin().orElseThrow();      // "den": where the error enters
        List<String> inherited = blame.consequences();     // [xpysqr, xpy, sigx, y, x]: wrong because den is
        List<String> second = blame.otherOrigins();        // []: no second, independent bug
        List<EdgeReport> edges = blame.wrongEdges();       // graph subjects: the broken backward exactly
        Edge broken = edges.get(0).edge();                 // from 'den' into 'invden', argument 0

        assertThat(origin).isEqualTo("den");
        assertThat(inherited).containsExactly("xpysqr", "xpy", "sigx", "y", "x");
        assertThat(second).isEmpty();
        assertThat(broken).isEqualTo(new Edge("den", "invden", 0));
        assertThat(edges).extracting(EdgeReport::edge, EdgeReport::consumer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(new Edge("den", "invden", 0), "op 'invden'"));
    }

    @Test
    void diagnosesInCode() throws Exception {
        Subject subject = BrokenExamples.FAN_OUT_OVERWRITE.subject(true);
        Point point = BrokenExamples.FAN_OUT_OVERWRITE.point();

        String printed = Console.printedBy(() -> {
            GradientReport report = new GradientChecker().check(subject, point);
            Diagnoses diagnoses = Diagnoses.of(report, subject);   // Diagnoses.of(report) runs no code
            System.out.println(TextReport.render(report, diagnoses));
            ReportFiles.write(report, diagnoses, Path.of("target/gradcheck"));  // .json and .html
        });

        assertThat(printed).contains("the backward overwrote d(h) instead of adding to it");
        GradientReport report = new GradientChecker().check(subject, point);
        assertThat(Path.of("target/gradcheck", ReportFiles.baseName(report) + ".json")).isNotEmptyFile();
        assertThat(Path.of("target/gradcheck", ReportFiles.baseName(report) + ".html")).isNotEmptyFile();
        assertThat(Diagnoses.of(report).forNode("h").orElseThrow().kind())
                .as("from the report alone the overwrite is not recognised").isNotEqualTo(DiagnosisKind.FAN_OUT_OVERWRITE);
    }

    @Test
    void oneDiagnosis() {
        GradientReport report = GradCheck.check(WorkedExample.traced(true), WorkedExample.POINT);

        Diagnosis d = Diagnoses.of(report).forNode("den").orElseThrow();
        DiagnosisKind kind = d.kind();          // WRONG_SIGN
        String sentence = d.sentence();         // 'den' has the wrong sign: analytic = -1 × numeric at every compared element

        assertThat(kind).isEqualTo(DiagnosisKind.WRONG_SIGN);
        assertThat(sentence).isEqualTo("'den' has the wrong sign: analytic = -1 × numeric at every compared element");
        assertThat(d.recognised()).isTrue();
    }

    @Test
    void theFilesOneByOne() throws Exception {
        Path dir = Files.createTempDirectory("gradcheck-docs");
        GradientReport report = GradCheck.check(WorkedExample.traced(true), WorkedExample.POINT);
        Diagnoses diagnoses = Diagnoses.of(report);

        String json = JsonReport.render(report, diagnoses);
        HtmlReport.write(report, diagnoses, dir.resolve("worked-example.html"));

        assertThat(json).startsWith("{").contains("\"format\": \"gradcheck-report\"");
        assertThat(dir.resolve("worked-example.html")).content().contains("<html", "den");
        assertThat(TextReport.renderWithWallTime(report)).containsPattern("wall time: \\d+\\.\\d{3} s");
    }
}
