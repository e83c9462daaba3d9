package io.github.gradcheck.report;

import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import io.github.gradcheck.internal.format.Numbers;
import java.util.List;
import java.util.Locale;

/**
 * The HTML page of a {@link JacobianReport}: the verdict and the diagnoses first, then a heat map
 * of the matrix (one cell per entry, coloured by its relative error from green to red, wrong
 * entries outlined, the numbers in each cell's tooltip, rows and columns labelled), the wrong and
 * inconclusive entries in a table, the identities, and the text report.
 */
final class JacobianHtml {

    /** The heat map shows at most this many rows and columns. */
    static final int LIMIT = 64;

    private JacobianHtml() {
    }

    static String render(JacobianReport report, Diagnoses diagnoses) {
        StringBuilder sb = new StringBuilder();
        Verdict v = report.verdict();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>gradcheck: ").append(Html.text(report.subject())).append(" (")
                .append(Html.text(report.kind().label())).append(") — ").append(v.label()).append("</title>\n<style>\n")
                .append(Html.STYLE).append(STYLE).append("</style>\n</head>\n<body data-verdict=\"").append(v.name())
                .append("\" data-kind=\"").append(report.kind().name()).append("\">\n");
        sb.append("<header>\n<h1>gradcheck: ").append(Html.text(report.kind().label())).append(" of ")
                .append(Html.text(report.subject())).append("</h1>\n<p class=\"verdict ").append(Html.verdictClass(v))
                .append("\">").append(v.label()).append(": ").append(Html.text(headline(report))).append("</p>\n<dl>\n")
                .append("<dt>point</dt><dd><code>").append(Html.text(report.point().toString())).append("</code></dd>\n")
                .append("<dt>seed</dt><dd><code>").append(report.seed()).append("</code></dd>\n")
                .append("<dt>measured from</dt><dd>").append(Html.text(report.measurement().description()))
                .append("</dd>\n<dt>cost</dt><dd>").append(report.forwardEvaluations()).append(" evaluations (")
                .append(Numbers.fixed(report.evaluationsPerColumn(), 1)).append(" per column), ")
                .append(report.claimEvaluations()).append(" calls of the claimed derivative</dd>\n</dl>\n</header>\n");
        if (!diagnoses.isEmpty()) {
            sb.append("<section id=\"diagnoses\">\n<h2>Diagnosis</h2>\n<ul>\n");
            for (Diagnosis d : diagnoses.all()) {
                sb.append("<li class=\"diagnosis origin\" data-kind=\"").append(d.kind().name()).append("\">")
                        .append("<span class=\"kind\">").append(d.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        .append("</span> ").append(Html.text(d.sentence())).append("<div class=\"evidence\">")
                        .append(Html.text(d.evidence())).append("</div></li>\n");
            }
            sb.append("</ul>\n</section>\n");
        }
        heatMap(sb, report);
        entries(sb, report);
        identities(sb, report);
        sb.append("<section id=\"text\">\n<details><summary>Text report</summary>\n<pre>")
                .append(Html.text(TextReport.render(report, diagnoses))).append("</pre>\n</details>\n</section>\n");
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static String headline(JacobianReport report) {
        List<JacobianEntry> wrong = report.wrongEntries();
        return switch (report.verdict()) {
            case PASS -> "every claimed entry of " + report.symbol() + " matches the measured one";
            case INCONCLUSIVE -> "the measurement was too coarse to decide for some entries; try another point";
            case FAIL -> wrong.isEmpty() ? "see the identities and the gradient below"
                    : wrong.size() + " of " + report.entries().size() + " entries are wrong";
        };
    }

    private static void heatMap(StringBuilder sb, JacobianReport report) {
        int rows = report.rows().size();
        int cols = report.columns().size();
        JacobianEntry[] cells = new JacobianEntry[Math.min(rows, LIMIT) * Math.min(cols, LIMIT)];
        int width = Math.min(cols, LIMIT);
        for (JacobianEntry e : report.entries()) {
            if (e.row() < LIMIT && e.column() < LIMIT) {
                cells[e.row() * width + e.column()] = e;
            }
        }
        sb.append("<section id=\"heatmap\">\n<h2>Relative error of every entry of ").append(report.symbol())
                .append("</h2>\n<p class=\"scale\">");
        for (int e = -16; e <= 0; e += 2) {
            sb.append("<span style=\"background:").append(HeatMaps.colour(Math.pow(10, e))).append("\">1e").append(e)
                    .append("</span>");
        }
        sb.append(" — rows are ").append(report.kind().secondOrder() ? "the gradient's components" : "output components")
                .append(", columns input elements; wrong entries are outlined, blank ones were not compared; hover a"
                        + " cell for its numbers</p>\n");
        sb.append("<div class=\"heatmap matrix ").append(Html.verdictClass(report.matrixVerdict()))
                .append("\"><table>\n<caption>").append(report.symbol()).append(' ').append(rows).append(" × ")
                .append(cols);
        if (rows > LIMIT || cols > LIMIT) {
            sb.append(" (first ").append(Math.min(rows, LIMIT)).append(" × ").append(width).append(" shown)");
        }
        sb.append("</caption>\n<tr><th></th>");
        for (int j = 0; j < width; j++) {
            sb.append("<th class=\"column\"><span>").append(Html.text(report.columns().label(j))).append("</span></th>");
        }
        sb.append("</tr>\n");
        for (int i = 0; i < Math.min(rows, LIMIT); i++) {
            sb.append("<tr><th class=\"row\">").append(Html.text(report.rows().label(i))).append("</th>");
            for (int j = 0; j < width; j++) {
                JacobianEntry e = cells[i * width + j];
                if (e == null) {
                    sb.append("<td></td>");
                    continue;
                }
                sb.append("<td class=\"").append(e.verdict() == Verdict.FAIL ? "fail" : e.verdict() == Verdict.PASS
                        ? "ok" : "inconclusive").append("\" data-entry=\"").append(e.row()).append(',')
                        .append(e.column()).append("\" style=\"background:").append(HeatMaps.colour(
                                e.comparison().relativeError())).append("\" title=\"").append(Html.attr(
                                e.name(report.symbol()) + " = " + e.derivative(report.kind()) + ": analytic "
                                + Numbers.full(e.analytic()) + ", numeric " + Numbers.full(e.numeric())
                                + ", relative error " + Numbers.scientific(e.comparison().relativeError()) + ", "
                                + e.verdict().label())).append("\"></td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table></div>\n</section>\n");
    }

    private static void entries(StringBuilder sb, JacobianReport report) {
        List<JacobianEntry> notOk = report.entries().stream().filter(e -> e.verdict() != Verdict.PASS).toList();
        if (notOk.isEmpty()) {
            return;
        }
        sb.append("<section id=\"entries\">\n<h2>Wrong and inconclusive entries</h2>\n<table class=\"nodes\">\n")
                .append("<tr><th>entry</th><th>derivative</th><th>analytic</th><th>numeric</th><th>rel err</th>")
                .append("<th>verdict</th></tr>\n");
        for (JacobianEntry e : notOk) {
            sb.append("<tr class=\"").append(Html.verdictClass(e.verdict())).append("\"><td>")
                    .append(e.name(report.symbol())).append("</td><td>").append(Html.text(e.derivative(report.kind())))
                    .append("</td><td>").append(Numbers.full(e.analytic())).append("</td><td>")
                    .append(Numbers.full(e.numeric())).append("</td><td>")
                    .append(Numbers.scientific(e.comparison().relativeError())).append("</td><td>")
                    .append(e.verdict().label()).append("</td></tr>\n");
        }
        sb.append("</table>\n</section>\n");
    }

    private static void identities(StringBuilder sb, JacobianReport report) {
        if (report.identities().isEmpty() && report.gradient().isEmpty()) {
            return;
        }
        sb.append("<section id=\"identities\">\n<h2>Identities").append(report.gradient().isPresent() ? " and the"
                + " gradient" : "").append("</h2>\n<table class=\"nodes\">\n<tr><th>check</th><th>left</th><th>right</th>"
                + "<th>rounding allows</th><th>verdict</th></tr>\n");
        identityRows(sb, report.identities());
        report.gradient().ifPresent(g -> sb.append("<tr class=\"").append(Html.verdictClass(g.verdict()))
                .append("\"><td>the claimed gradient, checked first</td><td colspan=\"3\">")
                .append(g.blame().origin().map(o -> "first wrong node '" + Html.text(o) + "'").orElse(""))
                .append("</td><td>").append(g.verdict().label()).append("</td></tr>\n"));
        sb.append("</table>\n</section>\n");
    }

    /** A table row per identity: where, both sides, what rounding allows, the verdict. */
    static void identityRows(StringBuilder sb, List<IdentityCheck> identities) {
        for (IdentityCheck i : identities) {
            sb.append("<tr class=\"").append(Html.verdictClass(i.verdict())).append("\"><td>")
                    .append(Html.text(i.identity().formula() + " at " + i.where())).append("</td><td>")
                    .append(Numbers.full(i.left())).append("</td><td>").append(Numbers.full(i.right()))
                    .append("</td><td>").append(Numbers.scientific(i.tolerance())).append("</td><td>")
                    .append(i.verdict().label()).append("</td></tr>\n");
        }
    }

    static final String STYLE = """
            .heatmap.matrix th { font-size: .7em; font-weight: normal; font-family: ui-monospace, monospace; }
            .heatmap.matrix th.row { text-align: right; padding-right: .4em; white-space: nowrap; }
            .heatmap.matrix th.column { vertical-align: bottom; height: 5em; }
            .heatmap.matrix th.column span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
            .heatmap.matrix td.inconclusive { border: 2px dashed #f9a825; }
            """;
}
