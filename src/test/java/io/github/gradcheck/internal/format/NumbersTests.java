package io.github.gradcheck.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The formatter writes every number exactly as the code it replaced did (the text report's,
 * the diagnoses' and the assertion messages' own formatting, kept below as it was), over a
 * spread of magnitudes, whole and near-whole numbers, boundaries and special values.
 */
class NumbersTests {

    /** The formatting code before there was one formatter, verbatim. */
    static final class Before {

        /** TextReport.number, diagnosis Figures.full, and the implicit string conversions. */
        static String full(double x) {
            return Double.toString(x);
        }

        /** TextReport.sci and the inline "%.1e" of the diagnoses, assertion messages and HTML. */
        static String sci(double x) {
            return String.format(Locale.ROOT, "%.1e", x);
        }

        /** diagnosis Figures.compact. */
        static String figuresCompact(double x) {
            if (Double.isFinite(x) && Math.abs(x - Math.rint(x)) < 1e-9 * Math.max(1, Math.abs(x))
                    && Math.abs(x) < 1e15) {
                return Long.toString((long) Math.rint(x));
            }
            String s = String.format(Locale.ROOT, "%.6g", x);
            return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }

        /** TextReport.compact. */
        static String textReportCompact(double x) {
            if (Math.abs(x - Math.rint(x)) < 1e-9 * Math.max(1, Math.abs(x))) {
                return Long.toString((long) Math.rint(x));
            }
            String s = String.format(Locale.ROOT, "%.6g", x);
            return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
    }

    static List<Double> spread() {
        List<Double> xs = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 1.0 / 3, 2.0 / 3, 1.37, 4096.0,
                1.0 / 4096, 1e-300, 1e300, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                Double.MIN_NORMAL, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e15, 1e15 - 1,
                1e15 + 1, -1e15, 999999999999999.9, 9.223372036854775807e18, 9.3e18, -9.3e18, 1e19, 1e20, -1e20,
                0.9999999999, 1.0000000001, 0.99999999999, 2.0000000001, 1e-9, 1e-10, 123456.5, 999999.5, 9999995.0,
                0.0000999999, 0.000099999949, 1.2345649999, 1e-5, 1e-4, 1e-3, 0.1, 0.05, 0.125, 0.0625, 12.5, 2.5, 1.5,
                1234567.1, 5e5 + 0.4, 1e12 + 0.5, 1e9, 3e15, 1e16, 0.7915934472725935, -0.7915934472725779,
                3.0179862099620918, 2.5e20, 1.3e-13, 4.35e-14, 0.05, 0.15, 0.25, 0.35, 0.45, 9.95, 99.95, 0.0005,
                119.5, 0.5 + 1e-12, 2.675, 1.005, 1e-7, 7.0 / 3, -7.25));
        for (int k = -330; k <= 310; k++) {
            xs.add(Math.pow(10, k));
            xs.add(-3 * Math.pow(10, k));
            xs.add(Math.rint(Math.pow(10, Math.max(k, 0) / 20.0)) + 1e-10 * k);
        }
        for (int k = 0; k <= 64; k++) {
            xs.add(Math.scalb(1.0, k));
            xs.add(Math.scalb(1.0, k) - 1);
            xs.add(-Math.scalb(1.0, k) + 0.5);
            xs.add(1 / Math.scalb(1.0, k));
        }
        SplittableRandom r = new SplittableRandom(24301);
        for (int i = 0; i < 20000; i++) {
            double magnitude = Math.pow(10, r.nextDouble(-20, 22));
            double x = (r.nextBoolean() ? 1 : -1) * magnitude * r.nextDouble();
            xs.add(x);
            xs.add(Math.rint(x));
            xs.add(Math.rint(x) + (r.nextDouble() - 0.5) * 1e-9 * Math.max(1, Math.abs(x)) * 2);
            xs.add(Double.longBitsToDouble(r.nextLong()));
        }
        return xs;
    }

    @Test
    void fullIsWhatTheReportsPrintedForValues() {
        for (double x : spread()) {
            assertThat(Numbers.full(x)).as("%s", x).isEqualTo(Before.full(x));
        }
    }

    @Test
    void scientificIsWhatTheReportsPrintedForErrors() {
        for (double x : spread()) {
            assertThat(Numbers.scientific(x)).as("%s", x).isEqualTo(Before.sci(x));
        }
    }

    /** Whole numbers of 1e15 and more are written short now (issue 11: 1e20 printed as 9223372036854775807). */
    private static boolean largeWhole(double x) {
        return Double.isFinite(x) && Math.abs(x - Math.rint(x)) < 1e-9 * Math.max(1, Math.abs(x)) && Math.abs(x) >= 1e15;
    }

    @Test
    void compactIsWhatTheDiagnosesPrintedForFactors() {
        for (double x : spread()) {
            if (!largeWhole(x)) {
                assertThat(Numbers.compact(x)).as("%s", x).isEqualTo(Before.figuresCompact(x));
            }
        }
    }

    @Test
    void compactInWholeDigitsIsWhatTheTableAndTheBlamePrintedForFactorsBelow1e15() {
        for (double x : spread()) {
            if (!largeWhole(x)) {
                assertThat(Numbers.compactInWholeDigits(x)).as("%s", x).isEqualTo(Before.textReportCompact(x));
            }
        }
    }

    @Test
    void largeWholeNumbersNeitherOverflowNorPadTheirExponent() {
        assertThat(Numbers.compactInWholeDigits(1e20)).isEqualTo("1e20");
        assertThat(Numbers.compactInWholeDigits(-1e20)).isEqualTo("-1e20");
        assertThat(Numbers.compactInWholeDigits(1.5e20)).isEqualTo("1.5e20");
        assertThat(Numbers.compactInWholeDigits(1e15)).isEqualTo("1e15");
        assertThat(Numbers.compactInWholeDigits(999999999999999.0)).isEqualTo("999999999999999");
        assertThat(Numbers.compactInWholeDigits(Double.MAX_VALUE)).isEqualTo("1.79769e308");
        assertThat(Numbers.compact(1e20)).isEqualTo("1e20");
        for (double x : spread()) {
            if (largeWhole(x)) {
                assertThat(Double.parseDouble(Numbers.compact(x))).as("%s", x)
                        .isCloseTo(x, org.assertj.core.data.Percentage.withPercentage(1e-3));
            }
        }
    }

    @Test
    void fixedIsWhatTheWallTimeAndTheColoursPrinted() {
        for (double x : spread()) {
            assertThat(Numbers.fixed(x, 3)).as("%s", x).isEqualTo(String.format(Locale.ROOT, "%.3f", x));
            assertThat(Numbers.fixed(x, 1)).as("%s", x).isEqualTo(String.format(Locale.ROOT, "%.1f", x));
            assertThat(Numbers.fixed(x, 0)).as("%s", x).isEqualTo(String.format(Locale.ROOT, "%.0f", x));
        }
    }

    @Test
    void examples() {
        assertThat(Numbers.full(0.7915934472725935)).isEqualTo("0.7915934472725935");
        assertThat(Numbers.full(2.5e20)).isEqualTo("2.5E20");
        assertThat(Numbers.scientific(1.27e-13)).isEqualTo("1.3e-13");
        assertThat(Numbers.scientific(2)).isEqualTo("2.0e+00");
        assertThat(Numbers.compact(4.0000000001)).isEqualTo("4");
        assertThat(Numbers.compact(-1)).isEqualTo("-1");
        assertThat(Numbers.compact(0.5)).isEqualTo("0.5");
        assertThat(Numbers.compact(1.0 / 3)).isEqualTo("0.333333");
        assertThat(Numbers.compact(1234567.1)).isEqualTo("1.23457e+06");
        assertThat(Numbers.compactInWholeDigits(1e14)).isEqualTo("100000000000000");
        assertThat(Numbers.compactInWholeDigits(0.5)).isEqualTo("0.5");
        assertThat(Numbers.fixed(0.12549, 3)).isEqualTo("0.125");
        assertThat(Numbers.fixed(119.6, 0)).isEqualTo("120");
    }

    @Test
    void theFormsDoNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Numbers.scientific(1.25e-7)).isEqualTo("1.3e-07");
            assertThat(Numbers.compact(1.37)).isEqualTo("1.37");
            assertThat(Numbers.fixed(1.5, 3)).isEqualTo("1.500");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aNegativeNumberOfDecimalsIsRefused() {
        assertThatThrownBy(() -> Numbers.fixed(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
