package io.github.gradcheck.diagnosis;

import io.github.gradcheck.check.ElementComparison;
import java.util.List;
import java.util.Optional;

/**
 * A constant c with analytic = c × numeric at a set of elements, each within its own
 * tolerance (scaled by |c|, as c × numeric carries |c| times the measurement's error).
 * Whole numbers and their reciprocals are preferred when they fit as well as the measured
 * ratio, so that a missing 1/4 reads as 4, not 3.9999999997.
 */
final class Factor {

    private static final int LARGEST_SIMPLE = 4096;

    private final double value;
    private final boolean simple;

    private Factor(double value, boolean simple) {
        this.value = value;
        this.simple = simple;
    }

    double value() {
        return value;
    }

    boolean isSimple() {
        return simple;
    }

    /**
     * The factor that holds at every element of {@code over}, estimated from {@code from};
     * empty when none holds, or when fewer than two elements are measurably non-zero and the
     * factor is not a simple one (one ratio alone proves nothing).
     */
    static Optional<Factor> fit(ElementComparison from, List<ElementComparison> over) {
        if (from == null || from.numeric() == 0 || !Double.isFinite(from.analytic())) {
            return Optional.empty();
        }
        double ratio = from.analytic() / from.numeric();
        if (ratio == 0 || !Double.isFinite(ratio)) {
            return Optional.empty();
        }
        for (double candidate : simpleCandidates(ratio)) {
            if (holds(candidate, over)) {
                return Optional.of(new Factor(candidate, true));
            }
        }
        long support = over.stream().filter(ComparedElements::measurablyNonZero).count();
        if (support >= 2 && holds(ratio, over)) {
            return Optional.of(new Factor(ratio, false));
        }
        return Optional.empty();
    }

    private static double[] simpleCandidates(double ratio) {
        double whole = Math.rint(ratio);
        double inverse = Math.rint(1 / ratio);
        boolean wholeOk = whole != 0 && Math.abs(whole) <= LARGEST_SIMPLE;
        boolean inverseOk = inverse != 0 && Math.abs(inverse) <= LARGEST_SIMPLE;
        if (wholeOk && inverseOk) {
            return new double[] {whole, 1 / inverse};
        }
        return wholeOk ? new double[] {whole} : inverseOk ? new double[] {1 / inverse} : new double[0];
    }

    /** Whether analytic = c × numeric at every element, within each element's tolerance. */
    static boolean holds(double c, List<ElementComparison> over) {
        for (ElementComparison e : over) {
            double tol = ComparedElements.tolerance(e) * Math.max(1, Math.abs(c));
            if (!(Math.abs(e.analytic() - c * e.numeric()) <= tol)) {
                return false;
            }
        }
        return true;
    }

    /** {@code 4}, {@code 1/4}, {@code -2}, {@code 1.37}. */
    String named() {
        if (simple && Math.abs(value) < 1) {
            return (value < 0 ? "-" : "") + "1/" + Figures.compact(Math.abs(1 / value));
        }
        return Figures.compact(value);
    }

    /** What a factor usually means, given the number of elements of the node it was found at. */
    String meaning(int size) {
        if (!simple) {
            return "";
        }
        String sign = value < 0 ? " and the wrong sign" : "";
        double m = Math.abs(value);
        if (m >= 2) {
            String k = Figures.compact(m);
            String hint = size == (int) m
                    ? ": missing a 1/N from a mean? (the node has N = " + k + " elements)"
                    : ": missing a 1/" + k + ", or a term counted " + k + " times?";
            return "; " + k + " times too large" + sign + hint;
        }
        if (m < 1) {
            String k = Figures.compact(1 / m);
            String hint = size == (int) Math.rint(1 / m)
                    ? ": divided by N once too often? (the node has N = " + k + " elements)"
                    : ": a missing factor of " + k + ", or a division by " + k + " once too often?";
            return "; " + k + " times too small" + sign + hint;
        }
        return "";
    }
}
