package io.github.gradcheck.internal.numeric;

import org.apiguardian.api.API;

/**
 * The cheap first measurement: central differences at {@code h}, {@code 2h}, {@code 4h}
 * (6 evaluations), extrapolated once to fourth order at {@code h} and at {@code 2h}. The value
 * is the extrapolation at {@code h}; the error is the disagreement of the two extrapolations
 * (about 16 times the true truncation error of a smooth function), floored at the rounding
 * level {@code 8·ε·F/h}.
 *
 * <p>The screen is meant to pass what is clearly right. It is not robust on its own: where it
 * does not give a clear pass, confirm with {@link RobustDifference}.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class ScreeningDifference {

    private ScreeningDifference() {
    }

    /**
     * One estimate per cotangent.
     *
     * @param probe the function
     * @param h the base step (a power of two, see {@link StepSize#screen})
     * @param epsilon the relative rounding noise of one evaluation
     */
    public static Estimate[] estimate(Probe probe, double h, double epsilon) {
        Sample p1 = probe.at(h);
        Sample m1 = probe.at(-h);
        Sample p2 = probe.at(2 * h);
        Sample m2 = probe.at(-2 * h);
        Sample p4 = probe.at(4 * h);
        Sample m4 = probe.at(-4 * h);
        int n = p1.cotangents();
        Estimate[] out = new Estimate[n];
        boolean finite = p1.finite() && m1.finite() && p2.finite() && m2.finite() && p4.finite() && m4.finite();
        for (int k = 0; k < n; k++) {
            if (!finite) {
                out[k] = new Estimate(Double.NaN, Double.POSITIVE_INFINITY, 4 * h);
                continue;
            }
            double d1 = Central.difference(p1, m1, k);
            double d2 = Central.difference(p2, m2, k);
            double d4 = Central.difference(p4, m4, k);
            double fine = (4 * d1 - d2) / 3;
            double coarse = (4 * d2 - d4) / 3;
            double magnitude = Math.max(Central.magnitude(p1, m1, k),
                    Math.max(Central.magnitude(p2, m2, k), Central.magnitude(p4, m4, k)));
            double error = Math.max(Math.abs(fine - coarse), Central.floor(epsilon, magnitude, h));
            out[k] = new Estimate(fine, error, 4 * h);
        }
        return out;
    }

    /**
     * The screen's rounding floor {@code 8·ε·F/h} for cotangent {@code k}, {@code F} the largest
     * noise scale of its samples: where {@link #estimate}'s error equals this, rounding, not
     * truncation, limits the screen's resolution, and a screen at a larger base step resolves
     * finer (the floor falls as {@code 1/h}, the truncation grows as {@code h⁴}).
     */
    public static double roundingFloor(Probe probe, double h, double epsilon, int k) {
        return Central.floor(epsilon, magnitude(probe, h, k), h);
    }

    /**
     * The rounding floor {@code 8·ε·F/h} of a screen at base step {@code h} whose samples have
     * noise scale {@code F}: for choosing a step before sampling.
     */
    public static double roundingFloor(double epsilon, double magnitude, double h) {
        return Central.floor(epsilon, magnitude, h);
    }

    /** Whether every sample of the screen left the output bit-identical. */
    public static boolean unchanged(Probe probe, double h) {
        return probe.at(h).unchanged() && probe.at(-h).unchanged() && probe.at(2 * h).unchanged()
                && probe.at(-2 * h).unchanged() && probe.at(4 * h).unchanged() && probe.at(-4 * h).unchanged();
    }

    /** The largest noise scale for cotangent {@code k} over the screen's samples. */
    public static double magnitude(Probe probe, double h, int k) {
        double m = 0;
        for (double o : new double[] {h, -h, 2 * h, -2 * h, 4 * h, -4 * h}) {
            m = Math.max(m, probe.at(o).magnitude(k));
        }
        return m;
    }
}
