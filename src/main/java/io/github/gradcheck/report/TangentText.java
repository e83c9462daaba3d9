package io.github.gradcheck.report;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Factor;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.internal.format.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of a {@link TangentReport}: a row per computed node in forward order (its worst tangent
 * element), the blame going forward with the edges into the origin, each op's adjoint test, the
 * diagnoses, the resolution and the cost.
 */
final class TangentText {

    private TangentText() {
    }

    static String render(TangentReport report, Diagnoses diagnoses) {
        StringBuilder sb = new StringBuilder();
        sb.append("gradcheck: tangents (forward mode) of subject '").append(report.subject()).append("' at ")
                .append(report.point()).append('\n');
        sb.append("verdict: ").append(headline(report)).append("\n\n");
        sb.append(table(report)).append('\n');
        String blame = blame(report);
        if (!blame.isEmpty()) {
            sb.append(blame).append('\n');
        }
        if (!report.identities().isEmpty()) {
            sb.append(identities(report)).append('\n');
        }
        if (!diagnoses.isEmpty()) {
            sb.append(DiagnosisText.renderOnce(diagnoses)).append('\n');
        }
        report.resolution().ifPresent(r -> sb.append("resolution: a relative error of ").append(Numbers.scientific(r))
                .append(" in any non-zero claimed tangent would have been detected\n"));
        for (String note : report.notes()) {
            sb.append("note: ").append(note).append('\n');
        }
        if (report.resolution().isPresent() || !report.notes().isEmpty()) {
            sb.append('\n');
        }
        sb.append("cost: ").append(report.forwardEvaluations()).append(" forward, ");
        if (report.localEvaluations() > 0) {
            sb.append(report.localEvaluations()).append(" single-op (edge checks), ");
        }
        sb.append(report.ruleEvaluations()).append(" tangent-rule and local-backward calls; ")
                .append(report.options().directions()).append(" random input tangents, each measured once for every"
                        + " node\n");
        sb.append("seed: ").append(report.seed()).append(" (used for the random input tangents and the adjoint"
                + " tests' random pairs)\n");
        return sb.toString();
    }

    private static String headline(TangentReport report) {
        return switch (report.verdict()) {
            case PASS -> "ok: every claimed tangent matches the measured one" + (report.identities().isEmpty() ? ""
                    : ", and every " + ruleHolder(report) + "'s tangent rule agrees with its backward");
            case INCONCLUSIVE -> "inconclusive: the measurement was too coarse to decide at some nodes; try another point";
            case FAIL -> report.blame().origin().map(o -> "WRONG: the first wrong node going forward is '" + o + "'")
                    .orElseGet(() -> "WRONG: the tangent rule of " + report.failedIdentities().get(0).where()
                            .replaceFirst(", random pair \\d+$", "") + " disagrees with its backward");
        };
    }

    private static String table(TangentReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"node", "kind", "shape", "at", "analytic", "numeric", "abs err", "rel err", "verdict"});
        for (NodeReport n : report.nodes()) {
            ElementComparison w = n.worst();
            rows.add(new String[] {n.name(), n.kind().name().toLowerCase(Locale.ROOT), n.shape().toString(),
                (w.position().isEmpty() ? "" : w.position() + " ") + "t" + w.cotangent(), Numbers.full(w.analytic()), Numbers.full(w.numeric()),
                Numbers.scientific(w.absoluteError()), Numbers.scientific(w.relativeError()), verdictCell(n)});
        }
        return Columns.align(rows);
    }

    private static String verdictCell(NodeReport n) {
        Verdict v = n.verdict();
        if (v != Verdict.FAIL) {
            return v.label();
        }
        List<String> notes = new ArrayList<>();
        if (n.elements().size() > 1) {
            notes.add(n.failedElements() + " of " + n.elements().size() + " wrong");
        }
        Factor.common(n.elements()).filter(Factor::simple).ifPresent(f -> notes.add("analytic = " + f.decimal()
                + " × numeric"));
        return notes.isEmpty() ? v.label() : v.label() + " (" + String.join(", ", notes) + ")";
    }

    private static String blame(TangentReport report) {
        Blame b = report.blame();
        if (b.origin().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        String origin = b.origin().get();
        sb.append("blame: ").append(describeOrigin(report, origin, "is the first node, going forward,")).append('\n');
        for (String other : b.otherOrigins()) {
            sb.append("also:  ").append(describeOrigin(report, other, "is wrong too")).append('\n');
        }
        for (EdgeReport e : b.edges()) {
            ElementComparison w = e.worst();
            sb.append("edge:  ").append(e.consumer()).append(" with respect to argument ").append(e.edge().argument())
                    .append(" ('").append(e.edge().producer()).append("') is ").append(e.verdict() == Verdict.FAIL
                    ? "WRONG: along the tangent of '" + e.edge().producer() + "' alone it gave " + Numbers.full(w.analytic())
                    + ", the " + (e.consumer().contains("layer '") ? "layer" : "op") + " alone measures "
                    + Numbers.full(w.numeric()) : e.verdict().label()).append('\n');
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
            boolean known = !report.producers().getOrDefault(origin, List.of()).isEmpty();
            sb.append(known ? "wrong only as a consequence (a producer's tangent is wrong): "
                    : "wrong later (consequences, or errors of their own): ")
                    .append(String.join(", ", b.consequences())).append('\n');
        }
        return sb.toString();
    }

    private static String describeOrigin(TangentReport report, String node, String what) {
        NodeReport o = report.node(node).orElseThrow();
        List<String> producers = report.producers().getOrDefault(node, List.of());
        StringBuilder sb = new StringBuilder("'").append(node).append("' ");
        if (producers.isEmpty()) {
            sb.append(what.replace("going forward", "in the order the forward records them"))
                    .append(" whose tangent is wrong, every tangent before it right:\n       the tangent code of '")
                    .append(node).append("' is where the error enters.");
        } else {
            sb.append(what).append(" whose tangent is wrong while the tangents of its producers (")
                    .append(String.join(", ", producers)).append(") are right:\n       the tangent rule that maps d(")
                    .append(String.join("), d(", producers)).append(") to d(").append(node).append(") is broken.");
        }
        ElementComparison w = o.worst();
        sb.append("\n       at ").append(node).append(w.position()).append(" along tangent ").append(w.cotangent())
                .append(": claimed ").append(Numbers.full(w.analytic())).append(", measured ")
                .append(Numbers.full(w.numeric())).append(" ± ").append(Numbers.scientific(w.errorEstimate()));
        Optional<Factor> f = Factor.common(o.elements()).filter(Factor::simple);
        f.ifPresent(x -> sb.append("; analytic = ").append(x.decimal()).append(" × numeric")
                .append(x.mistake().map(m -> " (" + m + ")").orElse("")));
        return sb.toString();
    }

    /** {@return what holds the tangent rules the adjoint tests tested: "op", "layer", or "node" for both} */
    static String ruleHolder(TangentReport report) {
        boolean layers = report.identities().stream().anyMatch(i -> i.where().startsWith("layer '"));
        boolean ops = report.identities().stream().anyMatch(i -> !i.where().startsWith("layer '"));
        return layers && ops ? "node" : layers ? "layer" : "op";
    }

    private static String identities(TangentReport report) {
        List<IdentityCheck> failed = report.failedIdentities();
        long ops = report.nodes().size();
        if (failed.isEmpty()) {
            double worst = report.identities().stream().mapToDouble(IdentityCheck::relativeError).max().orElse(0);
            return "adjoint: every " + ruleHolder(report) + "'s tangent rule agrees with its backward, ⟨ū, J·t⟩ = ⟨Jᵀ·ū,"
                    + " t⟩ to rounding (" + ops + " " + ruleHolder(report) + "s, " + report.identities().size() + " random pairs; largest relative difference "
                    + Numbers.scientific(worst) + ")\n";
        }
        StringBuilder sb = new StringBuilder("adjoint: ⟨ū, J·t⟩ = ⟨Jᵀ·ū, t⟩ WRONG for some " + ruleHolder(report) + "s: their tangent rule and"
                + " their backward disagree\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"  check", "left", "right", "abs diff", "rounding allows", "verdict"});
        for (IdentityCheck c : failed) {
            rows.add(new String[] {"  " + c.where(), Numbers.full(c.left()), Numbers.full(c.right()),
                Numbers.scientific(c.absoluteError()), Numbers.scientific(c.tolerance()), c.verdict().label()});
        }
        return sb.append(Columns.align(rows)).toString();
    }
}
