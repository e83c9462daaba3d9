package io.github.gradcheck.check;

import io.github.gradcheck.internal.format.Numbers;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * A constant c with analytic ≈ c × numeric: −1 for a flipped sign, 2 for a doubled gradient,
 * 1/N for a forgotten mean. The one factor analysis of gradcheck: {@link NodeReport#commonFactor()},
 * the node table and the blame of the text report quote {@link #common(List)}, the diagnoses
 * quote {@link #fit(ElementComparison, List)}, and all of them write a factor with the methods
 * of this type.
 *
 * <p>Two rules find a factor, for two claims:
 * <ul>
 *   <li>{@link #common(List)}: the ratio analytic / numeric that every failed element of a node
 *       shares, to 1e-3. Cheap, and about the failed elements only: the table notes it.
 *   <li>{@link #fit(ElementComparison, List)}: a c with analytic = c × numeric at every given
 *       element within that element's tolerance (scaled by |c|, as c × numeric carries |c|
 *       times the measurement's error), whole numbers and their reciprocals preferred when
 *       they fit as well as the measured ratio, so that a missing 1/4 reads as 4, not
 *       3.9999999997. A diagnosis states it.
 * </ul>
 *
 * <p>A factor is <em>simple</em> when it reads as ±n or ±1/n for a whole n: for a common ratio,
 * to 1e-6 relative; for a fitted factor, when such a number itself fits.
 *
 * <p>Internal: public for the reports and the diagnoses; not part of the API, and may change in
 * any release without notice.
 *
 * @param value c, finite and not zero
 * @param simple whether c reads as ±n or ±1/n for a whole n
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public record Factor(double value, boolean simple) {

    /** {@return whether the factor is 1 within 1e-6: no factor at all, nothing to name} */
    public boolean isOne() {
        return Math.abs(value - 1) <= 1e-6;
    }

    /** −1: a flipped sign. */
    public static final Factor FLIPPED_SIGN = new Factor(-1, true);

    /** The largest whole number (and reciprocal) {@link #fit(ElementComparison, List)} tries. */
    private static final int LARGEST_SIMPLE = 4096;

    /**
     * Validates.
     *
     * @param value c, finite and not zero
     * @param simple whether c reads as ±n or ±1/n for a whole n
     * @throws IllegalArgumentException when {@code value} is zero or not finite, or is called
     *     simple without being close to ±n or ±1/n
     */
    public Factor {
        if (value == 0 || !Double.isFinite(value)) {
            throw new IllegalArgumentException("a factor must be finite and not zero: " + Numbers.full(value));
        }
        if (simple && !wholeOrReciprocal(value)) {
            throw new IllegalArgumentException("not ±n or ±1/n for a whole n: " + Numbers.full(value));
        }
    }

    /**
     * {@return the factor {@code ratio}, simple when it is ±n or ±1/n to 1e-6 relative}
     *
     * @param ratio analytic / numeric, finite and not zero
     * @throws IllegalArgumentException when {@code ratio} is zero or not finite
     */
    public static Factor of(double ratio) {
        return new Factor(ratio, wholeOrReciprocal(ratio));
    }

    /**
     * The ratio c with analytic ≈ c × numeric at every failed element of {@code elements}, when
     * they share one to 1e-3 (relative to the first); empty when no element failed, when the
     * failed elements do not share a ratio, or when one of them has a measured value of zero or
     * a claimed value that is not finite. The ratio may be zero or infinite; {@link #common(List)}
     * makes a factor of it.
     *
     * @param elements the compared elements of a node
     * @return the ratio, as {@link NodeReport#commonFactor()} reports it
     */
    public static OptionalDouble commonRatio(List<ElementComparison> elements) {
        double factor = Double.NaN;
        for (ElementComparison e : elements) {
            if (e.verdict() != Verdict.FAIL) {
                continue;
            }
            if (e.numeric() == 0 || !Double.isFinite(e.analytic())) {
                return OptionalDouble.empty();
            }
            double c = e.analytic() / e.numeric();
            if (Double.isNaN(factor)) {
                factor = c;
            } else if (Math.abs(c - factor) > 1e-3 * Math.abs(factor)) {
                return OptionalDouble.empty();
            }
        }
        return Double.isNaN(factor) ? OptionalDouble.empty() : OptionalDouble.of(factor);
    }

    /**
     * The factor the failed elements of {@code elements} share: {@link #commonRatio(List)} as a
     * factor ({@link #of(double)}), when that ratio is finite and not zero.
     *
     * @param elements the compared elements of a node
     * @return the factor, or empty
     */
    public static Optional<Factor> common(List<ElementComparison> elements) {
        OptionalDouble ratio = commonRatio(elements);
        if (ratio.isEmpty() || ratio.getAsDouble() == 0 || !Double.isFinite(ratio.getAsDouble())) {
            return Optional.empty();
        }
        return Optional.of(of(ratio.getAsDouble()));
    }

    /**
     * The factor that holds at every element of {@code over} (see {@link #holdsAt(List)}),
     * estimated from the ratio at {@code from}: the whole number or reciprocal nearest that
     * ratio (up to 4096) when it holds, else the ratio itself when it holds and at least two
     * elements of {@code over} are measurably non-zero (one ratio alone proves nothing).
     *
     * @param from the element to take the ratio at, e.g. the failed one with the largest
     *     measured value (may be null: there is then no factor)
     * @param over the elements the factor must hold at
     * @return the factor, or empty when none holds
     */
    public static Optional<Factor> fit(ElementComparison from, List<ElementComparison> over) {
        if (from == null || from.numeric() == 0 || !Double.isFinite(from.analytic())) {
            return Optional.empty();
        }
        double ratio = from.analytic() / from.numeric();
        if (ratio == 0 || !Double.isFinite(ratio)) {
            return Optional.empty();
        }
        for (double candidate : simpleCandidates(ratio)) {
            Factor f = new Factor(candidate, true);
            if (f.holdsAt(over)) {
                return Optional.of(f);
            }
        }
        long support = over.stream().filter(Factor::measurablyNonZero).count();
        Factor measured = new Factor(ratio, false);
        if (support >= 2 && measured.holdsAt(over)) {
            return Optional.of(measured);
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

    /**
     * Whether analytic = c × numeric at every element of {@code over}, within the element's
     * tolerance times max(1, |c|) (a tolerance that is not finite admits exact agreement only).
     *
     * @param over the elements
     * @return whether the factor holds at all of them (true when there are none)
     */
    public boolean holdsAt(List<ElementComparison> over) {
        for (ElementComparison e : over) {
            double tol = tolerance(e) * Math.max(1, Math.abs(value));
            if (!(Math.abs(e.analytic() - value * e.numeric()) <= tol)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return the factor as the text report's table and blame write it, e.g. {@code -1},
     * {@code 2}, {@code 0.5}, {@code 0.333333}} See {@link Numbers#compactInWholeDigits(double)}.
     */
    public String decimal() {
        return readsAsOne() ? nearOne() : Numbers.compactInWholeDigits(value);
    }

    /** A factor within a few millionths of 1, with two significant digits of its difference from 1: 1.0000001. */
    private String nearOne() {
        int digits = (int) Math.ceil(-Math.log10(Math.abs(value - 1))) + 2;
        String s = String.format(java.util.Locale.ROOT, "%." + Math.min(digits, 17) + "g", value);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** Whether six significant digits would write this factor, which is not simple, as 1. */
    private boolean readsAsOne() {
        return !simple && Numbers.compact(value).equals("1");
    }

    /**
     * {@return the factor as a diagnosis names it: a simple factor below 1 in magnitude as a
     * reciprocal, e.g. {@code 1/4}, {@code -1/2}; anything else as {@code 4}, {@code -2}, {@code 1.37}}
     */
    public String fraction() {
        if (simple && Math.abs(value) < 1) {
            return (value < 0 ? "-" : "") + "1/" + Numbers.compact(Math.abs(1 / value));
        }
        // a factor within a few millionths of 1 is written in full, so that it does not read "1"
        return readsAsOne() ? nearOne() : Numbers.compact(value);
    }

    /**
     * {@return the usual mistake behind a simple factor, in a few words for the blame: {@code a
     * flipped sign}, {@code a factor of 2 too many}, {@code missing a factor of 4}, {@code a
     * flipped sign and missing a factor of 2} (for −1/2); empty for a factor that is not simple
     * and for one close to 1}
     */
    public Optional<String> mistake() {
        if (!simple) {
            return Optional.empty();
        }
        if (Math.abs(value + 1) < 1e-6) {
            return Optional.of("a flipped sign");
        }
        String sign = value < 0 ? "a flipped sign and " : "";
        double m = Math.abs(value);
        if (Math.abs(m - Math.rint(m)) < 1e-6 && m >= 2) {
            return Optional.of(sign + "a factor of " + Numbers.compactInWholeDigits(Math.rint(m)) + " too many");
        }
        double inv = 1 / m;
        if (Math.abs(inv - Math.rint(inv)) < 1e-6 && inv >= 2) {
            return Optional.of(sign + "missing a factor of " + Numbers.compactInWholeDigits(Math.rint(inv)));
        }
        return Optional.empty();
    }

    /**
     * What a simple factor of magnitude 2 or more, or below 1, usually means, for a diagnosis,
     * e.g. {@code 4 times too large: missing a 1/4, or a term counted 4 times?}; when the
     * magnitude is the number of elements of the node, a missing mean or a division by N too
     * many.
     *
     * @param elements the number of elements of the node the factor was found at
     * @return the meaning; empty for a factor that is not simple, or of magnitude in [1, 2)
     */
    public Optional<String> meaning(int elements) {
        if (!simple) {
            return Optional.empty();
        }
        String sign = value < 0 ? " and the wrong sign" : "";
        double m = Math.abs(value);
        if (m >= 2) {
            String k = Numbers.compact(m);
            String hint = elements == (int) m
                    ? ": missing a 1/N from a mean? (the node has N = " + k + " elements)"
                    : ": missing a 1/" + k + ", or a term counted " + k + " times?";
            return Optional.of(k + " times too large" + sign + hint);
        }
        if (m < 1) {
            String k = Numbers.compact(1 / m);
            String hint = elements == (int) Math.rint(1 / m)
                    ? ": divided by N once too often? (the node has N = " + k + " elements)"
                    : ": a missing factor of " + k + ", or a division by " + k + " once too often?";
            return Optional.of(k + " times too small" + sign + hint);
        }
        return Optional.empty();
    }

    /**
     * The largest n of a simple factor ±n or ±1/n: beyond it every number is within 1e-6 of a whole
     * one, so being "whole to 1e-6" says nothing (a ratio of 1e20 is not a simple factor).
     */
    public static final double LARGEST_SIMPLE_RATIO = 5e5;

    /** ±n or ±1/n for a whole n up to {@link #LARGEST_SIMPLE_RATIO}, to 1e-6 relative. */
    private static boolean wholeOrReciprocal(double c) {
        double whole = Math.rint(c);
        double inverse = Math.rint(1 / c);
        boolean isWhole = Math.abs(whole) <= LARGEST_SIMPLE_RATIO && Math.abs(c - whole) <= 1e-6 * Math.abs(c);
        boolean isReciprocal = Math.abs(inverse) <= LARGEST_SIMPLE_RATIO
                && Math.abs(1 / c - inverse) <= 1e-6 * Math.abs(1 / c);
        return isWhole || isReciprocal;
    }

    /** The element's tolerance; one that is not finite admits exact agreement only. */
    private static double tolerance(ElementComparison e) {
        return Double.isFinite(e.tolerance()) ? e.tolerance() : 0;
    }

    /**
     * Whether an element's measured value is distinguishable from 0: beyond the element's tolerance,
     * or beyond ten times its error estimate where that is smaller (the tolerance also counts the
     * rounding of the claim, which a huge wrong claim makes large; it says nothing of the
     * measurement).
     *
     * @param e the element
     * @return whether its measured value is not 0 within the measurement's accuracy
     */
    public static boolean measurablyNonZero(ElementComparison e) {
        double byError = Double.isFinite(e.errorEstimate()) ? 10 * e.errorEstimate() : Double.POSITIVE_INFINITY;
        return Math.abs(e.numeric()) > Math.min(tolerance(e), byError);
    }
}
