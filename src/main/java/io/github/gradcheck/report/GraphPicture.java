package io.github.gradcheck.report;

import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The nodes of a report as an inline SVG: one column per depth (inputs left, output right),
 * a box per node coloured by verdict, an arrow from each node to its consumers, the blamed
 * node outlined and tagged, and the edges whose local check failed drawn red.
 */
final class GraphPicture {

    private static final int BOX_W = 150;
    private static final int BOX_H = 46;
    private static final int COL = 200;
    private static final int ROW = 78;
    private static final int MARGIN = 30;

    private final GradientReport report;
    private final Diagnoses diagnoses;
    private final Map<String, int[]> at = new LinkedHashMap<>();
    private int width;
    private int height;

    GraphPicture(GradientReport report, Diagnoses diagnoses) {
        this.report = report;
        this.diagnoses = diagnoses;
        layout();
    }

    private void layout() {
        List<NodeReport> forward = new ArrayList<>(report.nodes());
        Collections.reverse(forward);
        Map<String, Integer> depth = new LinkedHashMap<>();
        for (NodeReport n : forward) {
            depth.putIfAbsent(n.name(), 0);
            for (String c : n.consumers()) {
                depth.merge(c, depth.get(n.name()) + 1, Math::max);
            }
        }
        Map<Integer, Integer> used = new LinkedHashMap<>();
        int columns = 0;
        int rows = 0;
        for (NodeReport n : forward) {
            int d = depth.get(n.name());
            int r = used.merge(d, 1, Integer::sum) - 1;
            at.put(n.name(), new int[] {MARGIN + d * COL, MARGIN + 14 + r * ROW});
            columns = Math.max(columns, d + 1);
            rows = Math.max(rows, r + 1);
        }
        width = 2 * MARGIN + (columns - 1) * COL + BOX_W;
        height = 2 * MARGIN + 14 + (rows - 1) * ROW + BOX_H;
    }

    String svg() {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"graph of nodes coloured by verdict\">\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\"")
                .append(" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#757575\"/>")
                .append("</marker></defs>\n");
        Set<String> wrongEdges = new HashSet<>();
        for (EdgeReport e : report.blame().edges()) {
            if (e.verdict() == Verdict.FAIL) {
                wrongEdges.add(e.edge().producer() + "\u0000" + e.edge().consumer());
            }
        }
        for (NodeReport n : report.nodes()) {
            for (String c : n.consumers()) {
                int[] p = at.get(n.name());
                int[] q = at.get(c);
                if (p == null || q == null) {
                    continue;
                }
                boolean wrong = wrongEdges.contains(n.name() + "\u0000" + c);
                sb.append("<line class=\"edge").append(wrong ? " fail" : "").append("\" x1=\"").append(p[0] + BOX_W)
                        .append("\" y1=\"").append(p[1] + BOX_H / 2).append("\" x2=\"").append(q[0]).append("\" y2=\"")
                        .append(q[1] + BOX_H / 2).append("\" marker-end=\"url(#arrow)\"><title>")
                        .append(Html.text(n.name() + " → " + c)).append(wrong ? ": its local backward is WRONG" : "")
                        .append("</title></line>\n");
            }
        }
        String origin = report.blame().origin().orElse(null);
        int i = 0;
        for (NodeReport n : report.nodes()) {
            int[] p = at.get(n.name());
            boolean blamed = n.name().equals(origin);
            Optional<Diagnosis> d = diagnoses.forNode(n.name());
            sb.append("<g class=\"node ").append(Html.verdictClass(n.verdict())).append(blamed ? " blame" : "")
                    .append("\" id=\"node-").append(i++).append("\" data-node=\"").append(Html.attr(n.name()))
                    .append("\" data-verdict=\"").append(n.verdict().name()).append("\">")
                    .append("<title>").append(Html.text(n.name() + ": " + n.verdict().label()
                            + d.map(x -> " — " + x.sentence()).orElse(""))).append("</title>")
                    .append("<rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(BOX_W)
                    .append("\" height=\"").append(BOX_H).append("\"/>")
                    .append("<text x=\"").append(p[0] + BOX_W / 2).append("\" y=\"").append(p[1] + 19).append("\">")
                    .append(Html.text(abbreviate(n.name()))).append("</text>")
                    .append("<text x=\"").append(p[0] + BOX_W / 2).append("\" y=\"").append(p[1] + 37).append("\">")
                    .append(n.verdict().label()).append(' ').append(n.shape().rank() == 0 ? "" : n.shape().toString())
                    .append("</text>");
            if (blamed) {
                sb.append("<text class=\"tag\" x=\"").append(p[0] + BOX_W / 2).append("\" y=\"").append(p[1] - 6)
                        .append("\">blame").append(d.map(x -> ": " + x.kind().name().toLowerCase(Locale.ROOT)
                                .replace('_', ' ')).orElse("")).append("</text>");
            }
            sb.append("</g>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    private static String abbreviate(String name) {
        return name.length() <= 18 ? name : name.substring(0, 17) + "…";
    }
}
