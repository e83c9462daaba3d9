package io.github.gradcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.examples.network.Networks;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every op check of a graph has a row of its own in the JSON and the HTML report, passing or not. */
class OpChecksReportTests {

    static final GradientReport TWO_BROKEN = GradCheck.check(Networks.broken(Networks.Bug.TWO_BROKEN_LAYERS),
            Networks.POINT);

    static List<JsonObject> opChecks(GradientReport report) {
        JsonObject json = JsonParser.parseString(JsonReport.render(report)).getAsJsonObject();
        return json.getAsJsonArray("opChecks").asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    @Test
    void theJsonHasEveryOpCheckWithItsVerdictWorstElementDiagnosisAndCost() {
        List<JsonObject> rows = opChecks(TWO_BROKEN);
        List<EdgeReport> checked = TWO_BROKEN.blame().edges();

        assertThat(rows).hasSize(8).hasSameSizeAs(checked);
        for (int i = 0; i < rows.size(); i++) {
            JsonObject row = rows.get(i);
            EdgeReport e = checked.get(i);
            assertThat(row.get("op").getAsString()).isEqualTo(e.consumer());
            assertThat(row.get("producer").getAsString()).isEqualTo(e.edge().producer());
            assertThat(row.get("argument").getAsInt()).isEqualTo(e.edge().argument());
            assertThat(row.get("verdict").getAsString()).isEqualTo(e.verdict().name());
            assertThat(row.get("evaluations").getAsInt()).isEqualTo(e.evaluations()).isPositive();
            assertThat(row.getAsJsonObject("worst").get("relativeError").getAsDouble())
                    .isEqualTo(e.worst().relativeError());
            assertThat(row.getAsJsonArray("elements")).hasSize(e.elements().size());
            // a diagnosis for the broken ones only
            assertThat(row.get("diagnosis").isJsonNull()).isEqualTo(e.verdict() != Verdict.FAIL);
        }
        assertThat(rows).filteredOn(r -> r.get("verdict").getAsString().equals("FAIL"))
                .extracting(r -> r.get("op").getAsString() + " " + r.get("argument").getAsInt())
                .containsExactly("layer 'SoftmaxCrossEntropy' 0", "layer 'Dense#2' 0");
        assertThat(rows.get(1).getAsJsonObject("diagnosis").get("kind").getAsString()).isEqualTo("NO_SIMPLE_PATTERN");
    }

    @Test
    void theOpChecksCostWhatTheReportCountsAsSingleOpEvaluations() {
        assertThat(TWO_BROKEN.blame().edges().stream().mapToInt(EdgeReport::evaluations).sum())
                .isEqualTo(TWO_BROKEN.localEvaluations());
    }

    @Test
    void aPassingGraphListsItsOpChecksToo() {
        GradientReport right = GradCheck.check(Networks.correct(), Networks.POINT);
        assertThat(opChecks(right)).hasSize(8).allMatch(r -> r.get("verdict").getAsString().equals("PASS")
                && r.get("diagnosis").isJsonNull());
        assertThat(HtmlReport.render(right)).contains("<section id=\"op-checks\">");
    }

    @Test
    void theHtmlHasATableRowPerOpCheckWithTheDiagnosisOfTheBrokenOnes() {
        Diagnoses diagnoses = Diagnoses.of(TWO_BROKEN);
        String html = HtmlReport.render(TWO_BROKEN, diagnoses);
        String section = html.substring(html.indexOf("<section id=\"op-checks\">"),
                html.indexOf("</section>", html.indexOf("<section id=\"op-checks\">")));

        assertThat(Pattern.compile("<tr class=\"").matcher(section).results().count()).isEqualTo(8);
        assertThat(Pattern.compile("<tr class=\"fail\"").matcher(section).results().count()).isEqualTo(2);
        assertThat(section).contains("<tr class=\"fail\" data-node=\"Tanh\" data-consumer=\"Dense#2\"><td>layer"
                + " &#39;Dense#2&#39;</td><td>0 (&#39;Tanh&#39;)</td><td>WRONG</td>");
        assertThat(section).contains("the backward of layer &#39;Dense#2&#39; for argument 0 (&#39;Tanh&#39;) is wrong");
    }

    @Test
    void theOptionsSayWhichGraphChecksRan() {
        JsonObject json = JsonParser.parseString(JsonReport.render(TWO_BROKEN)).getAsJsonObject();
        assertThat(json.getAsJsonObject("options").get("graphChecks").getAsString()).isEqualTo("LOCAL_AND_END_TO_END");
    }
}
