package io.github.gradcheck.report;

import io.github.gradcheck.check.Deviation;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.MeasuredNoise;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import io.github.gradcheck.internal.format.Numbers;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Renders a {@link GradientReport} as one self-contained HTML file (inline CSS, SVG and a
 * little script; nothing is fetched from the network) to open in any browser: the verdict
 * and the diagnoses first, then the graph of nodes coloured by verdict (green ok, red WRONG,
 * amber inconclusive) with the node where the error starts outlined and tagged "blame", a
 * table of every node's worst element, a heat map of the relative error of every element of
 * every vector- or matrix-valued node, a table of every op check of a graph (each op's backward alone,
 * with respect to each argument), how the claims were measured (the noise measured at each
 * node, whether each claim is linear in the upstream gradient, each declared deviation with its
 * elements' claimed, intended and measured values), and the text report.
 *
 * <pre>{@code
 * GradientReport report = GradCheck.check(subject, point);
 * HtmlReport.write(report, Diagnoses.of(report, subject), Path.of("target/gradcheck/report.html"));
 * }</pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * The HTML page, with the diagnoses that follow from the report alone
     * ({@link Diagnoses#of(GradientReport)}).
     *
     * @param report the report of a check
     * @return the page, a complete HTML document
     */
    public static String render(GradientReport report) {
        return render(report, Diagnoses.of(Objects.requireNonNull(report, "the report to render must not be null; pass what GradCheck.check returned")));
    }

    /**
     * The HTML page with the given diagnoses, e.g. those of {@code Diagnoses.of(report, subject)}.
     *
     * @param report the report of a check
     * @param diagnoses the diagnoses to show first and in the graph ({@link Diagnoses#none()} for none)
     * @return the page, a complete HTML document
     */
    public static String render(GradientReport report, Diagnoses diagnoses) {
        Objects.requireNonNull(report, "the report to render must not be null; pass what GradCheck.check returned");
        Objects.requireNonNull(diagnoses, "the diagnoses must not be null; use Diagnoses.of(report) for those of the report alone");
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>gradcheck: ").append(Html.text(report.subject())).append(" — ")
                .append(report.verdict().label()).append("</title>\n<style>\n").append(Html.STYLE).append("</style>\n")
                .append("</head>\n<body data-verdict=\"").append(report.verdict().name()).append("\"")
                .append(report.blame().origin().map(o -> " data-blame=\"" + Html.attr(o) + "\"").orElse(""))
                .append(">\n");
        header(sb, report);
        diagnosesSection(sb, diagnoses);
        if (!report.nodes().isEmpty()) {
            sb.append("<section id=\"graph\">\n<h2>Nodes</h2>\n")
                    .append("<p class=\"legend\"><span class=\"key pass\">ok</span> <span class=\"key fail\">WRONG</span> ")
                    .append("<span class=\"key inconclusive\">inconclusive</span> <span class=\"key blame\">blame: where the")
                    .append(" error starts</span> — arrows point from a node to the nodes computed from it</p>\n");
            sb.append(new GraphPicture(report, diagnoses).svg());
            sb.append("</section>\n");
        }
        table(sb, report, diagnoses);
        measurementSection(sb, report);
        HeatMaps.append(sb, report);
        sb.append("<section id=\"text\">\n<details><summary>Text report</summary>\n<pre>")
                .append(Html.text(TextReport.render(report, diagnoses))).append("</pre>\n</details>\n</section>\n");
        sb.append("<script>\n").append(Html.SCRIPT).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    /**
     * The HTML page for a check drawn from {@code run}'s seed (a {@code @GradientCheck} try): as
     * {@link #render(GradientReport, Diagnoses)}, with the point written out in full, the run's
     * seed as the seed with how to give it, and the check's own seed labelled as derived.
     *
     * @param report the report of a check
     * @param diagnoses the diagnoses to show first and in the graph ({@link Diagnoses#none()} for none)
     * @param run the seed that re-runs the check
     * @return the page, a complete HTML document
     * @since 0.1.0
     */
    public static String render(GradientReport report, Diagnoses diagnoses, RunSeed run) {
        Objects.requireNonNull(run, "run: the seed that re-runs the check");
        return run.html(render(report, diagnoses), report.point(), report.seed(), TextReport.render(report, diagnoses));
    }

    /**
     * The HTML page of a Jacobian or Hessian check drawn from {@code run}'s seed, as
     * {@link #render(GradientReport, Diagnoses, RunSeed)} does for a gradient check.
     *
     * @param report the report of a forward or second-order check
     * @param diagnoses the diagnoses to show
     * @param run the seed that re-runs the check
     * @return the page, a complete HTML document
     * @since 0.1.0
     */
    public static String render(JacobianReport report, Diagnoses diagnoses, RunSeed run) {
        Objects.requireNonNull(run, "run: the seed that re-runs the check");
        return run.html(render(report, diagnoses), report.point(), report.seed(), TextReport.render(report, diagnoses));
    }

    /**
     * Writes the HTML of the report alone (see {@link #render(GradientReport)}) to {@code file}
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
     * Writes the HTML page with the given diagnoses (see {@link #render(GradientReport, Diagnoses)})
     * to {@code file} (UTF-8), creating its directory if needed.
     *
     * @param report the report of a check
     * @param diagnoses the diagnoses to include
     * @param file where to write; an existing file is replaced
     * @return {@code file}
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static Path write(GradientReport report, Diagnoses diagnoses, Path file) {
        return ReportFiles.writeText(file, render(report, diagnoses), "HTML report");
    }

    /**
     * The HTML page of a Jacobian or Hessian check, with the diagnoses that follow from it: the
     * verdict and the diagnoses, a heat map of the relative error of every entry (rows and columns
     * labelled, wrong entries outlined, the numbers in each cell's tooltip), the wrong entries, the
     * identities and the text report.
     *
     * @param report the report of a forward or second-order check
     * @return the page, a complete HTML document
     * @since 0.1.0
     */
    public static String render(JacobianReport report) {
        return render(report, Diagnoses.of(Objects.requireNonNull(report, "report")));
    }

    /**
     * The HTML page of a Jacobian or Hessian check with the given diagnoses.
     *
     * @param report the report of a forward or second-order check
     * @param diagnoses the diagnoses to show first
     * @return the page, a complete HTML document
     * @since 0.1.0
     */
    public static String render(JacobianReport report, Diagnoses diagnoses) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(diagnoses, "diagnoses");
        return JacobianHtml.render(report, diagnoses);
    }

    /**
     * Writes the HTML page of a Jacobian or Hessian check (see {@link #render(JacobianReport)}) to
     * {@code file} (UTF-8), creating its directory if needed.
     *
     * @param report the report of a forward or second-order check
     * @param file where to write; an existing file is replaced
     * @return {@code file}
     * @throws UncheckedIOException naming the file when it cannot be written
     * @since 0.1.0
     */
    public static Path write(JacobianReport report, Path file) {
        return ReportFiles.writeText(file, render(report), "HTML report");
    }

    /**
     * The HTML page of a tangent check (forward mode node by node), with the diagnoses that follow
     * from it: the verdict and the diagnoses, a row per computed node in forward order (its role in
     * the blame, its worst element, its verdict and its diagnosis; the origin marked), the edges into
     * the origin, the adjoint tests and the text report.
     *
     * @param report the report of {@code GradCheck.checkTangents}
     * @return the page, a complete HTML document
     * @since 0.1.0
     */
    public static String render(TangentReport report) {
        return render(report, Diagnoses.of(Objects.requireNonNull(report, "report")));
    }

    /**
     * The HTML page of a tangent check with the given diagnoses.
     *
     * @param report the report of {@code GradCheck.checkTangents}
     * @param diagnoses the diagnoses to show first and beside their nodes
     * @return the page, a complete HTML document
     * @since 0.1.0
     */
    public static String render(TangentReport report, Diagnoses diagnoses) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(diagnoses, "diagnoses");
        return TangentHtml.render(report, diagnoses);
    }

    /**
     * Writes the HTML page of a tangent check (see {@link #render(TangentReport)}) to {@code file}
     * (UTF-8), creating its directory if needed.
     *
     * @param report the report of {@code GradCheck.checkTangents}
     * @param file where to write; an existing file is replaced
     * @return {@code file}
     * @throws UncheckedIOException naming the file when it cannot be written
     * @since 0.1.0
     */
    public static Path write(TangentReport report, Path file) {
        return ReportFiles.writeText(file, render(report), "HTML report");
    }

    private static void header(StringBuilder sb, GradientReport report) {
        Verdict v = report.verdict();
        sb.append("<header>\n<h1>gradcheck: ").append(Html.text(report.subject())).append("</h1>\n")
                .append("<p class=\"verdict ").append(Html.verdictClass(v)).append("\">").append(v.label());
        sb.append(switch (v) {
            case FAIL -> report.blame().origin().map(o -> ": the first wrong node is '" + Html.text(o) + "'")
                    .orElseGet(() -> report.whatIsWrong().isEmpty() ? "" : ": " + Html.text(report.whatIsWrong().get(0)));
            case PASS -> report.nodes().isEmpty() && !report.blame().edges().isEmpty()
                    ? ": every op's backward matches the op alone (the end-to-end gradients were not measured)"
                    : ": every claimed gradient matches the measured one";
            case INCONCLUSIVE -> ": the measurement was too coarse to decide at some nodes; try another point";
        });
        sb.append("</p>\n<dl>\n<dt>point</dt><dd><code>").append(Html.text(report.point().toString())).append("</code></dd>\n")
                .append("<dt>seed</dt><dd><code>").append(report.seed()).append("</code></dd>\n")
                .append("<dt>cost</dt><dd>").append(report.forwardEvaluations()).append(" forward, ")
                .append(report.localEvaluations()).append(" single-op, ").append(report.backwardEvaluations())
                .append(" backward evaluations</dd>\n")
                .append("<dt>mode</dt><dd>").append(report.mode().name().toLowerCase(Locale.ROOT))
                .append(report.complete() ? ": every element of every node compared"
                        : ": not every element compared (see each node's coverage in the text report)")
                .append("</dd>\n</dl>\n</header>\n");
    }

    private static void diagnosesSection(StringBuilder sb, Diagnoses diagnoses) {
        if (diagnoses.isEmpty()) {
            return;
        }
        sb.append("<section id=\"diagnoses\">\n<h2>Diagnosis</h2>\n<ul>\n");
        for (Diagnosis d : diagnoses.all()) {
            List<Diagnosis> statedBy = diagnoses.statedBy(d);
            sb.append("<li class=\"diagnosis").append(d.origin() ? " origin" : " consequence")
                    .append(statedBy.isEmpty() ? "" : " reference").append("\" data-node=\"")
                    .append(Html.attr(d.node())).append("\" data-kind=\"").append(d.kind().name()).append("\">");
            if (!statedBy.isEmpty()) {
                // said once: the edges' diagnoses state it, with their evidence
                sb.append(Html.text(DiagnosisText.reference(d, statedBy))).append("</li>\n");
                continue;
            }
            sb.append("<span class=\"kind\">").append(d.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append("</span> ").append(Html.text(d.sentence()))
                    .append(d.origin() ? "" : " <span class=\"note\">(wrong as a consequence of a wrong consumer)</span>")
                    .append("<div class=\"evidence\">").append(Html.text(d.evidence())).append("</div></li>\n");
        }
        sb.append("</ul>\n");
        if (diagnoses.evaluations() > 0) {
            sb.append("<p class=\"note\">The diagnosis spent ").append(diagnoses.evaluations())
                    .append(" more evaluations measuring each consumer's contribution.</p>\n");
        }
        sb.append("</section>\n");
    }

    private static void table(StringBuilder sb, GradientReport report, Diagnoses diagnoses) {
        if (report.nodes().isEmpty()) {
            // op checks only (GraphChecks.LOCAL): no node was measured
            opChecks(sb, report, diagnoses);
            return;
        }
        sb.append("<section id=\"table\">\n<h2>Worst element of each node</h2>\n<table class=\"nodes\">\n")
                .append("<tr><th>node</th><th>kind</th><th>shape</th><th>at</th><th>analytic</th><th>numeric</th>")
                .append("<th>rel err</th><th>verdict</th><th>diagnosis</th></tr>\n");
        for (NodeReport n : report.nodes()) {
            ElementComparison w = n.worst();
            Optional<Diagnosis> d = diagnoses.forNode(n.name());
            sb.append("<tr class=\"").append(Html.verdictClass(n.verdict()))
                    .append(report.blame().origin().map(n.name()::equals).orElse(false) ? " blame" : "")
                    .append("\" data-node=\"").append(Html.attr(n.name())).append("\"><td>").append(Html.text(n.name()))
                    .append("</td><td>").append(n.kind().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                    .append(n.shape()).append("</td><td>").append(Html.text(w.position())).append("</td><td>")
                    .append(Numbers.full(w.analytic())).append("</td><td>").append(Numbers.full(w.numeric()))
                    .append("</td><td>").append(Numbers.scientific(w.relativeError())).append("</td><td>")
                    .append(n.verdict().label());
            if (n.verdict() == Verdict.FAIL && n.elements().size() > 1) {
                sb.append(" (").append(n.failedElements()).append(" of ").append(n.elements().size());
                if (n.unconfirmedFailures() > 0) {
                    boolean byDirection = n.confirmedDirectionFailures() > 0;
                    sb.append("; ").append(n.unconfirmedFailures()).append(" not confirmed separately")
                            .append(n.confirmedFailures() > 0 ? ", the one shown confirmed" : byDirection
                                    ? ", the one shown not either: a random direction is"
                                    : ": wrong only as a consequence");
                }
                sb.append(')');
            }
            sb.append("</td><td>").append(d.map(x -> Html.text(x.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')))
                    .orElse("")).append("</td></tr>\n");
        }
        sb.append("</table>\n</section>\n");
        opChecks(sb, report, diagnoses);
    }

    /**
     * A table of every local check of an op's backward with respect to one argument: the op, the
     * argument, the verdict, the worst element, the diagnosis of a failed one and what each cost.
     */
    private static void opChecks(StringBuilder sb, GradientReport report, Diagnoses diagnoses) {
        if (report.blame().edges().isEmpty()) {
            return;
        }
        sb.append("<section id=\"op-checks\">\n<h2>Op checks: each op's backward alone</h2>\n")
                .append("<p class=\"note\">Each op evaluated alone at its recorded arguments, with the upstream gradient")
                .append(" the composed backward handed it; its claimed contribution to one argument against finite")
                .append(" differences of that op alone.</p>\n<table class=\"op-checks\">\n")
                .append("<tr><th>op</th><th>argument</th><th>verdict</th><th>at</th><th>analytic</th><th>numeric</th>")
                .append("<th>rel err</th><th>diagnosis</th><th>single-op evaluations</th></tr>\n");
        for (EdgeReport e : report.blame().edges()) {
            Optional<Diagnosis> d = diagnoses.all().stream().filter(x -> x.edge().equals(Optional.of(e.edge())))
                    .findFirst();
            sb.append("<tr class=\"").append(Html.verdictClass(e.verdict())).append("\" data-node=\"")
                    .append(Html.attr(e.edge().producer())).append("\" data-consumer=\"")
                    .append(Html.attr(e.edge().consumer())).append("\"><td>").append(Html.text(e.consumer()))
                    .append("</td><td>").append(Html.text(e.edge().argument() + " ('" + e.edge().producer() + "')"))
                    .append("</td><td>").append(e.verdict().label()).append("</td>");
            if (e.elements().isEmpty()) {
                sb.append("<td></td><td></td><td></td><td></td>");
            } else {
                ElementComparison w = e.worst();
                sb.append("<td>").append(Html.text(w.position())).append("</td><td>").append(Numbers.full(w.analytic()))
                        .append("</td><td>").append(Numbers.full(w.numeric())).append("</td><td>")
                        .append(Numbers.scientific(w.relativeError())).append("</td>");
            }
            sb.append("<td>").append(d.map(x -> "<span title=\"" + Html.attr(x.evidence()) + "\">" + Html.text(x.sentence())
                    + "</span>").orElse("")).append("</td><td>").append(e.evaluations()).append("</td></tr>\n");
        }
        sb.append("</table>\n</section>\n");
    }

    /**
     * The measured noise, the linearity of each claim in the cotangent and the declared deviations
     * with each element's claim against the intent; nothing when none of them is there.
     */
    private static void measurementSection(StringBuilder sb, GradientReport report) {
        StringBuilder noise = new StringBuilder();
        StringBuilder linearity = new StringBuilder();
        StringBuilder deviations = new StringBuilder();
        for (NodeReport n : report.nodes()) {
            n.elements().stream().filter(e -> e.noise().isPresent())
                    .max(Comparator.comparingDouble(e -> e.noise().get().relative()))
                    .ifPresent(e -> {
                        MeasuredNoise m = e.noise().get();
                        noise.append("<li data-node=\"").append(Html.attr(n.name())).append("\">")
                                .append(Html.text(m.describe(n.name() + e.position())))
                                .append(m.aboveRounding() ? " — above the rounding of the output's type" : "")
                                .append("</li>\n");
                    });
            n.linearity().ifPresent(l -> linearity.append("<li class=\"")
                    .append(Html.verdictClass(l.linear() ? Verdict.PASS : Verdict.FAIL)).append("\" data-node=\"")
                    .append(Html.attr(n.name())).append("\" data-linearity=\"").append(l.kind().name()).append("\">")
                    .append(Html.text(l.describe(n.name()))).append("</li>\n"));
            deviation(deviations, report, n);
        }
        if (noise.isEmpty() && linearity.isEmpty() && deviations.isEmpty()) {
            return;
        }
        sb.append("<section id=\"measurement\">\n<h2>How the claims were measured</h2>\n");
        if (!noise.isEmpty()) {
            sb.append("<h3>Measured noise</h3>\n<p class=\"note\">The output's noise, measured where the first")
                    .append(" family of steps did not decide an element; the largest per node.</p>\n<ul class=\"noise\">\n")
                    .append(noise).append("</ul>\n");
        }
        if (!linearity.isEmpty()) {
            sb.append("<h3>Linearity in the upstream gradient</h3>\n<ul class=\"linearity\">\n").append(linearity)
                    .append("</ul>\n");
        }
        if (!deviations.isEmpty()) {
            sb.append("<h3>Declared deviations</h3>\n").append(deviations);
        }
        sb.append("</section>\n");
    }

    private static void deviation(StringBuilder sb, GradientReport report, NodeReport n) {
        Optional<Deviation> declared = report.options().deviationAt(n.name());
        if (declared.isEmpty() && n.deviation().isEmpty()) {
            return;
        }
        boolean intended = declared.isPresent() && declared.get() instanceof Deviation.Intended;
        String kind = declared.isEmpty() ? "follows from a declared deviation"
                : intended ? "intended gradient"
                : declared.get() instanceof Deviation.Bounded b ? "within " + Numbers.full(b.bound()) + " of the measured gradient"
                : "by an unstated amount (any error passes)";
        String status = n.deviatesNotAsDeclared() ? "WRONG: not as declared"
                : n.deviates() ? "deviates as declared" : n.verdict().label();
        sb.append("<div class=\"deviation ").append(Html.verdictClass(n.verdict())).append("\" data-node=\"")
                .append(Html.attr(n.name())).append("\"><p><b>").append(Html.text(n.name())).append("</b>: ")
                .append(Html.text(declared.map(Deviation::why).orElseGet(() -> n.deviation().get())))
                .append(" — ").append(Html.text(kind)).append("; ").append(Html.text(status)).append("</p>\n");
        if (!n.intended().isEmpty()) {
            sb.append("<table class=\"intended\">\n<tr><th>at</th><th>claimed</th><th>intended</th><th>measured</th>")
                    .append("<th>tolerance</th><th>verdict</th></tr>\n");
            for (ElementComparison intent : n.intended()) {
                ElementComparison measured = n.elements().stream()
                        .filter(e -> e.index() == intent.index() && e.cotangent() == intent.cotangent())
                        .findFirst().orElse(intent);
                sb.append("<tr class=\"").append(Html.verdictClass(intent.verdict())).append("\"><td>")
                        .append(Html.text(n.name() + intent.position())).append("</td><td>")
                        .append(Numbers.full(intent.analytic())).append("</td><td>")
                        .append(intended ? Numbers.full(intent.numeric()) : "–").append("</td><td>")
                        .append(Numbers.full(measured.numeric())).append("</td><td>")
                        .append(Numbers.scientific(intent.tolerance())).append("</td><td>")
                        .append(intent.verdict().label()).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("</div>\n");
    }
}
