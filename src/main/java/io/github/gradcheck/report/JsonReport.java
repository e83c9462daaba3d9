package io.github.gradcheck.report;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.Deviation;
import io.github.gradcheck.check.DirectionComparison;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Linearity;
import io.github.gradcheck.check.MeasuredNoise;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.Value;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Renders a {@link GradientReport} as JSON for tools and CI scripts: the subject, the seed,
 * the point, every compared element of every node with its analytic and numeric values,
 * errors, verdict and measured noise, each node's linearity check and declared deviation, the
 * blame with the edges it checked, the diagnoses, and the evaluations spent. The schema is versioned ({@value #FORMAT} version {@value #VERSION}) and documented
 * in {@code docs/report-schema.md}; fields are only ever added within a version.
 *
 * <pre>{@code
 * GradientReport report = GradCheck.check(subject, point);
 * JsonReport.write(report, Diagnoses.of(report, subject), Path.of("target/gradcheck/report.json"));
 * }</pre>
 *
 * <p>Written without any JSON library, so it adds nothing to the user's classpath. NaN and
 * the infinities, which JSON numbers cannot express, are written as the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class JsonReport {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "gradcheck-report";

    /** The schema version in the {@code version} field. */
    public static final int VERSION = 1;

    private JsonReport() {
    }

    /**
     * The report as JSON, with the diagnoses that follow from the report alone
     * ({@link Diagnoses#of(GradientReport)}).
     *
     * @param report the report of a check
     * @return one JSON object, indented by two spaces, followed by a line break
     */
    public static String render(GradientReport report) {
        return render(report, Diagnoses.of(Objects.requireNonNull(report, "the report to render must not be null; pass what GradCheck.check returned")));
    }

    /**
     * The report as JSON with the given diagnoses, e.g. those of
     * {@code Diagnoses.of(report, subject)}.
     *
     * @param report the report of a check
     * @param diagnoses the diagnoses for the {@code diagnoses} array ({@link Diagnoses#none()} for none)
     * @return one JSON object, indented by two spaces, followed by a line break
     */
    public static String render(GradientReport report, Diagnoses diagnoses) {
        Objects.requireNonNull(report, "the report to render must not be null; pass what GradCheck.check returned");
        Objects.requireNonNull(diagnoses, "the diagnoses must not be null; use Diagnoses.of(report) for those of the report alone");
        JsonWriter w = new JsonWriter();
        object(w, report, diagnoses);
        return w.toString() + "\n";
    }

    /**
     * The report as JSON for a check that is one of a run drawn from {@code run}'s seed (a
     * {@code @GradientCheck} try): {@code seed} is the run's seed, the one to re-run with, and a
     * {@code reproduce} object says how ({@code seed}, {@code property}, {@code origin}) and gives
     * the check's own seed as derived ({@code checkSeed}, {@code checkSeedDerived}); the rest as
     * {@link #render(GradientReport, Diagnoses)}.
     *
     * @param report the report of a check
     * @param diagnoses the diagnoses for the {@code diagnoses} array ({@link Diagnoses#none()} for none)
     * @param run the seed that re-runs the check
     * @return one JSON object, indented by two spaces, followed by a line break
     * @since 0.1.0
     */
    public static String render(GradientReport report, Diagnoses diagnoses, RunSeed run) {
        Objects.requireNonNull(report, "the report to render must not be null; pass what GradCheck.check returned");
        Objects.requireNonNull(diagnoses, "the diagnoses must not be null; use Diagnoses.of(report) for those of the report alone");
        Objects.requireNonNull(run, "run: the seed that re-runs the check");
        JsonWriter w = new JsonWriter();
        object(w, report, diagnoses, run);
        return w.toString() + "\n";
    }

    /** Writes the report as one JSON object, at the writer's position (a whole document, or a field's value). */
    static void object(JsonWriter w, GradientReport report, Diagnoses diagnoses) {
        object(w, report, diagnoses, null);
    }

    /** As {@link #object(JsonWriter, GradientReport, Diagnoses)}, with the run's seed when {@code run} is not null. */
    static void object(JsonWriter w, GradientReport report, Diagnoses diagnoses, RunSeed run) {
        w.beginObject();
        w.field("format", FORMAT).field("version", VERSION);
        w.field("subject", report.subject());
        w.field("verdict", report.verdict().name()).field("verdictLabel", report.verdict().label());
        w.field("seed", run == null ? report.seed() : run.seed());
        if (run != null) {
            RunSeed.json(w, report.seed(), run);
        }
        w.name("options").beginObject().field("seed", report.options().seed())
                .field("cotangents", report.options().cotangents().name())
                .field("mode", report.options().mode().name())
                .field("graphChecks", report.options().graphChecks().name()).endObject();
        w.field("mode", report.mode().name()).field("complete", report.complete());
        point(w, report.point());
        Optional<OutputParts> outputs = OutputParts.of(report);
        if (outputs.isPresent()) {
            w.name("outputs").beginArray();
            for (int k = 0, offset = 0; k < outputs.get().names().size(); k++) {
                Shape shape = outputs.get().shapes().get(k);
                w.beginObject().field("name", outputs.get().names().get(k)).name("shape").beginArray();
                for (int d : shape.dims()) {
                    w.value((long) d);
                }
                w.endArray().field("offset", offset).endObject();
                offset += shape.size();
            }
            w.endArray();
        }
        w.name("nodes").beginArray();
        for (NodeReport n : report.nodes()) {
            node(w, report, n);
        }
        w.endArray();
        blame(w, report.blame(), report.composedWrongly());
        opChecks(w, report, diagnoses);
        w.name("diagnoses").beginArray();
        for (Diagnosis d : diagnoses.all()) {
            statedOnce(w, d, diagnoses.statedBy(d));
        }
        w.endArray();
        w.name("evaluations").beginObject()
                .field("forward", report.forwardEvaluations())
                .field("local", report.localEvaluations())
                .field("backward", report.backwardEvaluations())
                .field("diagnosis", diagnoses.evaluations())
                .field("replayScope", report.replayScope())
                .endObject();
        w.endObject();
    }

    /**
     * The report of a Jacobian or Hessian check as JSON ({@code format} {@code
     * "gradcheck-jacobian-report"}, same {@code version}), with the diagnoses that follow from it:
     * every entry with its row and column, the blocks of columns per input, the identities, a
     * Hessian's gradient check as a nested report, and the cost.
     *
     * @param report the report of a forward or second-order check
     * @return one JSON object, indented by two spaces, followed by a line break
     * @since 0.1.0
     */
    public static String render(JacobianReport report) {
        return render(report, Diagnoses.of(Objects.requireNonNull(report, "report")));
    }

    /**
     * The report of a Jacobian or Hessian check as JSON with the given diagnoses.
     *
     * @param report the report of a forward or second-order check
     * @param diagnoses the diagnoses for the {@code diagnoses} array
     * @return one JSON object, indented by two spaces, followed by a line break
     * @since 0.1.0
     */
    public static String render(JacobianReport report, Diagnoses diagnoses) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(diagnoses, "diagnoses");
        return JacobianJson.render(report, diagnoses);
    }

    /**
     * The report of a Jacobian or Hessian check as JSON for a check drawn from {@code run}'s seed,
     * with {@code seed} and {@code reproduce} as in {@link #render(GradientReport, Diagnoses, RunSeed)}.
     *
     * @param report the report of a forward or second-order check
     * @param diagnoses the diagnoses for the {@code diagnoses} array
     * @param run the seed that re-runs the check
     * @return one JSON object, indented by two spaces, followed by a line break
     * @since 0.1.0
     */
    public static String render(JacobianReport report, Diagnoses diagnoses, RunSeed run) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(diagnoses, "diagnoses");
        Objects.requireNonNull(run, "run: the seed that re-runs the check");
        return JacobianJson.render(report, diagnoses, run);
    }

    /**
     * Writes the JSON of a Jacobian or Hessian check (see {@link #render(JacobianReport)}) to
     * {@code file} (UTF-8), creating its directory if needed.
     *
     * @param report the report of a forward or second-order check
     * @param file where to write; an existing file is replaced
     * @return {@code file}
     * @throws UncheckedIOException naming the file when it cannot be written
     * @since 0.1.0
     */
    public static Path write(JacobianReport report, Path file) {
        return ReportFiles.writeText(file, render(report), "JSON report");
    }

    /**
     * The report of a tangent check (forward mode node by node) as JSON ({@code format} {@code
     * "gradcheck-tangent-report"}, same {@code version}), with the diagnoses that follow from it: a
     * row per computed node in forward order with its verdict, its role in the blame, its diagnosis
     * and its elements; the blame with the edges into the origin; the adjoint tests; and the cost.
     *
     * @param report the report of {@code GradCheck.checkTangents}
     * @return one JSON object, indented by two spaces, followed by a line break
     * @since 0.1.0
     */
    public static String render(TangentReport report) {
        return render(report, Diagnoses.of(Objects.requireNonNull(report, "report")));
    }

    /**
     * The report of a tangent check as JSON with the given diagnoses.
     *
     * @param report the report of {@code GradCheck.checkTangents}
     * @param diagnoses the diagnoses for the {@code diagnoses} array and the nodes' {@code diagnosis}
     * @return one JSON object, indented by two spaces, followed by a line break
     * @since 0.1.0
     */
    public static String render(TangentReport report, Diagnoses diagnoses) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(diagnoses, "diagnoses");
        return TangentJson.render(report, diagnoses);
    }

    /**
     * Writes the JSON of a tangent check (see {@link #render(TangentReport)}) to {@code file}
     * (UTF-8), creating its directory if needed.
     *
     * @param report the report of {@code GradCheck.checkTangents}
     * @param file where to write; an existing file is replaced
     * @return {@code file}
     * @throws UncheckedIOException naming the file when it cannot be written
     * @since 0.1.0
     */
    public static Path write(TangentReport report, Path file) {
        return ReportFiles.writeText(file, render(report), "JSON report");
    }

    /**
     * Writes the JSON of the report alone (see {@link #render(GradientReport)}) to {@code file}
     * (UTF-8), creating its directory if needed.
     *
     * @param report the report of a check
     * @param file where to write; an existing file is replaced
     * @return {@code file}
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static Path write(GradientReport report, Path file) {
        return write(report, Diagnoses.of(Objects.requireNonNull(report, "the report to render must not be null; pass what GradCheck.check returned")), file);
    }

    /**
     * Writes the JSON with the given diagnoses (see {@link #render(GradientReport, Diagnoses)})
     * to {@code file} (UTF-8), creating its directory if needed.
     *
     * @param report the report of a check
     * @param diagnoses the diagnoses to include
     * @param file where to write; an existing file is replaced
     * @return {@code file}
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static Path write(GradientReport report, Diagnoses diagnoses, Path file) {
        return ReportFiles.writeText(file, render(report, diagnoses), "JSON report");
    }

    static void point(JsonWriter w, Point point) {
        w.name("point").beginArray();
        for (String name : point.names()) {
            Value v = point.get(name);
            w.beginObject().field("name", name).field("constant", point.isConstant(name));
            shape(w, v.shape());
            w.field("precision", v.precision().name());
            w.name("values").beginArray();
            for (double d : v.toArray()) {
                w.value(d);
            }
            w.endArray().endObject();
        }
        w.endArray();
    }

    static void shape(JsonWriter w, Shape shape) {
        w.name("shape").beginArray();
        for (int d : shape.dims()) {
            w.value(d);
        }
        w.endArray();
    }

    private static void node(JsonWriter w, GradientReport report, NodeReport n) {
        w.beginObject().field("name", n.name()).field("kind", n.kind().name().toLowerCase(Locale.ROOT));
        shape(w, n.shape());
        w.field("precision", n.precision().name());
        strings(w, "consumers", n.consumers());
        w.field("verdict", n.verdict().name()).field("failedElements", n.failedElements())
                .field("confirmedFailures", n.confirmedFailures())
                .field("forwardEvaluations", n.forwardEvaluations());
        w.name("coverage").beginObject().field("mode", n.coverage().mode().name())
                .field("elements", n.coverage().elements()).field("elementsChecked", n.coverage().elementsChecked())
                .field("directions", n.coverage().directions()).field("narrowing", n.coverage().narrowing())
                .endObject();
        elements(w, n.elements());
        directions(w, n.directions());
        linearity(w, n);
        deviation(w, report, n);
        w.endObject();
    }

    private static void elements(JsonWriter w, List<ElementComparison> elements) {
        w.name("elements").beginArray();
        for (ElementComparison e : elements) {
            w.beginObject().field("index", e.index()).field("position", e.position()).field("cotangent", e.cotangent())
                    .field("analytic", e.analytic()).field("numeric", e.numeric())
                    .field("absoluteError", e.absoluteError()).field("relativeError", e.relativeError())
                    .field("errorEstimate", e.errorEstimate()).field("tolerance", e.tolerance())
                    .field("verdict", e.verdict().name()).field("finding", e.finding().name());
            noise(w, e);
            w.endObject();
        }
        w.endArray();
    }

    /** {@code "noise"}: the output's noise measured along the element, or null where none was measured. */
    private static void noise(JsonWriter w, ElementComparison e) {
        w.name("noise");
        if (e.noise().isEmpty()) {
            w.nullValue();
            return;
        }
        MeasuredNoise m = e.noise().get();
        w.beginObject().field("sigma", m.sigma()).field("magnitude", m.magnitude()).field("relative", m.relative())
                .field("evaluations", m.evaluations()).field("aboveRounding", m.aboveRounding()).endObject();
    }

    /** {@code "linearity"}: whether the node's claim is linear in the output's cotangent, or null where not checked. */
    private static void linearity(JsonWriter w, NodeReport n) {
        w.name("linearity");
        if (n.linearity().isEmpty()) {
            w.nullValue();
            return;
        }
        Linearity l = n.linearity().get();
        w.beginObject().field("kind", l.kind().name()).field("linear", l.linear()).field("test", l.test())
                .field("position", l.position());
        if (!l.linear()) {
            w.field("expected", l.expected()).field("found", l.found());
        }
        w.field("through", l.through()).field("sentence", l.describe(n.name())).endObject();
    }

    /**
     * {@code "deviation"}: what was declared about the node's gradient and how its claims compare
     * with the declared intent, or null where nothing was declared and nothing follows from a
     * declaration.
     */
    private static void deviation(JsonWriter w, GradientReport report, NodeReport n) {
        w.name("deviation");
        Optional<Deviation> declared = report.options().deviationAt(n.name());
        if (declared.isEmpty() && n.deviation().isEmpty()) {
            w.nullValue();
            return;
        }
        String kind = declared.map(JsonReport::deviationKind).orElse("FOLLOWS");
        w.beginObject().field("kind", kind).field("why", declared.map(Deviation::why).orElseGet(() -> n.deviation().get()));
        if (declared.isPresent() && declared.get() instanceof Deviation.Bounded b) {
            w.field("bound", b.bound());
        }
        w.field("deviatesAsDeclared", n.deviates()).field("notAsDeclared", n.deviatesNotAsDeclared());
        w.name("elements").beginArray();
        for (ElementComparison intent : n.intended()) {
            ElementComparison measured = n.elements().stream()
                    .filter(e -> e.index() == intent.index() && e.cotangent() == intent.cotangent())
                    .findFirst().orElse(intent);
            w.beginObject().field("index", intent.index()).field("position", intent.position())
                    .field("cotangent", intent.cotangent()).field("analytic", intent.analytic());
            w.name("intended");
            if (declared.isPresent() && declared.get() instanceof Deviation.Intended) {
                w.value(intent.numeric());
            } else {
                w.nullValue();
            }
            w.field("measured", measured.numeric()).field("errorEstimate", intent.errorEstimate())
                    .field("tolerance", intent.tolerance()).field("verdict", intent.verdict().name()).endObject();
        }
        w.endArray().endObject();
    }

    private static String deviationKind(Deviation d) {
        if (d instanceof Deviation.Intended) {
            return "INTENDED";
        }
        return d instanceof Deviation.Bounded ? "BOUNDED" : "UNSTATED";
    }

    private static void directions(JsonWriter w, List<DirectionComparison> directions) {
        w.name("directions").beginArray();
        for (DirectionComparison d : directions) {
            w.beginObject().field("direction", d.direction()).field("from", d.from()).field("to", d.to())
                    .field("cotangent", d.cotangent()).field("analytic", d.analytic()).field("numeric", d.numeric())
                    .field("errorEstimate", d.errorEstimate()).field("tolerance", d.tolerance())
                    .field("verdict", d.verdict().name()).field("finding", d.finding().name()).endObject();
        }
        w.endArray();
    }

    private static void blame(JsonWriter w, Blame b, List<String> composedWrongly) {
        w.name("blame").beginObject();
        w.name("origin");
        if (b.origin().isPresent()) {
            w.value(b.origin().get());
        } else {
            w.nullValue();
        }
        strings(w, "otherOrigins", b.otherOrigins());
        strings(w, "consequences", b.consequences());
        strings(w, "composedWrongly", composedWrongly);
        w.name("edges").beginArray();
        for (EdgeReport e : b.edges()) {
            w.beginObject();
            edgeFields(w, e.edge());
            w.field("description", e.consumer()).field("verdict", e.verdict().name());
            elements(w, e.elements());
            w.endObject();
        }
        w.endArray().endObject();
    }

    /**
     * {@code "opChecks"}: every local check of an op's backward with respect to one argument, in the
     * order they ran, passing or not, each with its worst element, its diagnosis (null unless it
     * failed) and what it cost.
     */
    private static void opChecks(JsonWriter w, GradientReport report, Diagnoses diagnoses) {
        w.name("opChecks").beginArray();
        for (EdgeReport e : report.blame().edges()) {
            w.beginObject().field("op", e.consumer());
            edgeFields(w, e.edge());
            shape(w, e.shape());
            w.field("verdict", e.verdict().name()).field("evaluations", e.evaluations());
            w.name("worst");
            if (e.elements().isEmpty()) {
                w.nullValue();
            } else {
                ElementComparison x = e.worst();
                w.beginObject().field("index", x.index()).field("position", x.position())
                        .field("cotangent", x.cotangent()).field("analytic", x.analytic())
                        .field("numeric", x.numeric()).field("relativeError", x.relativeError())
                        .field("tolerance", x.tolerance()).field("verdict", x.verdict().name()).endObject();
            }
            w.name("diagnosis");
            Optional<Diagnosis> d = diagnoses.all().stream().filter(x -> x.edge().equals(Optional.of(e.edge())))
                    .findFirst();
            if (d.isPresent()) {
                w.beginObject().field("kind", d.get().kind().name()).field("sentence", d.get().sentence())
                        .field("evidence", d.get().evidence()).endObject();
            } else {
                w.nullValue();
            }
            elements(w, e.elements());
            w.endObject();
        }
        w.endArray();
    }

    private static void edgeFields(JsonWriter w, Edge e) {
        w.field("producer", e.producer()).field("consumer", e.consumer()).field("argument", e.argument());
    }

    static void diagnosis(JsonWriter w, Diagnosis d) {
        diagnosisFields(w, d, d.sentence(), d.evidence());
        w.endObject();
    }

    /** A diagnosis object's fields, left open for more. */
    private static void diagnosisFields(JsonWriter w, Diagnosis d, String sentence, String evidence) {
        w.beginObject().field("node", d.node());
        w.name("edge");
        if (d.edge().isPresent()) {
            w.beginObject();
            edgeFields(w, d.edge().get());
            w.endObject();
        } else {
            w.nullValue();
        }
        w.field("kind", d.kind().name()).field("origin", d.origin()).field("sentence", sentence)
                .field("evidence", evidence);
    }

    /**
     * A diagnosis of a gradient report, said once: a node that wrong edges lead into refers to
     * their diagnoses ({@code statedBy}, a sentence that names them, no evidence of its own).
     */
    private static void statedOnce(JsonWriter w, Diagnosis d, List<Diagnosis> statedBy) {
        if (statedBy.isEmpty()) {
            diagnosisFields(w, d, d.sentence(), d.evidence());
        } else {
            diagnosisFields(w, d, DiagnosisText.reference(d, statedBy), "");
        }
        w.name("statedBy").beginArray();
        for (Diagnosis e : statedBy) {
            w.beginObject();
            edgeFields(w, e.edge().orElseThrow());
            w.endObject();
        }
        w.endArray().endObject();
    }

    static void strings(JsonWriter w, String name, List<String> values) {
        w.name(name).beginArray();
        for (String s : values) {
            w.value(s);
        }
        w.endArray();
    }
}
