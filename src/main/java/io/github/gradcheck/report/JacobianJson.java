package io.github.gradcheck.report;

import io.github.gradcheck.check.Axis;
import io.github.gradcheck.check.DirectionComparison;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianBlock;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;

/**
 * The JSON of a {@link JacobianReport} ({@value #FORMAT}, documented in
 * {@code docs/report-schema.md}): the entries with their rows and columns, the blocks of columns per
 * input with their random tangents, the identities, a Hessian's gradient check (a nested
 * {@code gradcheck-report} object), the diagnoses and the cost.
 */
final class JacobianJson {

    /** The value of the {@code format} field. */
    static final String FORMAT = "gradcheck-jacobian-report";

    private JacobianJson() {
    }

    static String render(JacobianReport report, Diagnoses diagnoses) {
        return render(report, diagnoses, null);
    }

    /** With the run's seed as the seed and a {@code reproduce} object when {@code run} is not null. */
    static String render(JacobianReport report, Diagnoses diagnoses, RunSeed run) {
        JsonWriter w = new JsonWriter().beginObject();
        w.field("format", FORMAT).field("version", JsonReport.VERSION);
        w.field("subject", report.subject()).field("kind", report.kind().name())
                .field("symbol", report.symbol());
        w.field("verdict", report.verdict().name()).field("verdictLabel", report.verdict().label());
        w.field("matrixVerdict", report.matrixVerdict().name());
        w.field("seed", run == null ? report.seed() : run.seed());
        if (run != null) {
            RunSeed.json(w, report.seed(), run);
        }
        w.name("options").beginObject().field("seed", report.options().seed())
                .field("mode", report.options().mode().name()).endObject();
        w.field("mode", report.mode().name()).field("complete", report.complete())
                .field("measurement", report.measurement().name());
        JsonReport.point(w, report.point());
        axis(w, "rows", report.rows());
        axis(w, "columns", report.columns());
        w.name("blocks").beginArray();
        for (JacobianBlock b : report.blocks()) {
            block(w, b);
        }
        w.endArray();
        w.name("entries").beginArray();
        for (JacobianEntry e : report.entries()) {
            w.beginObject().field("row", e.row()).field("column", e.column()).field("rowLabel", e.rowLabel())
                    .field("columnLabel", e.columnLabel()).field("analytic", e.analytic()).field("numeric", e.numeric())
                    .field("absoluteError", e.comparison().absoluteError())
                    .field("relativeError", e.comparison().relativeError())
                    .field("errorEstimate", e.comparison().errorEstimate())
                    .field("tolerance", e.comparison().tolerance()).field("verdict", e.verdict().name())
                    .field("finding", e.comparison().finding().name()).endObject();
        }
        w.endArray();
        identities(w, report.identities());
        w.name("gradient");
        if (report.gradient().isPresent()) {
            JsonReport.object(w, report.gradient().get(), Diagnoses.of(report.gradient().get()));
        } else {
            w.nullValue();
        }
        w.name("diagnoses").beginArray();
        for (Diagnosis d : diagnoses.all()) {
            JsonReport.diagnosis(w, d);
        }
        w.endArray();
        JsonReport.strings(w, "notes", report.notes());
        w.name("evaluations").beginObject().field("forward", report.forwardEvaluations())
                .field("claims", report.claimEvaluations()).field("perColumn", report.evaluationsPerColumn())
                .endObject();
        return w.endObject().toString() + "\n";
    }

    /** The {@code identities} array: each identity's formula name, where, both sides, terms, tolerance and verdict. */
    static void identities(JsonWriter w, java.util.List<IdentityCheck> identities) {
        w.name("identities").beginArray();
        for (IdentityCheck i : identities) {
            w.beginObject().field("identity", i.identity().name()).field("where", i.where()).field("left", i.left())
                    .field("right", i.right()).field("terms", i.terms()).field("tolerance", i.tolerance())
                    .field("verdict", i.verdict().name()).endObject();
        }
        w.endArray();
    }

    private static void axis(JsonWriter w, String name, Axis axis) {
        w.name(name).beginObject();
        JsonReport.strings(w, "names", axis.names());
        w.name("shapes").beginArray();
        for (int p = 0; p < axis.shapes().size(); p++) {
            w.beginArray();
            for (int d : axis.shapes().get(p).dims()) {
                w.value(d);
            }
            w.endArray();
        }
        w.endArray().field("size", axis.size()).endObject();
    }

    private static void block(JsonWriter w, JacobianBlock b) {
        w.beginObject().field("input", b.input());
        JsonReport.shape(w, b.shape());
        w.field("precision", b.precision().name()).field("firstColumn", b.firstColumn())
                .field("verdict", b.verdict().name()).field("failedEntries", b.failedEntries())
                .field("forwardEvaluations", b.forwardEvaluations());
        w.name("coverage").beginObject().field("mode", b.coverage().mode().name())
                .field("columns", b.coverage().elements()).field("columnsChecked", b.coverage().elementsChecked())
                .field("tangents", b.coverage().directions()).field("narrowing", b.coverage().narrowing())
                .endObject();
        w.name("tangents").beginArray();
        for (DirectionComparison d : b.tangents()) {
            w.beginObject().field("tangent", d.direction()).field("from", d.from()).field("to", d.to())
                    .field("row", d.cotangent()).field("analytic", d.analytic()).field("numeric", d.numeric())
                    .field("errorEstimate", d.errorEstimate()).field("tolerance", d.tolerance())
                    .field("verdict", d.verdict().name()).endObject();
        }
        w.endArray().endObject();
    }
}
