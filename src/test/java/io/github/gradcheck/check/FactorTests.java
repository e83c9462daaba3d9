package io.github.gradcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one factor analysis says exactly what the three it replaced said: the node report's
 * common factor, the text report's table note and blame, and the diagnoses' fitted factor
 * (kept below as they were), over many random lists of compared elements.
 */
class FactorTests {

    /** The factor analyses before there was one, verbatim (renamed only where two had one name). */
    static final class Before {

        /** NodeReport.commonFactor(). */
        static OptionalDouble commonFactor(List<ElementComparison> elements) {
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

        /** TextReport.factor: the note of the table. */
        static Optional<String> factor(OptionalDouble c) {
            if (c.isEmpty() || !isSimple(c.getAsDouble())) {
                return Optional.empty();
            }
            return Optional.of("analytic = " + compact(c.getAsDouble()) + " × numeric");
        }

        /** TextReport's blame: the note and its explanation. */
        static Optional<String> blame(OptionalDouble c) {
            return factor(c).isPresent() ? Optional.of(factor(c).get() + explainFactor(c)) : Optional.empty();
        }

        static boolean isSimple(double c) {
            if (c == 0 || !Double.isFinite(c)) {
                return false;
            }
            double whole = Math.rint(c);
            double inverse = Math.rint(1 / c);
            return Math.abs(c - whole) <= 1e-6 * Math.abs(c) || Math.abs(1 / c - inverse) <= 1e-6 * Math.abs(1 / c);
        }

        static String explainFactor(OptionalDouble c) {
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

        static String compact(double x) {
            if (Math.abs(x - Math.rint(x)) < 1e-9 * Math.max(1, Math.abs(x))) {
                return Long.toString((long) Math.rint(x));
            }
            String s = String.format(Locale.ROOT, "%.6g", x);
            return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }

        /** diagnosis.Factor. */
        static final class Fitted {
            private static final int LARGEST_SIMPLE = 4096;
            final double value;
            final boolean simple;

            Fitted(double value, boolean simple) {
                this.value = value;
                this.simple = simple;
            }

            static Optional<Fitted> fit(ElementComparison from, List<ElementComparison> over) {
                if (from == null || from.numeric() == 0 || !Double.isFinite(from.analytic())) {
                    return Optional.empty();
                }
                double ratio = from.analytic() / from.numeric();
                if (ratio == 0 || !Double.isFinite(ratio)) {
                    return Optional.empty();
                }
                for (double candidate : simpleCandidates(ratio)) {
                    if (holds(candidate, over)) {
                        return Optional.of(new Fitted(candidate, true));
                    }
                }
                long support = over.stream().filter(Fitted::measurablyNonZero).count();
                if (support >= 2 && holds(ratio, over)) {
                    return Optional.of(new Fitted(ratio, false));
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

            static boolean holds(double c, List<ElementComparison> over) {
                for (ElementComparison e : over) {
                    double tol = tolerance(e) * Math.max(1, Math.abs(c));
                    if (!(Math.abs(e.analytic() - c * e.numeric()) <= tol)) {
                        return false;
                    }
                }
                return true;
            }

            static boolean measurablyNonZero(ElementComparison e) {
                return Math.abs(e.numeric()) > tolerance(e);
            }

            static double tolerance(ElementComparison e) {
                return Double.isFinite(e.tolerance()) ? e.tolerance() : 0;
            }

            String named() {
                if (simple && Math.abs(value) < 1) {
                    return (value < 0 ? "-" : "") + "1/" + figuresCompact(Math.abs(1 / value));
                }
                return figuresCompact(value);
            }

            String meaning(int size) {
                if (!simple) {
                    return "";
                }
                String sign = value < 0 ? " and the wrong sign" : "";
                double m = Math.abs(value);
                if (m >= 2) {
                    String k = figuresCompact(m);
                    String hint = size == (int) m
                            ? ": missing a 1/N from a mean? (the node has N = " + k + " elements)"
                            : ": missing a 1/" + k + ", or a term counted " + k + " times?";
                    return "; " + k + " times too large" + sign + hint;
                }
                if (m < 1) {
                    String k = figuresCompact(1 / m);
                    String hint = size == (int) Math.rint(1 / m)
                            ? ": divided by N once too often? (the node has N = " + k + " elements)"
                            : ": a missing factor of " + k + ", or a division by " + k + " once too often?";
                    return "; " + k + " times too small" + sign + hint;
                }
                return "";
            }

            static String figuresCompact(double x) {
                if (Double.isFinite(x) && Math.abs(x - Math.rint(x)) < 1e-9 * Math.max(1, Math.abs(x))
                        && Math.abs(x) < 1e15) {
                    return Long.toString((long) Math.rint(x));
                }
                String s = String.format(Locale.ROOT, "%.6g", x);
                return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
            }
        }
    }

    static final double[] FACTORS = {-1, 1, 2, -2, 3, 0.5, -0.5, 1.0 / 3, 0.25, 9, 1.37, 4096, 4097, 1.0 / 4096,
        1.0 / 4097, 2.0000001, 2.000001, 0.4999999, -0.9999999, -1.0000001, 1.0000001, 5e5 + 0.4, 1234567.1, 1e9,
        1e15, 1e16, 1e19, 1e20, -1e20, 1e300, 1e-3, 1e-7, 7.0 / 3, 0, Double.MIN_VALUE};

    /** Random elements of one node: a factor times the measured values, perturbed, with random tolerances. */
    static List<List<ElementComparison>> cases() {
        SplittableRandom r = new SplittableRandom(24301);
        List<List<ElementComparison>> cases = new ArrayList<>();
        for (int k = 0; k < 30000; k++) {
            double c = r.nextInt(4) == 0 ? (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextDouble(-8, 8))
                    : FACTORS[r.nextInt(FACTORS.length)];
            int size = 1 + r.nextInt(9);
            double scale = Math.pow(10, r.nextDouble(-20, 20));
            double baseTolerance = Math.pow(10, r.nextDouble(-14, 0)) * (r.nextBoolean() ? scale : 1);
            List<ElementComparison> elements = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                double numeric = switch (r.nextInt(12)) {
                    case 0 -> 0;
                    case 1 -> baseTolerance * r.nextDouble();
                    default -> scale * (r.nextDouble() * 2 - 1);
                };
                double analytic = switch (r.nextInt(10)) {
                    case 0 -> numeric;
                    case 1 -> c * numeric * (1 + r.nextDouble(-1e-3, 1e-3));
                    case 2 -> c * numeric + baseTolerance * r.nextDouble(-2, 2);
                    case 3 -> r.nextInt(50) == 0 ? Double.NaN : scale * r.nextDouble();
                    default -> c * numeric;
                };
                double tolerance = switch (r.nextInt(40)) {
                    case 0 -> Double.POSITIVE_INFINITY;
                    case 1 -> Double.NaN;
                    case 2 -> 0;
                    default -> baseTolerance;
                };
                Verdict v = Math.abs(analytic - numeric) <= tolerance ? Verdict.PASS
                        : r.nextInt(20) == 0 ? Verdict.INCONCLUSIVE : Verdict.FAIL;
                elements.add(new ElementComparison(i, size == 1 ? "" : "[" + i + "]", 0, analytic, numeric,
                        tolerance / 10, tolerance, v, v == Verdict.INCONCLUSIVE ? Finding.COARSE : Finding.MEASURED));
            }
            cases.add(elements);
        }
        return cases;
    }

    static ElementComparison strongestFailure(List<ElementComparison> elements) {
        ElementComparison best = null;
        for (ElementComparison e : elements) {
            if (e.verdict() == Verdict.FAIL && (best == null || Math.abs(e.numeric()) > Math.abs(best.numeric()))) {
                best = e;
            }
        }
        return best;
    }

    @Test
    void theCommonRatioIsTheNodeReportsCommonFactor() {
        for (List<ElementComparison> elements : cases()) {
            assertThat(Factor.commonRatio(elements)).as("%s", elements).isEqualTo(Before.commonFactor(elements));
        }
    }

    /**
     * Whether issue 11 changed what is said of this ratio on purpose: a ratio beyond 5e5 (or below
     * 1/5e5) is no longer simple, a negative one other than -1 is named as a flipped sign and the
     * rest, whole numbers of 1e15 or more are written short, and a factor that is not simple but
     * would read "1" is written with the digits that tell it from 1.
     */
    static boolean changedOnPurpose(double ratio) {
        double m = Math.abs(ratio);
        boolean nearOne = ratio != 1 && io.github.gradcheck.internal.format.Numbers.compact(ratio).equals("1");
        return m > 5e5 / 2 || m < 2 / 5e5 || ratio < 0 && Math.abs(ratio + 1) > 1e-6 || nearOne;
    }

    @Test
    void theTableAndTheBlameSayWhatTheySaid() {
        int simple = 0;
        for (List<ElementComparison> elements : cases()) {
            if (Before.commonFactor(elements).isPresent() && changedOnPurpose(Before.commonFactor(elements).getAsDouble())) {
                continue;
            }
            Optional<Factor> f = Factor.common(elements).filter(Factor::simple);
            Optional<String> note = f.map(x -> "analytic = " + x.decimal() + " × numeric");
            Optional<String> blame = note.map(n -> n + f.get().mistake().map(m -> " (" + m + ")").orElse(""));
            assertThat(note).as("%s", elements).isEqualTo(Before.factor(Before.commonFactor(elements)));
            assertThat(blame).as("%s", elements).isEqualTo(Before.blame(Before.commonFactor(elements)));
            simple += f.isPresent() ? 1 : 0;
        }
        assertThat(simple).as("cases with a simple common factor").isGreaterThan(3000);
    }

    @Test
    void theDiagnosesSayWhatTheySaid() {
        int fitted = 0;
        int notSimple = 0;
        for (List<ElementComparison> elements : cases()) {
            List<ElementComparison> failed = elements.stream().filter(e -> e.verdict() == Verdict.FAIL).toList();
            for (List<ElementComparison> over : List.of(elements, failed)) {
                Optional<Factor> now = Factor.fit(strongestFailure(elements), over);
                Optional<Before.Fitted> then = Before.Fitted.fit(strongestFailure(elements), over);
                assertThat(now.isPresent()).as("%s", elements).isEqualTo(then.isPresent());
                assertThat(Factor.FLIPPED_SIGN.holdsAt(over)).isEqualTo(Before.Fitted.holds(-1, over));
                if (now.isEmpty()) {
                    continue;
                }
                if (changedOnPurpose(now.get().value())) {
                    continue;
                }
                fitted++;
                notSimple += now.get().simple() ? 0 : 1;
                assertThat(now.get().value()).isEqualTo(then.get().value);
                assertThat(now.get().simple()).isEqualTo(then.get().simple);
                assertThat(now.get().fraction()).isEqualTo(then.get().named());
                for (int size = 1; size <= 9; size++) {
                    assertThat(now.get().meaning(size).map(m -> "; " + m).orElse(""))
                            .isEqualTo(then.get().meaning(size));
                }
            }
        }
        assertThat(fitted).as("fitted factors").isGreaterThan(5000);
        assertThat(notSimple).as("fitted factors that are not simple").isGreaterThan(500);
    }

    @Test
    void whatIssue11ChangedOnPurpose() {
        // before: every ratio above 5e5 was "whole to 1e-6", and 1e20 was printed 9223372036854775807
        assertThat(Factor.of(1e20).simple()).isFalse();
        assertThat(Factor.of(1e20).decimal()).isEqualTo("1e20");
        assertThat(Factor.of(1e-20).simple()).isFalse();
        assertThat(Factor.of(1234567.1).simple()).isFalse();
        assertThat(Factor.of(4096).simple()).isTrue();
        assertThat(Factor.of(500000).simple()).isTrue();
        // before: "missing a factor of -2" and "a factor of -2 too many"
        assertThat(Factor.of(-0.5).mistake()).contains("a flipped sign and missing a factor of 2");
        assertThat(Factor.of(-2).mistake()).contains("a flipped sign and a factor of 2 too many");
        assertThat(Factor.of(-1).mistake()).contains("a flipped sign");
        assertThat(Factor.of(1.0000001).isOne()).isTrue();
        assertThat(Factor.of(2).isOne()).isFalse();
    }

    @Test
    void examples() {
        assertThat(Factor.of(-1).decimal()).isEqualTo("-1");
        assertThat(Factor.of(-1).mistake()).contains("a flipped sign");
        assertThat(Factor.of(0.5).decimal()).isEqualTo("0.5");
        assertThat(Factor.of(0.5).fraction()).isEqualTo("1/2");
        assertThat(Factor.of(0.5).mistake()).contains("missing a factor of 2");
        assertThat(Factor.of(4).mistake()).contains("a factor of 4 too many");
        assertThat(Factor.of(4).meaning(4)).contains("4 times too large: missing a 1/N from a mean? (the node has N = 4"
                + " elements)");
        assertThat(Factor.of(-0.25).meaning(3)).contains("4 times too small and the wrong sign: a missing factor of 4,"
                + " or a division by 4 once too often?");
        assertThat(Factor.of(1.37).simple()).isFalse();
        assertThat(Factor.of(1.37).fraction()).isEqualTo("1.37");
        assertThat(Factor.of(1.37).mistake()).isEmpty();
        assertThat(Factor.of(1.37).meaning(3)).isEmpty();
        assertThat(Factor.FLIPPED_SIGN.fraction()).isEqualTo("-1");
    }

    @Test
    void aFactorIsFiniteAndNotZeroAndSimpleOnlyWhenItIsWholeOrAReciprocal() {
        assertThatThrownBy(() -> Factor.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Factor.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Factor(Double.POSITIVE_INFINITY, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Factor(1.37, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.37");
        assertThat(new Factor(2, false).simple()).isFalse();
    }
}
