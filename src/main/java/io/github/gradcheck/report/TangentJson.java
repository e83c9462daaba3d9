package io.github.gradcheck.report;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON of a {@link TangentReport} ({@value #FORMAT}, documented in {@code docs/report-schema.md}):
 * a row per computed node in forward order with its verdict, its role in the blame, its diagnosis
 * and its compared elements; the blame with the edges into the origin; each op's or layer's
 * adjoint test; the diagnoses, the notes and the cost.
 */
final class TangentJson {

    /** The value of the {@code format} field. */
    static final String FORMAT = "gradcheck-tangent-report";

    private TangentJson() {
    }

    static String render(TangentReport report, Diagnoses diagnoses) {
        JsonWriter w = new JsonWriter().beginObject();
        w.field("format", FORMAT).field("version", JsonReport.VERSION);
        w.field("subject", report.subject());
        w.field("verdict", report.verdict().name()).field("verdictLabel", report.verdict().label());
        w.field("tangentVerdict", report.tangentVerdict().name());
        w.field("seed", report.seed());
        w.name("options").beginObject().field("seed", report.options().seed())
                .field("tangents", report.options().directions()).endObject();
        JsonReport.point(w, report.point());
        w.name("resolution");
        if (report.resolution().isPresent()) {
            w.value(report.resolution().getAsDouble());
        } else {
            w.nullValue();
        }
        w.name("nodes").beginArray();
        for (NodeReport n : report.nodes()) {
            node(w, report, n, diagnoses);
        }
        w.endArray();
        blame(w, report.blame());
        JacobianJson.identities(w, report.identities());
        w.name("diagnoses").beginArray();
        for (Diagnosis d : diagnoses.all()) {
            JsonReport.diagnosis(w, d);
        }
        w.endArray();
        JsonReport.strings(w, "notes", report.notes());
        w.name("evaluations").beginObject().field("forward", report.forwardEvaluations())
                .field("local", report.localEvaluations()).field("rules", report.ruleEvaluations()).endObject();
        return w.endObject().toString() + "\n";
    }

    /**
     * {@return a computed node's part in the blame}: {@code origin} (where the error enters),
     * {@code otherOrigin} (wrong too, with right producers), {@code consequence} (wrong because a
     * producer is), {@code inconclusive}, or {@code right}
     */
    static String role(TangentReport report, NodeReport n) {
        Blame b = report.blame();
        if (b.origin().map(n.name()::equals).orElse(false)) {
            return "origin";
        }
        if (b.otherOrigins().contains(n.name())) {
            return "otherOrigin";
        }
        if (b.consequences().contains(n.name())) {
            return "consequence";
        }
        return n.verdict() == Verdict.INCONCLUSIVE ? "inconclusive" : n.verdict() == Verdict.FAIL ? "wrong" : "right";
    }

    /** {@return the diagnosis of a node's own tangent (not of an edge into it)} */
    static Optional<Diagnosis> diagnosisOf(Diagnoses diagnoses, String node) {
        return diagnoses.all().stream().filter(d -> d.node().equals(node) && d.edge().isEmpty()).findFirst();
    }

    private static void node(JsonWriter w, TangentReport report, NodeReport n, Diagnoses diagnoses) {
        w.beginObject().field("name", n.name()).field("kind", n.kind().name().toLowerCase(Locale.ROOT));
        JsonReport.shape(w, n.shape());
        w.field("precision", n.precision().name());
        JsonReport.strings(w, "producers", report.producers().getOrDefault(n.name(), List.of()));
        JsonReport.strings(w, "consumers", n.consumers());
        w.field("verdict", n.verdict().name()).field("role", role(report, n))
                .field("failedElements", n.failedElements()).field("forwardEvaluations", n.forwardEvaluations());
        w.name("diagnosis");
        Optional<Diagnosis> d = diagnosisOf(diagnoses, n.name());
        if (d.isPresent()) {
            w.beginObject().field("kind", d.get().kind().name()).field("sentence", d.get().sentence())
                    .field("evidence", d.get().evidence()).endObject();
        } else {
            w.nullValue();
        }
        elements(w, n.elements());
        w.endObject();
    }

    private static void elements(JsonWriter w, List<ElementComparison> elements) {
        w.name("elements").beginArray();
        for (ElementComparison e : elements) {
            w.beginObject().field("index", e.index()).field("position", e.position()).field("tangent", e.cotangent())
                    .field("analytic", e.analytic()).field("numeric", e.numeric())
                    .field("absoluteError", e.absoluteError()).field("relativeError", e.relativeError())
                    .field("errorEstimate", e.errorEstimate()).field("tolerance", e.tolerance())
                    .field("verdict", e.verdict().name()).field("finding", e.finding().name()).endObject();
        }
        w.endArray();
    }

    private static void blame(JsonWriter w, Blame b) {
        w.name("blame").beginObject();
        w.name("origin");
        if (b.origin().isPresent()) {
            w.value(b.origin().get());
        } else {
            w.nullValue();
        }
        JsonReport.strings(w, "otherOrigins", b.otherOrigins());
        JsonReport.strings(w, "consequences", b.consequences());
        w.name("edges").beginArray();
        for (EdgeReport e : b.edges()) {
            w.beginObject().field("producer", e.edge().producer()).field("consumer", e.edge().consumer())
                    .field("argument", e.edge().argument()).field("description", e.consumer())
                    .field("verdict", e.verdict().name());
            elements(w, e.elements());
            w.endObject();
        }
        w.endArray().endObject();
    }
}
