package io.github.gradcheck.diagnosis;

import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Factor;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.model.Shape;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the shape of error in one wrong node or edge from its compared elements alone.
 * Every pattern is tested at every compared element, within that element's tolerance; the
 * first that holds is stated, otherwise "no simple pattern".
 */
final class ElementPatterns {

    /**
     * What a diagnosis is about.
     *
     * @param title how the sentences name it, e.g. {@code 'den'} or {@code the backward of op 'invden' for argument 0
     *     ('den')}
     * @param elements its compared elements
     */
    record Target(String title, ComparedElements elements) {
    }

    private ElementPatterns() {
    }

    /**
     * The diagnosis of {@code target}, wrong at some compared element or along some direction.
     *
     * @param others comparisons of other nodes a misrouted gradient may belong to (empty for edges)
     */
    static Statement diagnose(Target target, List<ComparedElements> others) {
        ComparedElements c = target.elements();
        List<ElementComparison> all = c.elements();
        List<ElementComparison> failed = c.failed();
        if (failed.isEmpty()) {
            // wrong along random directions only (fast mode, a node wrong as a consequence is not narrowed)
            return new Statement(DiagnosisKind.NO_SIMPLE_PATTERN, target.title() + " is wrong along random directions,"
                    + " at none of the " + ComparedElements.indices(all).size() + " elements compared one by one",
                    "every element compared one by one agrees within its tolerance; the directions that failed are"
                    + " in the report");
        }
        Set<Integer> wrong = ComparedElements.indices(failed);
        int size = c.shape().size();
        int compared = ComparedElements.indices(all).size();
        // in fast and sampled mode only some elements were compared: speak of those alone
        String of = compared < size ? compared + " compared elements (of " + size + ")" : size + " elements";
        boolean partial = wrong.size() < compared;
        String where = partial ? " at " + wrong.size() + " of " + of + " (" + Locations.describe(c.shape(), wrong)
                + ")" : compared < size ? " at every one of " + of : size > 1 ? " at every element" : "";
        ElementComparison worst = c.worstFailure();
        String example = example(c, worst);

        if (failed.stream().noneMatch(ComparedElements::measurablyNonZero)) {
            return new Statement(DiagnosisKind.NONZERO_WHERE_ZERO, target.title() + " has a gradient where the true gradient is 0"
                    + where + ": a term that should not be there (does the node affect the output at all there?)",
                    "the measured gradient is 0 within its tolerance at every wrong element; " + example);
        }
        if (failed.stream().allMatch(e -> Math.abs(e.analytic()) <= ComparedElements.tolerance(e))) {
            return new Statement(DiagnosisKind.ZERO_WHERE_NONZERO, target.title() + " is claimed 0 where the true gradient is not"
                    + where + ": a missing term, or a gradient that never reaches this node",
                    "the claimed gradient is 0 at every wrong element; " + example);
        }
        if (Factor.FLIPPED_SIGN.holdsAt(all)) {
            return new Statement(DiagnosisKind.WRONG_SIGN, target.title()
                    + " has the wrong sign: analytic = -1 × numeric at every compared element",
                    holdsAt(all) + example);
        }
        Optional<Factor> factor = Factor.fit(c.strongestFailure(), all);
        if (factor.isPresent()) {
            Factor f = factor.get();
            return new Statement(DiagnosisKind.CONSTANT_FACTOR, target.title() + " is off by a constant factor: analytic = "
                    + f.fraction() + " × numeric at every compared element" + f.meaning(size).map(m -> "; " + m).orElse(""),
                    holdsAt(all) + example);
        }
        if (transposed(c)) {
            ElementComparison mirror = c.at(mirrorIndex(c.shape(), worst.index()), worst.cotangent());
            return new Statement(DiagnosisKind.TRANSPOSED, target.title() + " is transposed: analytic[i,j] = numeric[j,i]"
                    + " at every compared element; the backward returned the gradient's transpose",
                    holdsAt(all) + example + "; measured at " + c.where(mirror) + ": " + Numbers.full(mirror.numeric()));
        }
        for (ComparedElements other : others) {
            if (routedFrom(c, other)) {
                return new Statement(DiagnosisKind.WRONG_ROUTING, target.title() + " received the gradient of '" + other.name()
                        + "': analytic of '" + c.name() + "' = numeric of '" + other.name()
                        + "' at every compared element; was the gradient routed to the wrong input?",
                        holdsAt(all) + example + "; measured at " + other.name() + worst.position() + ": "
                        + Numbers.full(other.at(worst.index(), worst.cotangent()).numeric()));
            }
        }
        if (partial) {
            String there = "";
            if (Factor.FLIPPED_SIGN.holdsAt(failed)) {
                there = "; there, analytic = " + Factor.FLIPPED_SIGN.fraction() + " × numeric ("
                        + Factor.FLIPPED_SIGN.mistake().orElseThrow() + ")";
            } else {
                Optional<Factor> local = Factor.fit(c.strongestFailure(), failed);
                if (local.isPresent()) {
                    there = "; there, analytic = " + local.get().fraction() + " × numeric";
                }
            }
            return new Statement(DiagnosisKind.SOME_ELEMENTS, "only " + wrong.size() + " of " + of + " of "
                    + target.title() + " are wrong: " + Locations.describe(c.shape(), wrong) + there,
                    "the other " + (compared < size ? "compared " : "") + "elements agree within their tolerances; "
                    + example);
        }
        return new Statement(DiagnosisKind.NO_SIMPLE_PATTERN, target.title() + " is wrong" + where
                + " with no simple pattern (not a flipped sign, a constant factor, a transpose, zeros,"
                + " a few elements or another node's gradient)", example);
    }

    /** What a diagnosis says, before it is attached to a node or edge: a {@link Diagnosis} without them. */
    record Statement(DiagnosisKind kind, String sentence, String evidence) {
    }

    static String holdsAt(List<ElementComparison> all) {
        int n = ComparedElements.indices(all).size();
        return "holds within tolerance at " + (n == 1 ? "the only element" : "all " + n + " elements")
                + (all.size() > n ? " and every output cotangent" : "") + "; ";
    }

    static String example(ComparedElements c, ElementComparison e) {
        return "at " + c.where(e) + ": claimed " + Numbers.full(e.analytic()) + ", measured " + Numbers.full(e.numeric())
                + " ± " + Numbers.scientific(e.errorEstimate());
    }

    private static int mirrorIndex(Shape shape, int flat) {
        int n = shape.dim(1);
        return (flat % n) * n + flat / n;
    }

    /** A square matrix whose analytic value at [i,j] is the measured value at [j,i], everywhere. */
    private static boolean transposed(ComparedElements c) {
        Shape s = c.shape();
        if (s.rank() != 2 || s.dim(0) != s.dim(1) || s.dim(0) < 2) {
            return false;
        }
        for (ElementComparison e : c.elements()) {
            ElementComparison mirror = c.at(mirrorIndex(s, e.index()), e.cotangent());
            if (mirror == null) {
                return false;
            }
            double tol = Math.max(ComparedElements.tolerance(e), ComparedElements.tolerance(mirror));
            if (!(Math.abs(e.analytic() - mirror.numeric()) <= tol)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the analytic value equals {@code other}'s measured gradient everywhere, and is not trivially 0. */
    private static boolean routedFrom(ComparedElements c, ComparedElements other) {
        if (!other.shape().equals(c.shape())) {
            return false;
        }
        boolean somethingNonZero = false;
        for (ElementComparison e : c.elements()) {
            ElementComparison o = other.at(e.index(), e.cotangent());
            if (o == null) {
                return false;
            }
            double tol = Math.max(ComparedElements.tolerance(e), ComparedElements.tolerance(o));
            if (!(Math.abs(e.analytic() - o.numeric()) <= tol)) {
                return false;
            }
            somethingNonZero |= ComparedElements.measurablyNonZero(o);
        }
        return somethingNonZero;
    }
}
