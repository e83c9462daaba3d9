package io.github.gradcheck.report;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.check.DirectionComparison;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.model.Edge;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * Renders a {@link GradientReport} as the text a person reads in a failed test: a header,
 * one row per node in backward order (the worst element of arrays, with its index), the
 * blame in sentences, and the cost and seed.
 *
 * <pre>
 * node    kind          shape   at  analytic             numeric              abs err   rel err   verdict
 * f       output        scalar      1.0                  1.0                  0.0e+00   0.0e+00   ok
 * invden  intermediate  scalar      3.0179862099620918   3.017986209962092    ...       ...       ok
 * den     intermediate  scalar      0.7915934472725935   -0.7915934472725935  1.6e+00   2.0e+00   WRONG (analytic = -1 × numeric)
 * </pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class TextReport {

    private TextReport() {
    }

    /** The full report, with the diagnoses that follow from the report alone. */
    public static String render(GradientReport report) {
        return render(report, Diagnoses.of(report));
    }

    /**
     * The full report followed by a line with the check's wall time. {@link #render(GradientReport)}
     * leaves the time out, so that the same check at the same seed renders the same text.
     *
     * @since 0.1.0
     */
    public static String renderWithWallTime(GradientReport report) {
        return render(report) + String.format(Locale.ROOT, "wall time: %.3f s%n", report.wallTime().toNanos() / 1e9);
    }

    /**
     * The full report with the given diagnoses, e.g. those of {@code Diagnoses.of(report, subject)},
     * which can also recognise an overwritten fan-out gradient.
     */
    public static String render(GradientReport report, Diagnoses diagnoses) {
        StringBuilder sb = new StringBuilder();
        sb.append("gradcheck: subject '").append(report.subject()).append("' at ").append(report.point()).append('\n');
        sb.append("verdict: ").append(headline(report)).append("\n\n");
        sb.append(table(report)).append('\n');
        String blame = blame(report);
        if (!blame.isEmpty()) {
            sb.append(blame).append('\n');
        }
        if (!diagnoses.isEmpty()) {
            sb.append(DiagnosisText.render(diagnoses)).append('\n');
        }
        String findings = findings(report);
        if (!findings.isEmpty()) {
            sb.append(findings).append('\n');
        }
        sb.append(cost(report));
        return sb.toString();
    }

    private static String headline(GradientReport report) {
        Verdict v = report.verdict();
        if (v == Verdict.PASS) {
            return "ok: every claimed gradient matches the measured one";
        }
        if (v == Verdict.INCONCLUSIVE) {
            boolean kink = report.nodes().stream().flatMap(n -> n.elements().stream())
                    .anyMatch(e -> e.finding() == io.github.gradcheck.check.Finding.KINK);
            boolean edge = report.nodes().stream().flatMap(n -> n.elements().stream())
                    .anyMatch(e -> e.finding() == io.github.gradcheck.check.Finding.DOMAIN_EDGE);
            if (edge) {
                return "inconclusive: the function is not finite within a step of the point (edge of its domain) at"
                        + " some nodes, even with smaller steps; choose a point further inside the domain";
            }
            return kink ? "inconclusive: the function has a kink (is not differentiable) within the measuring stencil"
                    + " at some nodes; try another point"
                    : "inconclusive: the measurement was too coarse to decide at some nodes; try another point";
        }
        return "WRONG: the first wrong node is '" + report.blame().origin().orElse("?") + "'";
    }

    private static String table(GradientReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"node", "kind", "shape", "at", "analytic", "numeric", "abs err", "rel err", "verdict"});
        for (NodeReport n : report.nodes()) {
            java.util.Optional<DirectionComparison> d = failedDirectionOnly(n);
            if (d.isPresent()) {
                DirectionComparison w = d.get();
                double abs = Math.abs(w.analytic() - w.numeric());
                double rel = abs / Math.max(Math.abs(w.analytic()), Math.abs(w.numeric()));
                rows.add(new String[] {n.name(), n.kind().name().toLowerCase(Locale.ROOT), n.shape().toString(),
                    "direction " + w.direction(), number(w.analytic()), number(w.numeric()), sci(abs), sci(rel),
                    verdictCell(n)});
                continue;
            }
            ElementComparison w = n.worst();
            rows.add(new String[] {n.name(), n.kind().name().toLowerCase(Locale.ROOT), n.shape().toString(),
                w.position() + cotangentSuffix(report, w), number(w.analytic()), number(w.numeric()),
                sci(w.absoluteError()), sci(w.relativeError()), verdictCell(n)});
        }
        return Columns.align(rows);
    }

    /** The worst failed random direction of a node none of whose checked elements failed. */
    private static java.util.Optional<DirectionComparison> failedDirectionOnly(NodeReport n) {
        if (n.failedElements() > 0) {
            return java.util.Optional.empty();
        }
        return n.directions().stream().filter(d -> d.verdict() == Verdict.FAIL)
                .max(java.util.Comparator.comparingDouble(DirectionComparison::severity));
    }

    private static String cotangentSuffix(GradientReport report, ElementComparison w) {
        return report.options().cotangents() == CotangentMode.FULL_JACOBIAN && hasVectorOutput(report)
                ? " out" + w.cotangent() : "";
    }

    private static boolean hasVectorOutput(GradientReport report) {
        return !report.nodes().isEmpty() && report.nodes().get(0).shape().size() > 1;
    }

    private static String verdictCell(NodeReport n) {
        Verdict v = n.verdict();
        StringBuilder sb = new StringBuilder(v.label());
        if (n.deviates()) {
            return sb.append(" (deviates as declared)").toString();
        }
        if (v == Verdict.FAIL) {
            List<String> notes = new ArrayList<>();
            int total = n.elements().size();
            if (!n.coverage().complete()) {
                long dirs = n.directions().stream().filter(d -> d.verdict() == Verdict.FAIL).count();
                notes.add(n.failedElements() + " of " + total + " checked elements" + (dirs > 0 ? ", " + dirs + " of "
                        + n.directions().size() + " directions" : "") + " wrong");
            } else if (total > 1) {
                notes.add(n.failedElements() + " of " + total + " wrong");
            }
            factor(n.commonFactor()).ifPresent(notes::add);
            if (!notes.isEmpty()) {
                sb.append(" (").append(String.join(", ", notes)).append(')');
            }
        } else if (v == Verdict.INCONCLUSIVE) {
            long k = n.elements().stream().filter(e -> e.verdict() == Verdict.INCONCLUSIVE
                    && e.finding() != io.github.gradcheck.check.Finding.KINK
                    && e.finding() != io.github.gradcheck.check.Finding.DOMAIN_EDGE).count();
            long edges = n.elements().stream().filter(e -> e.verdict() == Verdict.INCONCLUSIVE
                    && e.finding() == io.github.gradcheck.check.Finding.DOMAIN_EDGE).count();
            long kinks = n.elements().stream().filter(e -> e.verdict() == Verdict.INCONCLUSIVE
                    && e.finding() == io.github.gradcheck.check.Finding.KINK).count();
            List<String> notes = new ArrayList<>();
            if (k > 0) {
                notes.add(k + " of " + n.elements().size() + " too coarse");
            }
            if (kinks > 0) {
                notes.add(kinks + " of " + n.elements().size() + " at a kink");
            }
            if (edges > 0) {
                notes.add(edges + " of " + n.elements().size() + " not finite within a step: edge of the domain");
            }
            sb.append(" (").append(String.join(", ", notes)).append(')');
        }
        return sb.toString();
    }

    private static java.util.Optional<String> factor(OptionalDouble c) {
        if (c.isEmpty() || !isSimple(c.getAsDouble())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("analytic = " + compact(c.getAsDouble()) + " × numeric");
    }

    /** A factor worth naming: ±n or ±1/n for a whole n; anything else is just a wrong value. */
    private static boolean isSimple(double c) {
        if (c == 0 || !Double.isFinite(c)) {
            return false;
        }
        double whole = Math.rint(c);
        double inverse = Math.rint(1 / c);
        return Math.abs(c - whole) <= 1e-6 * Math.abs(c) || Math.abs(1 / c - inverse) <= 1e-6 * Math.abs(1 / c);
    }

    private static String blame(GradientReport report) {
        Blame b = report.blame();
        if (b.origin().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        String origin = b.origin().get();
        NodeReport o = report.node(origin).orElseThrow();
        sb.append("blame: ").append(describeOrigin(o)).append('\n');
        for (String other : b.otherOrigins()) {
            sb.append("also:  ").append(describeOrigin(report.node(other).orElseThrow())
                    .replace("is the first node whose gradient is wrong", "is wrong too")).append('\n');
        }
        for (EdgeReport e : b.edges()) {
            sb.append("edge:  ").append(describeEdge(e)).append('\n');
        }
        List<String> right = new ArrayList<>();
        for (NodeReport n : report.nodes()) {
            if (n.verdict() == Verdict.PASS) {
                right.add(n.name());
            }
        }
        if (!right.isEmpty()) {
            sb.append("right: ").append(String.join(", ", right)).append('\n');
        }
        if (!b.consequences().isEmpty()) {
            sb.append("wrong only as a consequence (a consumer's gradient is wrong): ")
                    .append(String.join(", ", b.consequences())).append('\n');
        }
        return sb.toString();
    }

    private static String describeOrigin(NodeReport o) {
        StringBuilder sb = new StringBuilder();
        sb.append("'").append(o.name()).append("' is the first node whose gradient is wrong");
        if (o.independent()) {
            sb.append(": the output does not depend on '").append(o.name()).append("' (every perturbation left it")
                    .append(" bit-identical),\n       so its true gradient is 0 and its claimed gradient should be 0.");
        } else if (o.consumers().isEmpty()) {
            if (o.kind() == io.github.gradcheck.model.NodeKind.OUTPUT) {
                sb.append(": it is the output, so the reported gradient of the output (the seed) is wrong.");
            } else {
                sb.append("; nothing consumes it, so its true gradient is 0: its claimed gradient should be 0.");
            }
        } else {
            String consumers = String.join(", ", o.consumers());
            sb.append(" while the gradients of its consumers (").append(consumers).append(") are right:\n       ")
                    .append("the backward rule that maps d(").append(String.join("), d(", o.consumers()))
                    .append(") to d(").append(o.name()).append(") is broken.");
        }
        ElementComparison w = o.worst();
        sb.append("\n       at ").append(o.name()).append(w.position()).append(": claimed ").append(number(w.analytic()))
                .append(", measured ").append(number(w.numeric())).append(" ± ").append(sci(w.errorEstimate()));
        if (factor(o.commonFactor()).isPresent()) {
            sb.append("; ").append(factor(o.commonFactor()).get()).append(explainFactor(o.commonFactor()));
        }
        return sb.toString();
    }

    private static String explainFactor(OptionalDouble c) {
        double f = c.getAsDouble();
        if (Math.abs(f + 1) < 1e-6) {
            return " (a flipped sign)";
        }
        if (Math.abs(f - Math.rint(f)) < 1e-6 && Math.abs(f) >= 2) {
            return " (a factor of " + (long) Math.rint(f) + " too many)";
        }
        double inv = 1 / f;
        if (Math.abs(inv - Math.rint(inv)) < 1e-6 && Math.abs(inv) >= 2) {
            return " (missing a factor of " + (long) Math.rint(inv) + ")";
        }
        return "";
    }

    private static String describeEdge(EdgeReport e) {
        Edge edge = e.edge();
        ElementComparison w = e.worst();
        String target = "argument " + edge.argument() + " ('" + edge.producer() + "')";
        StringBuilder sb = new StringBuilder("the backward of ").append(e.consumer()).append(" with respect to ")
                .append(target).append(" is ");
        if (e.verdict() == Verdict.FAIL) {
            sb.append("WRONG: it gave ").append(number(w.analytic())).append(" at ").append(edge.producer())
                    .append(w.position()).append(", the consumer alone measures ").append(number(w.numeric()));
        } else {
            sb.append(e.verdict().label());
        }
        return sb.toString();
    }

    /** Resolution, declared deviations and notes: what the verdicts rest on. */
    private static String findings(GradientReport report) {
        StringBuilder sb = new StringBuilder();
        report.resolution().ifPresent(r -> sb.append("resolution: a relative error of ").append(sci(r))
                .append(" in any non-zero claimed gradient would have been detected")
                .append(anyFloat(report) ? " (float32 arithmetic)" : "").append('\n'));
        for (NodeReport n : report.deviations()) {
            sb.append("deviation: '").append(n.name()).append("' deviates as declared: ")
                    .append(n.deviation().orElse("")).append(" (measured ").append(number(n.worst().numeric()))
                    .append(", claimed ").append(number(n.worst().analytic())).append(")\n");
        }
        for (NodeReport n : report.nodes()) {
            if (n.independent() && n.verdict() == Verdict.PASS && n.kind() == io.github.gradcheck.model.NodeKind.INPUT) {
                sb.append("unused: the output does not depend on input '").append(n.name())
                        .append("'; its claimed gradient is 0, as it should be\n");
            }
        }
        for (String note : report.notes()) {
            sb.append("note: ").append(note).append('\n');
        }
        return sb.toString();
    }

    private static boolean anyFloat(GradientReport report) {
        return report.nodes().stream().anyMatch(n -> n.precision() == io.github.gradcheck.model.Precision.FLOAT);
    }

    private static String cost(GradientReport report) {
        StringBuilder sb = new StringBuilder();
        if (!report.complete()) {
            sb.append("mode: ").append(report.mode().label());
            for (NodeReport n : report.nodes()) {
                sb.append("\n  ").append(n.name()).append(": ").append(n.coverage().describe());
            }
            sb.append('\n');
        }
        sb.append("cost: ").append(report.forwardEvaluations()).append(" forward, ");
        if (report.localEvaluations() > 0) {
            sb.append(report.localEvaluations()).append(" single-op (edge checks), ");
        }
        sb.append(report.backwardEvaluations()).append(" backward evaluations; each measurement re-evaluated ")
                .append(report.replayScope());
        List<String> perNode = new ArrayList<>();
        for (NodeReport n : report.nodes()) {
            perNode.add(n.name() + " " + n.forwardEvaluations());
        }
        sb.append("\n      forward evaluations by node: ").append(String.join(", ", perNode));
        sb.append("\nseed: ").append(report.seed());
        List<String> uses = new ArrayList<>();
        if (hasVectorOutput(report) && report.options().cotangents() == CotangentMode.RANDOM) {
            uses.add("the random output cotangent");
        }
        if (report.mode() == io.github.gradcheck.check.CheckMode.FAST) {
            uses.add("the random directions and sampled elements");
        } else if (report.mode() == io.github.gradcheck.check.CheckMode.SAMPLED) {
            uses.add("the sampled elements");
        }
        sb.append(uses.isEmpty() ? " (no randomness was used)" : " (used for " + String.join(" and ", uses) + ")");
        return sb.append('\n').toString();
    }

    /** A double in full: the shortest representation that reads back exactly. */
    static String number(double x) {
        return Double.toString(x);
    }

    static String sci(double x) {
        return String.format(Locale.ROOT, "%.1e", x);
    }

    static String compact(double x) {
        if (Math.abs(x - Math.rint(x)) < 1e-9 * Math.max(1, Math.abs(x))) {
            return Long.toString((long) Math.rint(x));
        }
        String s = String.format(Locale.ROOT, "%.6g", x);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
