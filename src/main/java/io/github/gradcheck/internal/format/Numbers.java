package io.github.gradcheck.internal.format;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The one way gradcheck writes a number for a person to read: in the text, JSON and HTML
 * reports, the diagnoses, and the assertion and failure messages. Every form is independent
 * of the default locale.
 *
 * <ul>
 *   <li>{@link #full(double)}: a value in full, e.g. a claimed or measured gradient
 *       ({@code 0.7915934472725935}, {@code 2.5E20});
 *   <li>{@link #scientific(double)}: an error, a tolerance or a resolution, to two significant
 *       digits ({@code 1.3e-13});
 *   <li>{@link #compact(double)}: a factor or a count in a sentence ({@code 4}, {@code 1.37});
 *   <li>{@link #fixed(double, int)}: a duration or a similar quantity with a fixed number of
 *       decimals ({@code 0.125}).
 * </ul>
 *
 * <p>Internal: not part of the API; may change in any release without notice.
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class Numbers {

    /** Whole numbers at least this large are written by {@link #compact(double)} in six significant digits. */
    private static final double LARGEST_WHOLE = 1e15;

    private Numbers() {
    }

    /**
     * A double in full: {@link Double#toString(double)}, which reads back as the same double,
     * e.g. {@code 0.7915934472725935}, {@code 2.5E20}, {@code -0.0}, {@code NaN}, {@code Infinity}.
     *
     * @param x the number
     * @return its text
     */
    public static String full(double x) {
        return Double.toString(x);
    }

    /**
     * Two significant digits in scientific notation, e.g. {@code 1.3e-13}, {@code 2.0e+00},
     * {@code 0.0e+00}, {@code Infinity}: how errors, error estimates, tolerances and resolutions
     * are written.
     *
     * @param x the number
     * @return its text
     */
    public static String scientific(double x) {
        return String.format(Locale.ROOT, "%.1e", x);
    }

    /**
     * A whole number (to 1e-9 relative) without decimals, e.g. {@code 4}, {@code -1},
     * {@code 1000000}, and from 10<sup>15</sup> on in a short scientific form, e.g. {@code 1e20};
     * anything else to six significant digits without trailing zeros, e.g. {@code 0.5},
     * {@code 1.37}, {@code 0.333333}, {@code 1.23457e+06}, {@code NaN}.
     *
     * @param x the number
     * @return its text
     */
    public static String compact(double x) {
        if (Double.isFinite(x) && nearlyWhole(x)) {
            return Math.abs(x) < LARGEST_WHOLE ? Long.toString((long) Math.rint(x)) : largeWhole(x);
        }
        return sixDigits(x);
    }

    /**
     * As {@link #compact(double)}: a whole number below 10<sup>15</sup> in all its digits, e.g.
     * {@code 4}, {@code 4096}, {@code 999999999999999}; a larger one in the shortest scientific
     * form that reads back to six digits, e.g. {@code 1e20}, {@code 1.5e20}, {@code -9.22337e18}
     * (no longer saturated at {@link Long#MAX_VALUE}: 10<sup>20</sup> stays 1e20).
     *
     * @param x the number
     * @return its text
     */
    public static String compactInWholeDigits(double x) {
        return compact(x);
    }

    /** A whole number of 10<sup>15</sup> or more: six significant digits, trailing zeros and the exponent's padding left out. */
    private static String largeWhole(double x) {
        String s = String.format(Locale.ROOT, "%.5e", x);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }

    /**
     * A number with exactly {@code decimals} digits after the point, rounded half up, e.g.
     * {@code fixed(0.12549, 3)} is {@code 0.125} and {@code fixed(119.6, 0)} is {@code 120}.
     *
     * @param x the number
     * @param decimals how many digits after the point, at least 0
     * @return its text
     * @throws IllegalArgumentException when {@code decimals} is negative
     */
    public static String fixed(double x, int decimals) {
        if (decimals < 0) {
            throw new IllegalArgumentException("a negative number of decimals: " + decimals);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }

    /**
     * An amount of memory in binary units with one decimal, e.g. {@code bytes(3_200_000_000L)} is
     * {@code 3.0 GiB} and {@code bytes(512)} is {@code 512 bytes}.
     *
     * @param bytes the amount, not negative
     * @return its text
     */
    public static String bytes(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double amount = bytes;
        int unit = -1;
        while (amount >= 1024 && unit < units.length - 1) {
            amount /= 1024;
            unit++;
        }
        return fixed(amount, 1) + " " + units[unit];
    }

    /** Within 1e-9 (relative, absolute below 1) of a whole number; false for NaN and the infinities. */
    private static boolean nearlyWhole(double x) {
        return Math.abs(x - Math.rint(x)) < 1e-9 * Math.max(1, Math.abs(x));
    }

    /** {@code %.6g} without the trailing zeros of a plain decimal. */
    private static String sixDigits(double x) {
        String s = String.format(Locale.ROOT, "%.6g", x);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
