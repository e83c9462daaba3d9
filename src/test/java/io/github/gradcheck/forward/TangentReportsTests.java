package io.github.gradcheck.forward;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.examples.forward.LayerTangents;
import io.github.gradcheck.examples.forward.WorkedExampleTangents;
import io.github.gradcheck.report.HtmlReport;
import io.github.gradcheck.report.JsonReport;
import io.github.gradcheck.report.ReportFiles;
import io.github.gradcheck.report.TextReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON and HTML reports of tangent checks (forward mode node by node). */
class TangentReportsTests {

    static final TangentReport BIAS = GradCheck.checkTangents(
            LayerTangents.network(LayerTangents.Bug.FORGOTTEN_BIAS_TANGENT), LayerTangents.POINT);

    static final TangentReport RIGHT = GradCheck.checkTangents(WorkedExampleTangents.graph(false),
            WorkedExampleTangents.POINT);

    @Test
    void theTextSaysEachDiagnosisOnceTheWrongRuleArgumentRatherThanTheNodeItMakesWrong() {
        String text = TextReport.render(BIAS);
        // the rule's argument 'Dense#2.b' is diagnosed (claimed 0: a missing term); 'Dense#2' itself, wrong through
        // it, is not diagnosed again with "no simple pattern"
        assertThat(text).contains("diagnosis: the tangent rule of layer 'Dense#2' with respect to argument 2 ('Dense#2.b')")
                .doesNotContain("diagnosis: the tangent of 'Dense#2' is wrong");
        assertThat(text.lines().filter(l -> l.startsWith("diagnosis: ")).count()).isEqualTo(1);
    }

    @Test
    void theJsonHasARowPerNodeWithItsVerdictRoleAndDiagnosis() {
        JsonObject j = JsonParser.parseString(JsonReport.render(BIAS)).getAsJsonObject();
        assertThat(j.get("format").getAsString()).isEqualTo("gradcheck-tangent-report");
        assertThat(j.get("verdict").getAsString()).isEqualTo("FAIL");
        assertThat(j.get("seed").getAsLong()).isEqualTo(BIAS.seed());
        JsonArray nodes = j.getAsJsonArray("nodes");
        List<String> rows = new ArrayList<>();
        for (JsonElement e : nodes) {
            JsonObject n = e.getAsJsonObject();
            rows.add(n.get("name").getAsString() + " " + n.get("verdict").getAsString() + " " + n.get("role").getAsString());
        }
        assertThat(rows).containsExactly("Dense#1 PASS right", "Tanh PASS right", "Dense#2 FAIL origin",
                "SoftmaxCrossEntropy FAIL consequence");
        JsonObject dense2 = nodes.get(2).getAsJsonObject();
        assertThat(dense2.getAsJsonArray("producers").toString()).isEqualTo("[\"Tanh\",\"Dense#2.W\",\"Dense#2.b\"]");
        assertThat(dense2.getAsJsonObject("diagnosis").get("sentence").getAsString())
                .startsWith("the tangent of 'Dense#2' is wrong");
        assertThat(nodes.get(0).getAsJsonObject().get("diagnosis").isJsonNull()).isTrue();
        NodeReport claimed = BIAS.node("Dense#2").orElseThrow();
        JsonArray elements = dense2.getAsJsonArray("elements");
        assertThat(elements).hasSize(claimed.elements().size());
        for (int k = 0; k < elements.size(); k++) {
            JsonObject e = elements.get(k).getAsJsonObject();
            assertThat(e.get("analytic").getAsDouble()).isEqualTo(claimed.elements().get(k).analytic());
            assertThat(e.get("numeric").getAsDouble()).isEqualTo(claimed.elements().get(k).numeric());
            assertThat(e.get("tangent").getAsInt()).isEqualTo(claimed.elements().get(k).cotangent());
        }
        JsonObject blame = j.getAsJsonObject("blame");
        assertThat(blame.get("origin").getAsString()).isEqualTo("Dense#2");
        JsonArray edges = blame.getAsJsonArray("edges");
        assertThat(edges).hasSize(3);
        JsonObject bias = edges.get(2).getAsJsonObject();
        assertThat(bias.get("producer").getAsString()).isEqualTo("Dense#2.b");
        assertThat(bias.get("description").getAsString()).isEqualTo("the tangent rule of layer 'Dense#2'");
        assertThat(bias.get("verdict").getAsString()).isEqualTo("FAIL");
        assertThat(j.getAsJsonArray("identities")).hasSize(BIAS.identities().size());
        assertThat(j.getAsJsonArray("diagnoses")).hasSize(Diagnoses.of(BIAS).all().size());
        assertThat(j.getAsJsonObject("evaluations").get("forward").getAsInt()).isEqualTo(BIAS.forwardEvaluations());
    }

    @Test
    void aPassingChecksJsonHasNoBlameAndEveryNodeRight() {
        JsonObject j = JsonParser.parseString(JsonReport.render(RIGHT)).getAsJsonObject();
        assertThat(j.get("verdict").getAsString()).isEqualTo("PASS");
        assertThat(j.getAsJsonObject("blame").get("origin").isJsonNull()).isTrue();
        assertThat(j.getAsJsonArray("nodes")).allSatisfy(n -> assertThat(n.getAsJsonObject().get("role").getAsString())
                .isEqualTo("right"));
        assertThat(j.get("resolution").getAsDouble()).isEqualTo(RIGHT.resolution().getAsDouble());
    }

    @Test
    void theHtmlMarksTheOriginAndShowsEveryNodeWithItsDiagnosis() {
        String html = HtmlReport.render(BIAS);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("data-kind=\"TANGENTS\"")
                .contains("data-verdict=\"FAIL\"").contains("data-blame=\"Dense#2\"");
        assertThat(html.split("<tr class=\"[a-z ]+\" data-node=\"[^\"]+\" data-role=", -1)).hasSize(BIAS.nodes().size() + 1);
        assertThat(html).contains("<tr class=\"fail blame\" data-node=\"Dense#2\" data-role=\"origin\">")
                .contains("<tr class=\"pass\" data-node=\"Tanh\" data-role=\"right\">")
                .contains("data-role=\"consequence\"").contains("wrong as a consequence")
                .contains("data-argument=\"Dense#2.b\"")
                .contains("<td>the tangent of &#39;Dense#2&#39; is wrong")
                .contains("<section id=\"identities\">")
                .contains("<summary>Text report</summary>");
        assertThat(html).contains(escaped(TextReport.render(BIAS).lines().findFirst().orElseThrow()));
        assertThat(HtmlReport.render(RIGHT)).contains("data-verdict=\"PASS\"").doesNotContain("data-blame=")
                .doesNotContain("<section id=\"edges\">");
    }

    private static String escaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    @Test
    void bothFilesAreWrittenSideBySide(@TempDir Path dir) throws Exception {
        List<Path> files = ReportFiles.write(BIAS, Diagnoses.of(BIAS), dir);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "gradcheck-tangents-mlp-tangents-forgotten-bias-tangent-24301.json",
                "gradcheck-tangents-mlp-tangents-forgotten-bias-tangent-24301.html");
        assertThat(Files.readString(files.get(0))).isEqualTo(JsonReport.render(BIAS));
        assertThat(Files.readString(files.get(1))).isEqualTo(HtmlReport.render(BIAS));
    }
}
