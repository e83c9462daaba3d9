package io.github.gradcheck.forward;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.examples.forward.LogisticRegression;
import io.github.gradcheck.examples.forward.RangeBearing;
import io.github.gradcheck.report.HtmlReport;
import io.github.gradcheck.report.JsonReport;
import io.github.gradcheck.report.ReportFiles;
import io.github.gradcheck.report.TextReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text, JSON and HTML reports of Jacobian and Hessian checks. */
class JacobianReportsTests {

    static final JacobianReport EKF = GradCheck.checkForward(RangeBearing.subject(RangeBearing.Bug.FLIPPED_BEARING_SIGN),
            RangeBearing.POINT);

    static final JacobianReport HESSIAN = GradCheck.checkHessian(
            LogisticRegression.subject(LogisticRegression.Bug.MISSING_REGULARISER), LogisticRegression.POINT);

    @Test
    void theJsonHasEveryEntryWithItsRowAndColumnExactly() {
        JsonObject j = JsonParser.parseString(JsonReport.render(EKF)).getAsJsonObject();
        assertThat(j.get("format").getAsString()).isEqualTo("gradcheck-jacobian-report");
        assertThat(j.get("kind").getAsString()).isEqualTo("JACOBIAN");
        assertThat(j.get("verdict").getAsString()).isEqualTo("FAIL");
        assertThat(j.get("measurement").getAsString()).isEqualTo("FUNCTION_DIFFERENCES");
        assertThat(j.getAsJsonObject("rows").get("size").getAsInt()).isEqualTo(2);
        assertThat(j.getAsJsonObject("columns").getAsJsonArray("names").get(0).getAsString()).isEqualTo("pose");
        JsonArray entries = j.getAsJsonArray("entries");
        List<JacobianEntry> expected = EKF.entries();
        assertThat(entries).hasSize(expected.size());
        for (int k = 0; k < expected.size(); k++) {
            JsonObject e = entries.get(k).getAsJsonObject();
            assertThat(e.get("row").getAsInt()).isEqualTo(expected.get(k).row());
            assertThat(e.get("column").getAsInt()).isEqualTo(expected.get(k).column());
            assertThat(e.get("columnLabel").getAsString()).isEqualTo(expected.get(k).columnLabel());
            assertThat(e.get("analytic").getAsDouble()).isEqualTo(expected.get(k).analytic());
            assertThat(e.get("numeric").getAsDouble()).isEqualTo(expected.get(k).numeric());
            assertThat(e.get("verdict").getAsString()).isEqualTo(expected.get(k).verdict().name());
        }
        assertThat(j.getAsJsonArray("diagnoses").get(0).getAsJsonObject().get("sentence").getAsString())
                .isEqualTo(Diagnoses.of(EKF).all().get(0).sentence());
        assertThat(j.get("gradient").isJsonNull()).isTrue();
        assertThat(j.getAsJsonObject("evaluations").get("forward").getAsInt()).isEqualTo(EKF.forwardEvaluations());
    }

    @Test
    void aHessiansJsonNestsItsGradientCheckAndHasItsSymmetry() {
        JsonObject j = JsonParser.parseString(JsonReport.render(HESSIAN)).getAsJsonObject();
        assertThat(j.get("kind").getAsString()).isEqualTo("HESSIAN");
        assertThat(j.getAsJsonObject("gradient").get("format").getAsString()).isEqualTo("gradcheck-report");
        assertThat(j.getAsJsonObject("gradient").get("verdict").getAsString()).isEqualTo("PASS");
        assertThat(j.getAsJsonArray("identities").get(0).getAsJsonObject().get("identity").getAsString())
                .isEqualTo("SYMMETRY");
    }

    @Test
    void theHtmlHasAHeatMapCellPerEntryWithTheWrongOnesMarked() {
        String html = HtmlReport.render(EKF);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("data-kind=\"JACOBIAN\"")
                .contains("<section id=\"heatmap\">").contains("row 1 of J");
        assertThat(html.split("data-entry=\"", -1)).hasSize(EKF.entries().size() + 1);
        assertThat(html).contains("<td class=\"fail\" data-entry=\"1,0\"").contains("<td class=\"ok\" data-entry=\"0,0\"");
        assertThat(html).contains("title=\"J[1,0] = ∂output[1]/∂pose[0]: analytic -0.16");
        assertThat(HtmlReport.render(HESSIAN)).contains("the claimed gradient, checked first");
    }

    @Test
    void bothFilesAreWrittenSideBySide(@TempDir Path dir) {
        List<Path> files = ReportFiles.write(EKF, Diagnoses.of(EKF), dir);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "gradcheck-jacobian-range-bearing-flipped-bearing-sign-24301.json",
                "gradcheck-jacobian-range-bearing-flipped-bearing-sign-24301.html");
        assertThat(files).allSatisfy(f -> assertThat(Files.exists(f)).isTrue());
    }

    @Test
    void aLargeMatrixShowsItsWrongEntriesAndCountsTheRest() {
        JacobianReport r = GradCheck.checkForward(io.github.gradcheck.subject.JacobianSubject.of("big", in -> {
            double[] x = in.vector("x");
            double[] y = new double[8];
            for (int i = 0; i < 8; i++) {
                y[i] = Math.sin(x[i]) * x[(i + 1) % 8];
            }
            return y;
        }, in -> {
            double[] x = in.vector("x");
            double[][] j = new double[8][8];
            for (int i = 0; i < 8; i++) {
                j[i][i] = Math.cos(x[i]) * x[(i + 1) % 8];
                j[i][(i + 1) % 8] += Math.sin(x[i]);
            }
            j[3][3] *= -1;
            return j;
        }), io.github.gradcheck.model.Point.of("x", new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}));
        String text = TextReport.render(r);
        assertThat(text).contains("J[3,3]  output[3]  x[3]").contains("… 63 more entries, all ok");
    }
}
