package io.github.gradcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.gradcheck.check.FlatSpotSigmoid;
import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Coverage;
import io.github.gradcheck.check.Deviation;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Linearity;
import io.github.gradcheck.check.MeasuredNoise;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON report read back with an independent parser: every field, exactly. */
class JsonReportTests {

    static final GradientReport GRAPH = new GradientChecker(
            CheckOptions.defaults().withGraphChecks(io.github.gradcheck.check.GraphChecks.END_TO_END))
            .check(WorkedExample.graph(true), WorkedExample.POINT);

    static JsonObject parse(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    @Test
    void everyNodeElementEdgeAndDiagnosisReadsBackExactly() {
        Diagnoses diagnoses = Diagnoses.of(GRAPH);
        JsonObject j = parse(JsonReport.render(GRAPH, diagnoses));

        assertThat(j.get("format").getAsString()).isEqualTo("gradcheck-report");
        assertThat(j.get("version").getAsInt()).isEqualTo(JsonReport.VERSION).isEqualTo(1);
        assertThat(j.get("subject").getAsString()).isEqualTo(GRAPH.subject());
        assertThat(j.get("verdict").getAsString()).isEqualTo("FAIL");
        assertThat(j.get("verdictLabel").getAsString()).isEqualTo("WRONG");
        assertThat(j.get("seed").getAsLong()).isEqualTo(GRAPH.seed());
        assertThat(j.getAsJsonObject("options").get("cotangents").getAsString()).isEqualTo("RANDOM");

        JsonArray point = j.getAsJsonArray("point");
        assertThat(point).hasSize(2);
        assertThat(point.get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("x");
        assertThat(point.get(0).getAsJsonObject().getAsJsonArray("values").get(0).getAsDouble()).isEqualTo(3.0);
        assertThat(point.get(1).getAsJsonObject().getAsJsonArray("shape")).isEmpty();

        JsonArray nodes = j.getAsJsonArray("nodes");
        assertThat(nodes).hasSize(GRAPH.nodes().size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonObject n = nodes.get(i).getAsJsonObject();
            NodeReport expected = GRAPH.nodes().get(i);
            assertThat(n.get("name").getAsString()).isEqualTo(expected.name());
            assertThat(n.get("verdict").getAsString()).isEqualTo(expected.verdict().name());
            assertThat(n.get("failedElements").getAsLong()).isEqualTo(expected.failedElements());
            assertThat(strings(n.getAsJsonArray("consumers"))).isEqualTo(expected.consumers());
            assertElements(n.getAsJsonArray("elements"), expected.elements());
        }

        JsonObject blame = j.getAsJsonObject("blame");
        assertThat(blame.get("origin").getAsString()).isEqualTo("den");
        assertThat(strings(blame.getAsJsonArray("consequences"))).isEqualTo(GRAPH.blame().consequences());
        JsonObject edge = blame.getAsJsonArray("edges").get(0).getAsJsonObject();
        EdgeReport expectedEdge = GRAPH.blame().edges().get(0);
        assertThat(edge.get("producer").getAsString()).isEqualTo("den");
        assertThat(edge.get("consumer").getAsString()).isEqualTo("invden");
        assertThat(edge.get("argument").getAsInt()).isZero();
        assertThat(edge.get("verdict").getAsString()).isEqualTo("FAIL");
        assertElements(edge.getAsJsonArray("elements"), expectedEdge.elements());

        JsonArray ds = j.getAsJsonArray("diagnoses");
        assertThat(ds).hasSize(diagnoses.all().size());
        for (int i = 0; i < ds.size(); i++) {
            JsonObject d = ds.get(i).getAsJsonObject();
            Diagnosis expected = diagnoses.all().get(i);
            assertThat(d.get("node").getAsString()).isEqualTo(expected.node());
            assertThat(d.get("kind").getAsString()).isEqualTo(expected.kind().name());
            List<Diagnosis> statedBy = diagnoses.statedBy(expected);
            if (statedBy.isEmpty()) {
                assertThat(d.get("sentence").getAsString()).isEqualTo(expected.sentence());
                assertThat(d.get("evidence").getAsString()).isEqualTo(expected.evidence());
            } else {
                // said once: the node refers to the edge diagnoses that state it, with their evidence
                assertThat(d.get("sentence").getAsString()).isEqualTo(
                        "'den' is wrong through the backward of 'invden' for argument 0, diagnosed there");
                assertThat(d.get("evidence").getAsString()).isEmpty();
            }
            assertThat(d.getAsJsonArray("statedBy").asList()).map(e -> e.getAsJsonObject().get("consumer").getAsString())
                    .containsExactlyElementsOf(statedBy.stream().map(e -> e.edge().orElseThrow().consumer()).toList());
            assertThat(d.get("origin").getAsBoolean()).isEqualTo(expected.origin());
            assertThat(d.get("edge").isJsonNull()).isEqualTo(expected.edge().isEmpty());
        }
        assertThat(ds.get(0).getAsJsonObject().get("kind").getAsString()).isEqualTo("WRONG_SIGN");
        assertThat(ds.get(1).getAsJsonObject().getAsJsonObject("edge").get("consumer").getAsString()).isEqualTo("invden");

        JsonObject ev = j.getAsJsonObject("evaluations");
        assertThat(ev.get("forward").getAsInt()).isEqualTo(GRAPH.forwardEvaluations());
        assertThat(ev.get("local").getAsInt()).isEqualTo(GRAPH.localEvaluations());
        assertThat(ev.get("backward").getAsInt()).isEqualTo(GRAPH.backwardEvaluations());
        assertThat(ev.get("diagnosis").getAsInt()).isZero();
        assertThat(ev.get("replayScope").getAsString()).isEqualTo(GRAPH.replayScope());
    }

    static void assertElements(JsonArray actual, List<ElementComparison> expected) {
        assertThat(actual).hasSize(expected.size());
        for (int k = 0; k < actual.size(); k++) {
            JsonObject e = actual.get(k).getAsJsonObject();
            ElementComparison x = expected.get(k);
            assertThat(e.get("index").getAsInt()).isEqualTo(x.index());
            assertThat(e.get("position").getAsString()).isEqualTo(x.position());
            assertThat(e.get("cotangent").getAsInt()).isEqualTo(x.cotangent());
            assertThat(e.get("analytic").getAsDouble()).isEqualTo(x.analytic());
            assertThat(e.get("numeric").getAsDouble()).isEqualTo(x.numeric());
            assertThat(e.get("absoluteError").getAsDouble()).isEqualTo(x.absoluteError());
            assertThat(e.get("relativeError").getAsDouble()).isEqualTo(x.relativeError());
            assertThat(e.get("errorEstimate").getAsDouble()).isEqualTo(x.errorEstimate());
            assertThat(e.get("tolerance").getAsDouble()).isEqualTo(x.tolerance());
            assertThat(e.get("verdict").getAsString()).isEqualTo(x.verdict().name());
        }
    }

    static List<String> strings(JsonArray a) {
        return a.asList().stream().map(JsonElement::getAsString).toList();
    }

    @Test
    void oddNamesNonFiniteNumbersAndMatricesSurvive() {
        String name = "quote \" back\\slash \n newline \t tab \u0001 ünïcødé ∂";
        Shape shape = Shape.of(2, 2);
        List<ElementComparison> elements = List.of(
                new ElementComparison(0, "[0,0]", 0, Double.NaN, 1.0, 1e-300, 0, Verdict.FAIL, Finding.MEASURED),
                new ElementComparison(1, "[0,1]", 0, Double.POSITIVE_INFINITY, -0.0, 4.9e-324, Double.MAX_VALUE, Verdict.FAIL,
                        Finding.MEASURED),
                new ElementComparison(2, "[1,0]", 0, Double.NEGATIVE_INFINITY, 1e-17, 0, 0, Verdict.FAIL, Finding.MEASURED),
                new ElementComparison(3, "[1,1]", 0, 0.1 + 0.2, 0.30000000000000004, 0, 1e-9, Verdict.PASS,
                        Finding.MEASURED));
        NodeReport node = new NodeReport(name, NodeKind.PARAMETER, shape, Precision.FLOAT, List.of(), elements, 3,
                Optional.empty(), List.of(), Coverage.full(shape.size()));
        GradientReport r = new GradientReport(name, Point.of("w", new double[][] {{1, 2}, {3, 4}}), CheckOptions.defaults(),
                List.of(node), new Blame(Optional.of(name), List.of(), List.of(), List.of()), 3, 0, 1, "all", List.of(),
                CheckMode.FULL, Duration.ZERO);
        JsonObject j = parse(JsonReport.render(r, Diagnoses.none()));
        assertThat(j.get("subject").getAsString()).isEqualTo(name);
        assertThat(j.getAsJsonObject("blame").get("origin").getAsString()).isEqualTo(name);
        assertThat(strings(j.getAsJsonArray("point").get(0).getAsJsonObject().getAsJsonArray("shape")))
                .containsExactly("2", "2");
        JsonArray es = j.getAsJsonArray("nodes").get(0).getAsJsonObject().getAsJsonArray("elements");
        assertThat(es.get(0).getAsJsonObject().get("analytic").getAsString()).isEqualTo("NaN");
        assertThat(es.get(1).getAsJsonObject().get("analytic").getAsString()).isEqualTo("Infinity");
        assertThat(es.get(2).getAsJsonObject().get("analytic").getAsString()).isEqualTo("-Infinity");
        assertThat(es.get(1).getAsJsonObject().get("errorEstimate").getAsDouble()).isEqualTo(4.9e-324);
        assertThat(es.get(1).getAsJsonObject().get("tolerance").getAsDouble()).isEqualTo(Double.MAX_VALUE);
        assertThat(Double.doubleToRawLongBits(es.get(1).getAsJsonObject().get("numeric").getAsDouble()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(es.get(3).getAsJsonObject().get("analytic").getAsDouble()).isEqualTo(0.30000000000000004);
        assertThat(j.getAsJsonArray("nodes").get(0).getAsJsonObject().get("precision").getAsString()).isEqualTo("FLOAT");
        assertThat(j.getAsJsonArray("diagnoses")).isEmpty();
    }

    @Test
    void aPassingReportHasANullOriginAndNoDiagnoses() {
        GradientReport ok = new GradientChecker().check(WorkedExample.traced(false), WorkedExample.POINT);
        JsonObject j = parse(JsonReport.render(ok));
        assertThat(j.get("verdict").getAsString()).isEqualTo("PASS");
        assertThat(j.getAsJsonObject("blame").get("origin").isJsonNull()).isTrue();
        assertThat(j.getAsJsonArray("diagnoses")).isEmpty();
    }

    @Test
    void writeCreatesTheDirectoryAndWritesUtf8(@TempDir Path dir) throws Exception {
        Path file = JsonReport.write(GRAPH, dir.resolve("nested/report.json"));
        assertThat(file).exists();
        assertThat(parse(Files.readString(file)).get("subject").getAsString()).isEqualTo(GRAPH.subject());
    }

    @Test
    void fastModeCoverageAndDirectionsAreWritten() {
        int n = 5000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i);
        }
        io.github.gradcheck.subject.FunctionSubject sumOfSquares = io.github.gradcheck.subject.FunctionSubject.of(
                "sum of squares", in -> in.value("x").dot(in.value("x")), (in, out, g) -> {
                    double[] v = in.vector("x");
                    for (int i = 0; i < v.length; i++) {
                        v[i] *= 2 * g.asScalar();
                    }
                    return v;
                });
        GradientReport report = new GradientChecker(CheckOptions.defaults()
                .withMode(io.github.gradcheck.check.CheckMode.FAST)).check(sumOfSquares, Point.of("x", x));
        JsonObject j = parse(JsonReport.render(report));

        assertThat(j.get("mode").getAsString()).isEqualTo("FAST");
        assertThat(j.get("complete").getAsBoolean()).isFalse();
        assertThat(j.getAsJsonObject("options").get("mode").getAsString()).isEqualTo("FAST");
        JsonObject xNode = j.getAsJsonArray("nodes").get(1).getAsJsonObject();
        assertThat(xNode.get("name").getAsString()).isEqualTo("x");
        JsonObject coverage = xNode.getAsJsonObject("coverage");
        assertThat(coverage.get("elements").getAsInt()).isEqualTo(n);
        assertThat(coverage.get("elementsChecked").getAsInt()).isEqualTo(report.node("x").orElseThrow().coverage()
                .elementsChecked()).isLessThan(n);
        assertThat(xNode.getAsJsonArray("directions")).hasSize(report.node("x").orElseThrow().directions().size())
                .isNotEmpty();
    }

    // ---- what the text report says beyond the table: noise, linearity, declared intent ---------------

    @Test
    void theMeasuredNoiseIsWrittenPerElementWhereItWasMeasured() {
        GradientReport report = MeasuredReports.NOISY;
        JsonObject x = node(parse(JsonReport.render(report)), "x");
        ElementComparison expected = report.node("x").orElseThrow().worst();
        MeasuredNoise m = expected.noise().orElseThrow();
        JsonObject noise = x.getAsJsonArray("elements").get(0).getAsJsonObject().getAsJsonObject("noise");
        assertThat(noise.get("sigma").getAsDouble()).isEqualTo(m.sigma()).isPositive();
        assertThat(noise.get("magnitude").getAsDouble()).isEqualTo(m.magnitude());
        assertThat(noise.get("relative").getAsDouble()).isEqualTo(m.relative()).isBetween(1e-9, 1e-6);
        assertThat(noise.get("evaluations").getAsInt()).isEqualTo(m.evaluations()).isPositive();
        assertThat(noise.get("aboveRounding").getAsBoolean()).isTrue();

        // where nothing was measured, null: the worked example passes every element at once but den's
        JsonObject worked = parse(JsonReport.render(GRAPH));
        for (NodeReport n : GRAPH.nodes()) {
            JsonArray elements = node(worked, n.name()).getAsJsonArray("elements");
            for (int k = 0; k < elements.size(); k++) {
                assertThat(elements.get(k).getAsJsonObject().get("noise").isJsonNull())
                        .isEqualTo(n.elements().get(k).noise().isEmpty());
            }
        }
    }

    @Test
    void theLinearityCheckIsWrittenPerNode() {
        JsonObject x = node(parse(JsonReport.render(MeasuredReports.IGNORING)), "x");
        Linearity expected = MeasuredReports.IGNORING.node("x").orElseThrow().linearity().orElseThrow();
        JsonObject l = x.getAsJsonObject("linearity");
        assertThat(l.get("kind").getAsString()).isEqualTo("IGNORES_UPSTREAM");
        assertThat(l.get("linear").getAsBoolean()).isFalse();
        assertThat(l.get("test").getAsString()).isEqualTo(expected.test());
        assertThat(l.get("expected").getAsDouble()).isEqualTo(expected.expected());
        assertThat(l.get("found").getAsDouble()).isEqualTo(expected.found()).isEqualTo(Math.cos(0.7));
        assertThat(l.get("sentence").getAsString()).isEqualTo(expected.describe("x")).contains("ignores the upstream gradient");

        JsonObject right = node(parse(JsonReport.render(GRAPH)), "x").getAsJsonObject("linearity");
        assertThat(right.get("kind").getAsString()).isEqualTo("LINEAR");
        assertThat(right.get("linear").getAsBoolean()).isTrue();
        assertThat(right.has("expected")).isFalse();
    }

    @Test
    void theDeclaredIntentIsWrittenWithEachElementsClaimAgainstIt() {
        GradientReport report = MeasuredReports.declaring(MeasuredReports.FLAT_SPOT, true);
        JsonObject j = parse(JsonReport.render(report));
        NodeReport z = report.node("z").orElseThrow();
        JsonObject d = node(j, "z").getAsJsonObject("deviation");
        assertThat(d.get("kind").getAsString()).isEqualTo("INTENDED");
        assertThat(d.get("why").getAsString()).isEqualTo("flat spot: sigmoid' + 0.1 on purpose");
        assertThat(d.get("deviatesAsDeclared").getAsBoolean()).isFalse();
        assertThat(d.get("notAsDeclared").getAsBoolean()).isTrue();
        JsonArray elements = d.getAsJsonArray("elements");
        assertThat(elements).hasSize(3);
        for (int k = 0; k < 3; k++) {
            JsonObject e = elements.get(k).getAsJsonObject();
            ElementComparison intent = z.intended().get(k);
            assertThat(e.get("index").getAsInt()).isEqualTo(k);
            assertThat(e.get("analytic").getAsDouble()).isEqualTo(intent.analytic()).isEqualTo(z.elements().get(k).analytic());
            assertThat(e.get("intended").getAsDouble()).isEqualTo(intent.numeric());
            assertThat(e.get("measured").getAsDouble()).isEqualTo(z.elements().get(k).numeric());
            assertThat(e.get("tolerance").getAsDouble()).isEqualTo(intent.tolerance());
            assertThat(e.get("verdict").getAsString()).isEqualTo(k == 2 ? "FAIL" : "PASS");
        }
        // the intent is σ' + 0.1 per unit of what flows in: 3 × (σ'(z) + 0.1) at z[0]
        double perUnit = elements.get(0).getAsJsonObject().get("intended").getAsDouble()
                / elements.get(0).getAsJsonObject().get("measured").getAsDouble();
        double z0 = 0.4;
        assertThat(perUnit).isCloseTo((FlatSpotSigmoid.sigmoidDerivative(z0) + 0.1) / FlatSpotSigmoid.sigmoidDerivative(z0),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(node(j, "s").get("deviation").isJsonNull()).isTrue();

        JsonObject asDeclared = node(parse(JsonReport.render(MeasuredReports.declaring(MeasuredReports.FLAT_SPOT, false))),
                "z").getAsJsonObject("deviation");
        assertThat(asDeclared.get("deviatesAsDeclared").getAsBoolean()).isTrue();
        assertThat(asDeclared.get("notAsDeclared").getAsBoolean()).isFalse();
    }

    @Test
    void aBoundAndAnUnstatedDeviationSayWhatWasDeclared() {
        JsonObject bounded = node(parse(JsonReport.render(MeasuredReports.declaring(
                Deviation.atMost("flat spot within 0.31", 0.31), false))), "z").getAsJsonObject("deviation");
        assertThat(bounded.get("kind").getAsString()).isEqualTo("BOUNDED");
        assertThat(bounded.get("bound").getAsDouble()).isEqualTo(0.31);
        assertThat(bounded.getAsJsonArray("elements")).hasSize(3).allSatisfy(e -> {
            assertThat(e.getAsJsonObject().get("intended").isJsonNull()).isTrue();
            assertThat(e.getAsJsonObject().get("verdict").getAsString()).isEqualTo("PASS");
        });

        JsonObject unstated = node(parse(JsonReport.render(MeasuredReports.declaring(
                Deviation.unstated("flat spot"), false))), "z").getAsJsonObject("deviation");
        assertThat(unstated.get("kind").getAsString()).isEqualTo("UNSTATED");
        assertThat(unstated.has("bound")).isFalse();
        assertThat(unstated.getAsJsonArray("elements")).isEmpty();
        assertThat(unstated.get("deviatesAsDeclared").getAsBoolean()).isTrue();

        assertThat(node(parse(JsonReport.render(GRAPH)), "den").get("deviation").isJsonNull()).isTrue();
    }

    static JsonObject node(JsonObject report, String name) {
        for (JsonElement n : report.getAsJsonArray("nodes")) {
            if (n.getAsJsonObject().get("name").getAsString().equals(name)) {
                return n.getAsJsonObject();
            }
        }
        throw new AssertionError("no node " + name + " in " + report);
    }
}
