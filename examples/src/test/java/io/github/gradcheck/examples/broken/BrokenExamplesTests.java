package io.github.gradcheck.examples.broken;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import io.github.gradcheck.report.HtmlReport;
import io.github.gradcheck.report.JsonReport;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.Subject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each broken example gets the right diagnosis, in the text, the JSON and the HTML report. */
class BrokenExamplesTests {

    record Checked(GradientReport report, Diagnoses diagnoses) {
    }

    static Checked check(BrokenExamples e, boolean broken) {
        Subject s = e.subject(broken);
        GradientReport report = new GradientChecker().check(s, e.point());
        return new Checked(report, Diagnoses.of(report, s));
    }

    @ParameterizedTest
    @EnumSource(BrokenExamples.class)
    void theBlamedNodeGetsTheRightDiagnosis(BrokenExamples e) {
        Checked c = check(e, true);
        assertThat(c.report().blame().origin()).contains(e.blamed());
        Diagnosis d = c.diagnoses().forNode(e.blamed()).orElseThrow();
        assertThat(d.kind()).isEqualTo(e.kind());
        assertThat(d.origin()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(BrokenExamples.class)
    void theTextReportStatesIt(BrokenExamples e) {
        Checked c = check(e, true);
        Diagnosis d = c.diagnoses().forNode(e.blamed()).orElseThrow();
        String text = TextReport.render(c.report(), c.diagnoses());
        for (Diagnosis said : saidFor(c, d)) {
            assertThat(text).contains("diagnosis: " + said.sentence() + "\n           evidence: " + said.evidence());
        }
        if (!c.diagnoses().statedBy(d).isEmpty()) {
            // each finding once: the edge into the blamed node states it, the node is not diagnosed again
            assertThat(text).doesNotContain("diagnosis: " + d.sentence());
        }
    }

    /**
     * What the report says of the blamed node's error: the diagnoses of the wrong edges into it where
     * a graph's op checks found them (each with the same kind of error), else the node's own.
     */
    private static List<Diagnosis> saidFor(Checked c, Diagnosis node) {
        List<Diagnosis> edges = c.diagnoses().statedBy(node);
        assertThat(edges).allMatch(x -> x.kind() == node.kind(), "of the kind of the node's own diagnosis");
        return edges.isEmpty() ? List.of(node) : edges;
    }

    @ParameterizedTest
    @EnumSource(BrokenExamples.class)
    void theJsonReportStatesIt(BrokenExamples e) {
        Checked c = check(e, true);
        JsonObject json = JsonParser.parseString(JsonReport.render(c.report(), c.diagnoses())).getAsJsonObject();
        List<JsonObject> forBlamed = json.getAsJsonArray("diagnoses").asList().stream()
                .map(JsonElement::getAsJsonObject)
                .filter(d -> d.get("node").getAsString().equals(e.blamed()) && d.get("edge").isJsonNull())
                .toList();
        assertThat(forBlamed).hasSize(1);
        assertThat(forBlamed.get(0).get("kind").getAsString()).isEqualTo(e.kind().name());
        Diagnosis d = c.diagnoses().forNode(e.blamed()).orElseThrow();
        List<String> sentences = json.getAsJsonArray("diagnoses").asList().stream()
                .map(x -> x.getAsJsonObject().get("sentence").getAsString()).toList();
        assertThat(sentences).containsAll(saidFor(c, d).stream().map(Diagnosis::sentence).toList());
        if (!c.diagnoses().statedBy(d).isEmpty()) {
            assertThat(forBlamed.get(0).get("sentence").getAsString()).startsWith("'" + e.blamed() + "' is wrong through ")
                    .doesNotContain(d.sentence());
            assertThat(forBlamed.get(0).getAsJsonArray("statedBy")).hasSize(c.diagnoses().statedBy(d).size());
        }
        assertThat(json.getAsJsonObject("blame").get("origin").getAsString()).isEqualTo(e.blamed());
    }

    @ParameterizedTest
    @EnumSource(BrokenExamples.class)
    void theHtmlReportStatesItAndMarksTheNode(BrokenExamples e) {
        Checked c = check(e, true);
        String html = HtmlReport.render(c.report(), c.diagnoses());
        String sentence = c.diagnoses().forNode(e.blamed()).orElseThrow().sentence();
        assertThat(html).contains(sentence.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&#39;"));
        assertThat(html).containsPattern("<g class=\"node fail blame\" id=\"node-\\d+\" data-node=\"" + e.blamed() + "\"");
        assertThat(html).contains("data-kind=\"" + e.kind().name() + "\"");
    }

    @ParameterizedTest
    @EnumSource(BrokenExamples.class)
    void theCorrectVersionPassesWithNothingToDiagnose(BrokenExamples e) {
        Checked c = check(e, false);
        assertThat(c.report().passed()).as(TextReport.render(c.report())).isTrue();
        assertThat(c.diagnoses().isEmpty()).isTrue();
    }
}
