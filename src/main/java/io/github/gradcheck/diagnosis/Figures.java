package io.github.gradcheck.diagnosis;

import java.util.Locale;

/** How numbers appear in diagnosis sentences. */
final class Figures {

    private Figures() {
    }

    /** A double in full: the shortest representation that reads back exactly. */
    static String full(double x) {
        return Double.toString(x);
    }

    /** A whole number without decimals, anything else with six significant digits. */
    static String compact(double x) {
        if (Double.isFinite(x) && Math.abs(x - Math.rint(x)) < 1e-9 * Math.max(1, Math.abs(x))
                && Math.abs(x) < 1e15) {
            return Long.toString((long) Math.rint(x));
        }
        String s = String.format(Locale.ROOT, "%.6g", x);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
