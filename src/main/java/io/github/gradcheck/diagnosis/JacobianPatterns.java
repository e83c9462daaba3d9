package io.github.gradcheck.diagnosis;

import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Factor;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.internal.format.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Recognises the shape of error in a wrong Jacobian or Hessian from its compared entries: a
 * flipped sign or a constant factor over the whole matrix, a transpose, entries claimed 0 where
 * the true ones are not (a missing term), entries where the true ones are 0, one wrong entry, a
 * wrong row (one output component) or column (one input element), or a list of entries. Every
 * shape is tested at every compared entry within its tolerance. The identities add their own
 * diagnoses: a JVP and a VJP that disagree, an asymmetric Hessian.
 */
final class JacobianPatterns {

    private static final int LISTED = 6;

    private final JacobianReport report;
    private final String symbol;
    private final List<JacobianEntry> all;
    private final List<JacobianEntry> failed;

    private JacobianPatterns(JacobianReport report) {
        this.report = report;
        this.symbol = report.symbol();
        this.all = report.entries();
        this.failed = all.stream().filter(e -> e.verdict() == Verdict.FAIL).toList();
    }

    /** The diagnoses of a Jacobian report: of its entries, when some are wrong, and of its failed identities. */
    static List<Diagnosis> diagnose(JacobianReport report) {
        JacobianPatterns p = new JacobianPatterns(report);
        List<Diagnosis> out = new ArrayList<>();
        if (!p.failed.isEmpty()) {
            out.add(p.entries());
        }
        p.identities().ifPresent(out::add);
        return out;
    }

    // ---- entries ------------------------------------------------------------------------------

    private Diagnosis entries() {
        List<ElementComparison> comparisons = comparisons(all);
        JacobianEntry worst = failed.stream().max((a, b) -> Double.compare(a.comparison().severity(),
                b.comparison().severity())).orElseThrow();
        String example = example(worst);
        int rows = report.rows().size();
        int cols = report.columns().size();
        boolean everywhere = failed.size() == all.size();
        if (everywhere || failed.size() > 1) {
            if (Factor.FLIPPED_SIGN.holdsAt(comparisons)) {
                return of(DiagnosisKind.WRONG_SIGN, symbol + " has the wrong sign: claimed = -1 × measured at every"
                        + " compared entry", holdsAt(comparisons) + example);
            }
            Optional<Factor> factor = Factor.fit(strongest(), comparisons);
            if (factor.isPresent() && !nature().kind().equals(DiagnosisKind.ZERO_WHERE_NONZERO)) {
                return of(DiagnosisKind.CONSTANT_FACTOR, symbol + " is off by a constant factor: claimed = "
                        + factor.get().fraction() + " × measured at every compared entry"
                        + factor.get().mistake().map(m -> " (" + m + ")").orElse(""), holdsAt(comparisons) + example);
            }
            if (rows == cols && rows >= 2 && transposed()) {
                return of(DiagnosisKind.TRANSPOSED, symbol + " is transposed: claimed " + symbol + "[i,j] = measured "
                        + symbol + "[j,i] at every compared entry; rows are output components and columns input"
                        + " elements (J[i][j] = ∂out_i/∂in_j): was it filled column by column?",
                        holdsAt(comparisons) + example);
            }
        }
        Nature nature = nature();
        String evidence = (everywhere ? "" : "the other entries agree within their tolerances; ") + example;
        DiagnosisKind partial = nature.kind() == DiagnosisKind.NO_SIMPLE_PATTERN ? DiagnosisKind.SOME_ELEMENTS
                : nature.kind();
        String there = nature.words().isEmpty() ? "" : ": " + nature.words();
        if (failed.size() == 1 && all.size() > 1) {
            return of(partial, "one entry of " + symbol + " is wrong, " + name(worst) + there, evidence);
        }
        Set<Integer> wrongRows = new TreeSet<>();
        Set<Integer> wrongCols = new TreeSet<>();
        for (JacobianEntry e : failed) {
            wrongRows.add(e.row());
            wrongCols.add(e.column());
        }
        boolean square = report.rows().equals(report.columns()) && rows >= 2;
        if (square && failed.stream().allMatch(e -> e.row() == e.column())) {
            long onDiagonal = all.stream().filter(e -> e.row() == e.column()).count();
            String which = failed.size() == onDiagonal ? " (every compared entry of it)" : " at " + list(failed);
            return of(partial, "the diagonal of " + symbol + " is wrong" + which + "; the entries off the diagonal are"
                    + " right" + sentence(nature), evidence);
        }
        if (wrongRows.size() == 1 && rows > 1) {
            int r = wrongRows.iterator().next();
            long inRow = all.stream().filter(e -> e.row() == r).count();
            String which = failed.size() == inRow ? " (every compared entry of it)" : " at columns "
                    + columnList(failed);
            return of(partial, "row " + r + " of " + symbol + " (the derivatives of " + report.rows().label(r)
                    + ") is wrong" + which + "; the other rows are right" + sentence(nature), evidence);
        }
        if (wrongCols.size() == 1 && cols > 1) {
            int c = wrongCols.iterator().next();
            long inColumn = all.stream().filter(e -> e.column() == c).count();
            String which = failed.size() == inColumn ? " (every compared entry of it)" : " at rows " + rowList(failed);
            return of(partial, "column " + c + " of " + symbol + " (the derivatives with respect to "
                    + report.columns().label(c) + ") is wrong" + which + "; the other columns are right"
                    + sentence(nature), evidence);
        }
        if (!everywhere) {
            String shape = wrongRows.size() < rows && wrongRows.size() <= wrongCols.size()
                    ? " in rows " + wrongRows : wrongCols.size() < cols ? " in columns " + wrongCols : "";
            return of(partial, failed.size() + " of " + all.size() + " entries of " + symbol + " are wrong" + shape
                    + ": " + list(failed) + sentence(nature), evidence);
        }
        if (!nature.words().isEmpty()) {
            return of(nature.kind(), symbol + " is wrong at every compared entry: " + nature.words(), example);
        }
        if (square) {
            List<ElementComparison> offDiagonal = comparisons(all.stream().filter(e -> e.row() != e.column()).toList());
            JacobianEntry strongest = all.stream().filter(e -> e.row() != e.column())
                    .max((a, b) -> Double.compare(Math.abs(a.numeric()), Math.abs(b.numeric()))).orElse(null);
            Optional<Factor> f = strongest == null ? Optional.empty() : Factor.fit(strongest.comparison(), offDiagonal);
            if (f.isPresent() && !(Math.abs(f.get().value() - 1) < 1e-9)) {
                return of(DiagnosisKind.NO_SIMPLE_PATTERN, symbol + " is wrong at every compared entry: off the"
                        + " diagonal, claimed = " + f.get().fraction() + " × measured" + f.get().mistake()
                        .map(m -> " (" + m + ")").orElse("") + "; the diagonal is wrong by other amounts (it has a term"
                        + " of its own, such as a regulariser's λ·I, that the factor does not seem to apply to)",
                        example);
            }
        }
        return of(DiagnosisKind.NO_SIMPLE_PATTERN, symbol + " is wrong at every compared entry with no simple pattern"
                + " (not a flipped sign, a constant factor, a transpose, a missing term, one row or one column)",
                example);
    }

    /** The shape of the wrong entries among themselves, and its kind. */
    private record Nature(DiagnosisKind kind, String words) {
    }

    private Nature nature() {
        List<ElementComparison> wrong = comparisons(failed);
        if (failed.stream().noneMatch(e -> ComparedElements.measurablyNonZero(e.comparison()))) {
            return new Nature(DiagnosisKind.NONZERO_WHERE_ZERO, "claimed non-zero where the true " + matrix()
                    + " is 0, a term that should not be there (does that output depend on that input at all?)");
        }
        if (failed.stream().allMatch(e -> Math.abs(e.analytic()) <= ComparedElements.tolerance(e.comparison()))) {
            return new Nature(DiagnosisKind.ZERO_WHERE_NONZERO, "claimed 0 where the true " + matrix()
                    + " is not, a missing term (a derivative left out of the hand-written " + matrix() + ")");
        }
        if (Factor.FLIPPED_SIGN.holdsAt(wrong)) {
            return new Nature(DiagnosisKind.NO_SIMPLE_PATTERN, "claimed = -1 × measured (a flipped sign)");
        }
        Optional<Factor> local = Factor.fit(strongest(), wrong);
        if (local.isPresent()) {
            Factor f = local.get();
            return new Nature(DiagnosisKind.NO_SIMPLE_PATTERN, "claimed = " + f.fraction() + " × measured"
                    + f.mistake().map(m -> " (" + m + ")").orElse(""));
        }
        return offset().map(c -> new Nature(DiagnosisKind.NO_SIMPLE_PATTERN, "claimed = measured "
                + (c < 0 ? "- " + Numbers.compact(-c) : "+ " + Numbers.compact(c)) + " at every wrong entry: a constant"
                + " term added or left out (such as a regulariser's λ on the diagonal)"))
                .orElse(new Nature(DiagnosisKind.NO_SIMPLE_PATTERN, ""));
    }

    /** A constant c with claimed = measured + c at every wrong entry, within tolerance, when there is one. */
    private Optional<Double> offset() {
        if (failed.size() < 2) {
            return Optional.empty();
        }
        JacobianEntry first = failed.get(0);
        double c = first.analytic() - first.numeric();
        if (!Double.isFinite(c) || c == 0) {
            return Optional.empty();
        }
        for (JacobianEntry e : failed) {
            if (!(Math.abs(e.analytic() - e.numeric() - c) <= ComparedElements.tolerance(e.comparison()))) {
                return Optional.empty();
            }
        }
        return Optional.of(c);
    }

    private static String sentence(Nature nature) {
        return nature.words().isEmpty() ? "" : ". There, " + nature.words();
    }

    private boolean transposed() {
        int n = report.columns().size();
        for (JacobianEntry e : all) {
            Optional<JacobianEntry> mirror = all.stream().filter(m -> m.row() == e.column() && m.column() == e.row())
                    .findFirst();
            if (mirror.isEmpty()) {
                return false;
            }
            double tol = Math.max(ComparedElements.tolerance(e.comparison()),
                    ComparedElements.tolerance(mirror.get().comparison()));
            if (!(Math.abs(e.analytic() - mirror.get().numeric()) <= tol)) {
                return false;
            }
        }
        return n > 0;
    }

    // ---- identities ---------------------------------------------------------------------------

    private Optional<Diagnosis> identities() {
        List<IdentityCheck> bad = report.failedIdentities();
        if (bad.isEmpty()) {
            return Optional.empty();
        }
        IdentityCheck worst = bad.get(0);
        String evidence = worst.identity().formula() + " at " + worst.where() + ": " + Numbers.full(worst.left())
                + " ≠ " + Numbers.full(worst.right()) + " (difference " + Numbers.scientific(worst.absoluteError())
                + ", rounding allows " + Numbers.scientific(worst.tolerance()) + ")";
        boolean matrixRight = report.matrixVerdict() == Verdict.PASS;
        if (worst.identity() == IdentityCheck.Identity.ADJOINT) {
            String blame = matrixRight
                    ? " Every checked column of the JVP agrees with the measured derivative, so the VJP is the wrong one"
                    : " The JVP's own entries are wrong too (see above); fix them first, then look at the VJP";
            return Optional.of(new Diagnosis(symbol, Optional.empty(), DiagnosisKind.NO_SIMPLE_PATTERN,
                    "the JVP and the VJP disagree: ⟨u, J·t⟩ ≠ ⟨Jᵀ·u, t⟩ beyond rounding for " + bad.size() + " of "
                            + report.identities().stream().filter(i -> i.identity() == worst.identity()).count()
                            + " random pairs." + blame, evidence, true));
        }
        return Optional.of(new Diagnosis(symbol, Optional.empty(), DiagnosisKind.NO_SIMPLE_PATTERN,
                "the claimed Hessian is not symmetric: " + worst.where() + " differ beyond rounding; a Hessian of a"
                        + " twice-differentiable function is symmetric, so one of the two triangles is wrong"
                        + (matrixRight ? "" : " (compare each with its measured entry above)"), evidence, true));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private String matrix() {
        return report.kind().secondOrder() ? "Hessian" : "Jacobian";
    }

    private Diagnosis of(DiagnosisKind kind, String sentence, String evidence) {
        return new Diagnosis(symbol, Optional.empty(), kind, sentence, evidence, true);
    }

    private ElementComparison strongest() {
        JacobianEntry best = null;
        for (JacobianEntry e : failed) {
            if (best == null || Math.abs(e.numeric()) > Math.abs(best.numeric())) {
                best = e;
            }
        }
        return best == null ? null : best.comparison();
    }

    private static List<ElementComparison> comparisons(List<JacobianEntry> entries) {
        List<ElementComparison> out = new ArrayList<>(entries.size());
        for (JacobianEntry e : entries) {
            out.add(e.comparison());
        }
        return out;
    }

    private String name(JacobianEntry e) {
        return e.name(symbol) + " (" + e.derivative(report.kind()) + ")";
    }

    private String example(JacobianEntry e) {
        return "at " + name(e) + ": claimed " + Numbers.full(e.analytic()) + ", measured " + Numbers.full(e.numeric())
                + " ± " + Numbers.scientific(e.comparison().errorEstimate());
    }

    private static String holdsAt(List<ElementComparison> all) {
        return "holds within tolerance at " + (all.size() == 1 ? "the only entry" : "all " + all.size() + " entries")
                + "; ";
    }

    private String list(List<JacobianEntry> entries) {
        List<String> shown = new ArrayList<>();
        for (JacobianEntry e : entries) {
            if (shown.size() == LISTED) {
                shown.add("… (" + entries.size() + " in all)");
                break;
            }
            shown.add(e.name(symbol));
        }
        return String.join(", ", shown);
    }

    private String columnList(List<JacobianEntry> entries) {
        Set<Integer> cols = new TreeSet<>();
        entries.forEach(e -> cols.add(e.column()));
        List<String> out = new ArrayList<>();
        for (int c : cols) {
            out.add(c + " (" + report.columns().label(c) + ")");
        }
        return String.join(", ", out);
    }

    private String rowList(List<JacobianEntry> entries) {
        Set<Integer> rs = new TreeSet<>();
        entries.forEach(e -> rs.add(e.row()));
        List<String> out = new ArrayList<>();
        for (int r : rs) {
            out.add(r + " (" + report.rows().label(r) + ")");
        }
        return String.join(", ", out);
    }
}
