package io.github.gradcheck.report;

import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.internal.format.Numbers;

/**
 * Per-element heat maps of the relative error of every vector- and matrix-valued node: a
 * cell per element, from green (agreement to 1e-16) through yellow to red (relative error 1),
 * wrong elements outlined, the numbers in each cell's tooltip. Larger nodes show their first
 * {@value #LIMIT} rows and columns.
 */
final class HeatMaps {

    static final int LIMIT = 48;

    private HeatMaps() {
    }

    static void append(StringBuilder sb, GradientReport report) {
        StringBuilder maps = new StringBuilder();
        for (NodeReport n : report.nodes()) {
            int rank = n.shape().rank();
            if (rank == 1 || rank == 2) {
                map(maps, n);
            }
        }
        if (maps.length() == 0) {
            return;
        }
        sb.append("<section id=\"heatmaps\">\n<h2>Relative error per element</h2>\n<p class=\"scale\">");
        for (int e = -16; e <= 0; e += 2) {
            sb.append("<span style=\"background:").append(colour(Math.pow(10, e))).append("\">1e").append(e)
                    .append("</span>");
        }
        sb.append(" — wrong elements are outlined; hover a cell for its numbers</p>\n").append(maps).append("</section>\n");
    }

    private static void map(StringBuilder sb, NodeReport n) {
        int rows = n.shape().rank() == 2 ? n.shape().dim(0) : 1;
        int cols = n.shape().rank() == 2 ? n.shape().dim(1) : n.shape().dim(0);
        ElementComparison[] worst = new ElementComparison[n.shape().size()];
        for (ElementComparison e : n.elements()) {
            if (e.index() >= 0 && e.index() < worst.length
                    && (worst[e.index()] == null || e.severity() > worst[e.index()].severity())) {
                worst[e.index()] = e;
            }
        }
        sb.append("<div class=\"heatmap ").append(Html.verdictClass(n.verdict())).append("\" data-node=\"")
                .append(Html.attr(n.name())).append("\"><table><caption>").append(Html.text(n.name())).append(' ')
                .append(n.shape()).append(": ").append(n.verdict().label());
        if (rows > LIMIT || cols > LIMIT) {
            sb.append(" (first ").append(Math.min(rows, LIMIT)).append('×').append(Math.min(cols, LIMIT)).append(" shown)");
        }
        sb.append("</caption>\n");
        for (int i = 0; i < Math.min(rows, LIMIT); i++) {
            sb.append("<tr>");
            for (int j = 0; j < Math.min(cols, LIMIT); j++) {
                ElementComparison e = worst[i * cols + j];
                if (e == null) {
                    sb.append("<td></td>");
                    continue;
                }
                sb.append("<td class=\"").append(e.verdict() == Verdict.FAIL ? "fail" : "ok").append("\" style=\"background:")
                        .append(colour(e.relativeError())).append("\" title=\"").append(Html.attr(n.name() + e.position()
                                + ": analytic " + Numbers.full(e.analytic()) + ", numeric " + Numbers.full(e.numeric())
                                + ", relative error " + Numbers.scientific(e.relativeError()) + ", "
                                + e.verdict().label()))
                        .append("\"></td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table></div>\n");
    }

    /** Green at 1e-16 and below, yellow at 1e-8, red at 1 and above (log scale). */
    static String colour(double relativeError) {
        double t;
        if (Double.isNaN(relativeError) || relativeError >= 1) {
            t = 1;
        } else if (relativeError <= 1e-16) {
            t = 0;
        } else {
            t = (Math.log10(relativeError) + 16) / 16;
        }
        double hue = 120 * (1 - t);
        return "hsl(" + Numbers.fixed(hue, 0) + ", 75%, " + Numbers.fixed(80 - 25 * t, 0) + "%)";
    }
}
