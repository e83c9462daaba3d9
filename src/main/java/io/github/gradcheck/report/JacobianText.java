package io.github.gradcheck.report;

import io.github.gradcheck.check.DirectionComparison;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Factor;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianBlock;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.model.Precision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The text of a {@link JacobianReport}: a header, a row per input (its block of columns), the
 * entries (every entry of a small matrix; the wrong and inconclusive ones of a large one), the
 * diagnosis, the identities, for a Hessian its gradient check, what the verdicts rest on, and the
 * cost.
 */
final class JacobianText {

    /** Matrices with at most this many compared entries are shown in full. */
    static final int ALL_ENTRIES = 48;

    /** At most this many entries are listed of a larger matrix. */
    static final int LISTED = 24;

    private final JacobianReport report;
    private final String symbol;

    private JacobianText(JacobianReport report) {
        this.report = report;
        this.symbol = report.symbol();
    }

    static String render(JacobianReport report, Diagnoses diagnoses) {
        return new JacobianText(report).render(diagnoses);
    }

    private String render(Diagnoses diagnoses) {
        StringBuilder sb = new StringBuilder();
        sb.append("gradcheck: ").append(report.kind().label()).append(" of subject '").append(report.subject())
                .append("' at ").append(report.point()).append('\n');
        sb.append("verdict: ").append(headline()).append("\n\n");
        gradient(sb);
        sb.append(layout()).append('\n');
        sb.append(blocks()).append('\n');
        sb.append(entries()).append('\n');
        String identities = identities();
        if (!identities.isEmpty()) {
            sb.append(identities).append('\n');
        }
        if (!diagnoses.isEmpty()) {
            sb.append(DiagnosisText.render(diagnoses)).append('\n');
        }
        String basis = basis();
        if (!basis.isEmpty()) {
            sb.append(basis).append('\n');
        }
        sb.append(cost());
        return sb.toString();
    }

    // ---- header -------------------------------------------------------------------------------

    private String headline() {
        List<JacobianEntry> wrong = report.wrongEntries();
        return switch (report.verdict()) {
            case PASS -> "ok: every claimed entry of " + symbol + " matches the measured one"
                    + (report.identities().isEmpty() ? "" : identitiesHold());
            case INCONCLUSIVE -> inconclusiveHeadline();
            case FAIL -> failedHeadline(wrong);
        };
    }

    private String identitiesHold() {
        boolean adjoint = report.identities().stream().anyMatch(i -> i.identity() == IdentityCheck.Identity.ADJOINT);
        return adjoint ? ", and the JVP agrees with the VJP" : ", and it is symmetric";
    }

    private String failedHeadline(List<JacobianEntry> wrong) {
        Optional<GradientReport> g = report.gradient();
        String gradient = g.isPresent() && g.get().verdict() == Verdict.FAIL
                ? "the claimed gradient is wrong (first wrong node '" + g.get().blame().origin().orElse("?") + "')" : "";
        if (!wrong.isEmpty()) {
            JacobianEntry worst = wrong.stream().max(Comparator.comparingDouble(e -> e.comparison().severity()))
                    .orElseThrow();
            String entries = wrong.size() + " of " + report.entries().size() + " compared entries of " + symbol
                    + (wrong.size() == 1 ? " is" : " are") + " wrong, the worst " + worst.name(symbol) + " ("
                    + worst.derivative(report.kind()) + ")";
            return "WRONG: " + (gradient.isEmpty() ? entries : gradient + "; " + entries);
        }
        if (!gradient.isEmpty()) {
            return "WRONG: " + gradient;
        }
        for (JacobianBlock b : report.blocks()) {
            if (b.tangents().stream().anyMatch(d -> d.verdict() == Verdict.FAIL)) {
                return "WRONG: " + symbol + "·t is wrong along a random tangent of input '" + b.input() + "', though no"
                        + " single column could be shown wrong";
            }
        }
        List<IdentityCheck> identities = report.failedIdentities();
        if (!identities.isEmpty() && identities.get(0).identity() == IdentityCheck.Identity.ADJOINT) {
            return "WRONG: the JVP and the VJP disagree (the adjoint test ⟨u, J·t⟩ = ⟨Jᵀ·u, t⟩ failed)";
        }
        return "WRONG: the claimed Hessian is not symmetric";
    }

    private String inconclusiveHeadline() {
        boolean kink = allEntries().anyMatch(e -> e.finding() == Finding.KINK);
        boolean edge = allEntries().anyMatch(e -> e.finding() == Finding.DOMAIN_EDGE);
        if (edge) {
            return "inconclusive: the function is not finite within a step of the point (edge of its domain) for some"
                    + " columns; choose a point further inside the domain";
        }
        if (kink) {
            return "inconclusive: the function has a kink (is not differentiable) within the measuring stencil for"
                    + " some columns; try another point";
        }
        if (report.gradient().map(g -> g.verdict() == Verdict.INCONCLUSIVE).orElse(false)) {
            return "inconclusive: the check of the claimed gradient was inconclusive; try another point";
        }
        return "inconclusive: the measurement was too coarse to decide for some entries; try another point";
    }

    private java.util.stream.Stream<ElementComparison> allEntries() {
        return report.blocks().stream().flatMap(b -> b.entries().stream());
    }

    /** What the rows and columns are. */
    private String layout() {
        String measured = "; measured from " + report.measurement().description() + "\n";
        String size = symbol + " is " + report.rows().size() + " × " + report.columns().size();
        if (report.rows().equals(report.columns())) {
            return size + ": its rows and columns are the elements of " + parts(report.columns()) + measured;
        }
        return size + ": rows are the elements of " + parts(report.rows()) + ", columns the elements of "
                + parts(report.columns()) + measured;
    }

    private static String parts(io.github.gradcheck.check.Axis axis) {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < axis.names().size(); p++) {
            out.add(axis.names().get(p) + " " + axis.shapes().get(p));
        }
        return String.join(", ", out);
    }

    // ---- tables -------------------------------------------------------------------------------

    private String blocks() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"input", "shape", "columns", "worst entry", "analytic", "numeric", "abs err", "rel err",
            "verdict"});
        for (JacobianBlock b : report.blocks()) {
            String columns = b.shape().size() == 1 ? Integer.toString(b.firstColumn())
                    : b.firstColumn() + ".." + (b.firstColumn() + b.shape().size() - 1);
            Optional<DirectionComparison> d = failedTangentOnly(b);
            if (d.isPresent()) {
                DirectionComparison w = d.get();
                double abs = Math.abs(w.analytic() - w.numeric());
                double rel = abs / Math.max(Math.abs(w.analytic()), Math.abs(w.numeric()));
                rows.add(new String[] {b.input(), b.shape().toString(), columns, "tangent " + w.direction() + ", "
                    + report.rows().label(w.cotangent()), Numbers.full(w.analytic()), Numbers.full(w.numeric()),
                    Numbers.scientific(abs), Numbers.scientific(rel), verdictCell(b)});
                continue;
            }
            ElementComparison w = b.worst();
            rows.add(new String[] {b.input(), b.shape().toString(), columns, entryName(b, w), Numbers.full(w.analytic()),
                Numbers.full(w.numeric()), Numbers.scientific(w.absoluteError()), Numbers.scientific(w.relativeError()),
                verdictCell(b)});
        }
        return Columns.align(rows);
    }

    private String entryName(JacobianBlock b, ElementComparison e) {
        return symbol + "[" + e.cotangent() + "," + (b.firstColumn() + e.index()) + "]";
    }

    private static Optional<DirectionComparison> failedTangentOnly(JacobianBlock b) {
        if (b.failedEntries() > 0) {
            return Optional.empty();
        }
        return b.tangents().stream().filter(d -> d.verdict() == Verdict.FAIL)
                .max(Comparator.comparingDouble(DirectionComparison::severity));
    }

    private static String verdictCell(JacobianBlock b) {
        Verdict v = b.verdict();
        return switch (v) {
            case PASS -> v.label();
            case FAIL -> {
                List<String> notes = new ArrayList<>();
                notes.add(b.failedEntries() + " of " + b.entries().size() + (b.coverage().complete() ? "" : " checked")
                        + " entries wrong");
                Factor.common(b.entries()).filter(Factor::simple)
                        .ifPresent(f -> notes.add("analytic = " + f.decimal() + " × numeric"));
                yield v.label() + " (" + String.join(", ", notes) + ")";
            }
            case INCONCLUSIVE -> v.label() + " (" + b.inconclusiveEntries() + " of " + b.entries().size()
                    + " entries inconclusive)";
        };
    }

    private String entries() {
        List<JacobianEntry> all = report.entries();
        List<JacobianEntry> shown = all;
        String more = "";
        if (all.size() > ALL_ENTRIES) {
            List<JacobianEntry> notOk = all.stream().filter(e -> e.verdict() != Verdict.PASS).toList();
            shown = notOk.stream().limit(LISTED).toList();
            long rest = all.size() - shown.size();
            long restWrong = notOk.size() - shown.size();
            more = "… " + rest + " more entries, " + (restWrong > 0 ? restWrong + " of them wrong or inconclusive"
                    : "all ok") + "\n";
        }
        if (shown.isEmpty()) {
            return "entries: all " + all.size() + " compared entries are ok\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"entry", "row", "column", "analytic", "numeric", "abs err", "rel err", "verdict"});
        for (JacobianEntry e : shown) {
            ElementComparison c = e.comparison();
            rows.add(new String[] {e.name(symbol), e.rowLabel(), e.columnLabel(), Numbers.full(c.analytic()),
                Numbers.full(c.numeric()), Numbers.scientific(c.absoluteError()), Numbers.scientific(c.relativeError()),
                entryVerdict(c)});
        }
        return Columns.align(rows) + more;
    }

    private static String entryVerdict(ElementComparison c) {
        if (c.verdict() == Verdict.INCONCLUSIVE && c.finding() != Finding.MEASURED) {
            return c.verdict().label() + " (" + c.finding().description() + ")";
        }
        if (c.verdict() == Verdict.FAIL && c.numeric() != 0 && Double.isFinite(c.analytic())) {
            Factor f = null;
            double ratio = c.analytic() / c.numeric();
            if (ratio != 0 && Double.isFinite(ratio)) {
                f = Factor.of(ratio);
            }
            if (f != null && f.simple()) {
                return c.verdict().label() + " (analytic = " + f.decimal() + " × numeric)";
            }
        }
        return c.verdict().label();
    }

    // ---- identities, gradient -----------------------------------------------------------------

    private String identities() {
        StringBuilder sb = new StringBuilder();
        for (IdentityCheck.Identity kind : IdentityCheck.Identity.values()) {
            List<IdentityCheck> checks = report.identities().stream().filter(i -> i.identity() == kind).toList();
            if (checks.isEmpty()) {
                continue;
            }
            Verdict v = Verdict.PASS;
            for (IdentityCheck c : checks) {
                v = v.and(c.verdict());
            }
            if (v == Verdict.PASS) {
                IdentityCheck worst = checks.stream().max(Comparator.comparingDouble(IdentityCheck::relativeError))
                        .orElseThrow();
                String over = kind == IdentityCheck.Identity.ADJOINT || checks.size() > 1
                        ? describeCount(kind, checks.size()) : worst.where();
                sb.append(kind.label()).append(": ").append(kind.formula()).append(" holds to rounding (")
                        .append(over).append("; largest relative difference ")
                        .append(Numbers.scientific(worst.relativeError())).append(", no finite differences involved)\n");
                continue;
            }
            sb.append(kind.label()).append(": ").append(kind.formula()).append(" ").append(v.label()).append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"  check", "left", "right", "abs diff", "rounding allows", "verdict"});
            for (IdentityCheck c : checks) {
                rows.add(new String[] {"  " + c.where(), Numbers.full(c.left()), Numbers.full(c.right()),
                    Numbers.scientific(c.absoluteError()), Numbers.scientific(c.tolerance()), c.verdict().label()});
            }
            sb.append(Columns.align(rows));
        }
        return sb.toString();
    }

    private static String describeCount(IdentityCheck.Identity kind, int n) {
        return kind == IdentityCheck.Identity.ADJOINT ? n + (n == 1 ? " random pair (u, t)" : " random pairs (u, t)")
                : n + (n == 1 ? " random pair (u, v)" : " random pairs (u, v)");
    }

    private void gradient(StringBuilder sb) {
        if (report.gradient().isEmpty()) {
            return;
        }
        GradientReport g = report.gradient().get();
        sb.append("gradient: the claimed gradient was checked first: ").append(g.verdict().label());
        switch (g.verdict()) {
            case PASS -> sb.append(g.resolution().isPresent() ? " (resolution " + Numbers.scientific(
                    g.resolution().getAsDouble()) + ")" : "").append("; the Hessian is measured from its differences\n\n");
            case FAIL -> sb.append("; the Hessian is measured from second differences of the function instead, and the"
                    + " gradient's report follows:\n").append(indent(TextReport.render(g))).append('\n');
            case INCONCLUSIVE -> sb.append("; the Hessian is measured from second differences of the function"
                    + " instead\n\n");
        }
    }

    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                sb.append("  | ").append(line);
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }

    // ---- basis and cost -----------------------------------------------------------------------

    private String basis() {
        StringBuilder sb = new StringBuilder();
        report.resolution().ifPresent(r -> sb.append("resolution: a relative error of ").append(Numbers.scientific(r))
                .append(" in any non-zero claimed entry would have been detected")
                .append(anyFloat() ? " (float32 arithmetic)" : "").append('\n'));
        for (String note : report.notes()) {
            sb.append("note: ").append(note).append('\n');
        }
        return sb.toString();
    }

    private boolean anyFloat() {
        return report.blocks().stream().anyMatch(b -> b.precision() == Precision.FLOAT);
    }

    private String cost() {
        StringBuilder sb = new StringBuilder();
        if (!report.complete()) {
            sb.append("mode: ").append(report.mode().label());
            for (JacobianBlock b : report.blocks()) {
                sb.append("\n  ").append(b.input()).append(": ").append(b.coverage().describe()
                        .replace("Gaussian direction", "Gaussian tangent").replace("elements", "columns")
                        .replace("its one element", "its one column").replace("every element", "every column"));
            }
            sb.append('\n');
        }
        String of = switch (report.measurement()) {
            case FUNCTION_DIFFERENCES, SECOND_DIFFERENCES -> "the function";
            case GRADIENT_DIFFERENCES -> "the gradient";
        };
        String per = report.kind().secondOrder() ? "Hessian row" : "Jacobian column";
        sb.append("cost: ").append(report.forwardEvaluations()).append(" evaluations of ").append(of);
        double perColumn = report.evaluationsPerColumn();
        if (Double.isFinite(perColumn)) {
            sb.append(" (").append(Numbers.fixed(perColumn, 1)).append(" per ").append(per).append(")");
        }
        sb.append(", ").append(report.claimEvaluations()).append(report.claimEvaluations() == 1 ? " call" : " calls")
                .append(" of the claimed ").append(claimed());
        report.gradient().ifPresent(g -> sb.append("; the gradient's check: ").append(g.forwardEvaluations())
                .append(" forward, ").append(g.backwardEvaluations()).append(" backward evaluations"));
        List<String> perBlock = new ArrayList<>();
        for (JacobianBlock b : report.blocks()) {
            perBlock.add(b.input() + " " + b.forwardEvaluations());
        }
        sb.append("\n      evaluations by input: ").append(String.join(", ", perBlock));
        sb.append("\nseed: ").append(report.seed());
        boolean random = !report.complete() || report.identities().stream().anyMatch(i ->
                i.identity() == IdentityCheck.Identity.ADJOINT || report.kind().products());
        sb.append(random ? " (used for " + randomUses() + ")" : " (no randomness was used)");
        return sb.append('\n').toString();
    }

    private String randomUses() {
        List<String> uses = new ArrayList<>();
        if (!report.complete()) {
            uses.add("the random tangents and sampled columns");
        }
        if (report.identities().stream().anyMatch(i -> i.identity() == IdentityCheck.Identity.ADJOINT)) {
            uses.add("the adjoint test's random pairs");
        }
        if (report.identities().stream().anyMatch(i -> i.identity() == IdentityCheck.Identity.SYMMETRY)
                && report.kind().products()) {
            uses.add("the symmetry test's random pairs");
        }
        return String.join(" and ", uses);
    }

    private String claimed() {
        return switch (report.kind()) {
            case JACOBIAN -> "Jacobian";
            case JVP -> "JVP" + (report.identities().isEmpty() ? "" : " and VJP");
            case HESSIAN -> "Hessian";
            case HVP -> "HVP";
        };
    }
}
