package io.github.gradcheck.report;

import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import io.github.gradcheck.internal.format.Numbers;
import java.util.List;
import java.util.Locale;

/**
 * The HTML page of a {@link TangentReport}: the verdict and the diagnoses first, then a row per
 * computed node in forward order (its role in the blame, its worst element, its verdict and its
 * diagnosis; the origin marked), the edges into the origin, each op's or layer's adjoint test, and
 * the text report.
 */
final class TangentHtml {

    private TangentHtml() {
    }

    static String render(TangentReport report, Diagnoses diagnoses) {
        StringBuilder sb = new StringBuilder();
        Verdict v = report.verdict();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>gradcheck: ").append(Html.text(report.subject())).append(" (tangents) — ")
                .append(v.label()).append("</title>\n<style>\n").append(Html.STYLE)
                .append("</style>\n</head>\n<body data-verdict=\"").append(v.name()).append("\" data-kind=\"TANGENTS\"");
        report.blame().origin().ifPresent(o -> sb.append(" data-blame=\"").append(Html.attr(o)).append('"'));
        sb.append(">\n<header>\n<h1>gradcheck: tangents (forward mode) of ").append(Html.text(report.subject()))
                .append("</h1>\n<p class=\"verdict ").append(Html.verdictClass(v)).append("\">").append(v.label())
                .append(": ").append(Html.text(headline(report))).append("</p>\n<dl>\n")
                .append("<dt>point</dt><dd><code>").append(Html.text(report.point().toString())).append("</code></dd>\n")
                .append("<dt>seed</dt><dd><code>").append(report.seed()).append("</code></dd>\n")
                .append("<dt>tangents</dt><dd>").append(report.options().directions())
                .append(" random tangents of the inputs").append(report.resolution().isPresent()
                        ? "; a relative error of " + Numbers.scientific(report.resolution().getAsDouble())
                        + " in any non-zero claimed tangent would have been detected" : "")
                .append("</dd>\n<dt>cost</dt><dd>").append(report.forwardEvaluations()).append(" forward, ")
                .append(report.localEvaluations()).append(" single-node, ").append(report.ruleEvaluations())
                .append(" tangent-rule and local-backward calls</dd>\n</dl>\n</header>\n");
        if (!diagnoses.isEmpty()) {
            sb.append("<section id=\"diagnoses\">\n<h2>Diagnosis</h2>\n<ul>\n");
            for (Diagnosis d : diagnoses.all()) {
                sb.append("<li class=\"diagnosis ").append(d.origin() ? "origin" : "consequence")
                        .append("\" data-node=\"").append(Html.attr(d.node())).append("\" data-kind=\"")
                        .append(d.kind().name()).append("\"><span class=\"kind\">")
                        .append(d.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("</span> ")
                        .append(Html.text(d.sentence())).append("<div class=\"evidence\">").append(Html.text(d.evidence()))
                        .append("</div></li>\n");
            }
            sb.append("</ul>\n</section>\n");
        }
        nodes(sb, report, diagnoses);
        edges(sb, report);
        identities(sb, report);
        if (!report.notes().isEmpty()) {
            sb.append("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
            for (String note : report.notes()) {
                sb.append("<li class=\"note\">").append(Html.text(note)).append("</li>\n");
            }
            sb.append("</ul>\n</section>\n");
        }
        sb.append("<section id=\"text\">\n<details><summary>Text report</summary>\n<pre>")
                .append(Html.text(TangentText.render(report, diagnoses))).append("</pre>\n</details>\n</section>\n");
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static String headline(TangentReport report) {
        return switch (report.verdict()) {
            case PASS -> "every claimed tangent matches the measured one";
            case INCONCLUSIVE -> "the measurement was too coarse to decide at some nodes; try another point";
            case FAIL -> report.blame().origin().map(o -> "the first wrong node going forward is '" + o + "'")
                    .orElseGet(() -> "a tangent rule disagrees with its backward (see the adjoint tests)");
        };
    }

    private static void nodes(StringBuilder sb, TangentReport report, Diagnoses diagnoses) {
        sb.append("<section id=\"nodes\">\n<h2>Nodes, going forward</h2>\n<table class=\"nodes\">\n")
                .append("<tr><th>node</th><th>kind</th><th>shape</th><th>from</th><th>role</th><th>worst at</th>")
                .append("<th>analytic</th><th>numeric</th><th>rel err</th><th>verdict</th><th>diagnosis</th></tr>\n");
        for (NodeReport n : report.nodes()) {
            String role = TangentJson.role(report, n);
            ElementComparison w = n.worst();
            sb.append("<tr class=\"").append(Html.verdictClass(n.verdict())).append(role.equals("origin") ? " blame" : "")
                    .append("\" data-node=\"").append(Html.attr(n.name())).append("\" data-role=\"").append(role)
                    .append("\"><td>").append(Html.text(n.name())).append("</td><td>")
                    .append(n.kind().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(n.shape())
                    .append("</td><td>").append(Html.text(String.join(", ", report.producers().getOrDefault(n.name(),
                            List.of())))).append("</td><td>").append(roleLabel(role)).append("</td><td>")
                    .append(Html.text(n.name() + w.position())).append(" t").append(w.cotangent()).append("</td><td>")
                    .append(Numbers.full(w.analytic())).append("</td><td>").append(Numbers.full(w.numeric()))
                    .append("</td><td>").append(Numbers.scientific(w.relativeError())).append("</td><td>")
                    .append(n.verdict().label()).append(n.verdict() == Verdict.FAIL && n.elements().size() > 1 ? " ("
                            + n.failedElements() + " of " + n.elements().size() + ")" : "").append("</td><td>")
                    .append(TangentJson.diagnosisOf(diagnoses, n.name()).map(d -> Html.text(d.sentence())).orElse(""))
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n</section>\n");
    }

    private static String roleLabel(String role) {
        return switch (role) {
            case "origin" -> "where the error enters";
            case "otherOrigin" -> "wrong too, its producers right";
            case "consequence" -> "wrong as a consequence";
            case "wrong" -> "wrong";
            case "inconclusive" -> "undecided";
            default -> "right";
        };
    }

    private static void edges(StringBuilder sb, TangentReport report) {
        List<EdgeReport> edges = report.blame().edges();
        if (edges.isEmpty()) {
            return;
        }
        sb.append("<section id=\"edges\">\n<h2>The origin's rule, argument by argument</h2>\n<table class=\"nodes\">\n")
                .append("<tr><th>rule</th><th>argument</th><th>analytic</th><th>numeric</th><th>rel err</th>")
                .append("<th>verdict</th></tr>\n");
        for (EdgeReport e : edges) {
            ElementComparison w = e.worst();
            sb.append("<tr class=\"").append(Html.verdictClass(e.verdict())).append("\" data-node=\"")
                    .append(Html.attr(e.edge().consumer())).append("\" data-argument=\"")
                    .append(Html.attr(e.edge().producer())).append("\"><td>").append(Html.text(e.consumer()))
                    .append("</td><td>").append(e.edge().argument()).append(" (").append(Html.text(e.edge().producer()))
                    .append(")</td><td>").append(Numbers.full(w.analytic())).append("</td><td>")
                    .append(Numbers.full(w.numeric())).append("</td><td>").append(Numbers.scientific(w.relativeError()))
                    .append("</td><td>").append(e.verdict().label()).append("</td></tr>\n");
        }
        sb.append("</table>\n</section>\n");
    }

    private static void identities(StringBuilder sb, TangentReport report) {
        if (report.identities().isEmpty()) {
            return;
        }
        sb.append("<section id=\"identities\">\n<h2>Each tangent rule against its backward</h2>\n")
                .append("<table class=\"nodes\">\n<tr><th>check</th><th>left</th><th>right</th>")
                .append("<th>rounding allows</th><th>verdict</th></tr>\n");
        JacobianHtml.identityRows(sb, report.identities());
        sb.append("</table>\n</section>\n");
    }
}
