package io.github.gradcheck.internal.engine;

import io.github.gradcheck.internal.subject.GradientView;
import io.github.gradcheck.model.Value;
import java.util.Arrays;

/**
 * The measured rounding of each element of one claimed gradient ({@link ClaimRounding}), kept
 * compactly and exactly for the whole check: the difference between two claims that agree to
 * rounding is a small multiple of half an ulp of the claim, so it is kept as that multiple in a
 * byte per element (an eighth of the claim's size), beside the claim it is read against. An
 * element whose rounding is no such multiple (a claim in float, one computed with cancellation)
 * is kept as it is, in a short list; where those are many, every element is kept as it is.
 */
final class MeasuredRounding {

    /** The byte that says "kept as it is in the list"; multiples 0 … 254 are kept in the byte. */
    private static final int LISTED = 255;

    /** Above one listed element in this many, every element is kept as a double. */
    private static final int DENSE_ABOVE_ONE_IN = 16;

    private final Value claim;
    /** Per element its multiple of {@link #unit}, or {@link #LISTED}; null where all are 0. */
    private final byte[] multiples;
    private final int[] listedAt;
    private final double[] listed;
    /** Every element as it is, where too many would be listed; else null. */
    private final double[] dense;

    private MeasuredRounding(Value claim, byte[] multiples, int[] listedAt, double[] listed, double[] dense) {
        this.claim = claim;
        this.multiples = multiples;
        this.listedAt = listedAt;
        this.listed = listed;
        this.dense = dense;
    }

    /**
     * The rounding of {@code claim} from the claim {@code scaled} at the same cotangent times
     * {@code factor}: per element {@code |a − b/factor|} where that is at most {@code largest}
     * of the larger of the two and finite, else 0 (not rounding: the linearity check says so).
     * {@code scaled} is read here and not kept.
     */
    static MeasuredRounding of(Value claim, GradientView scaled, double factor, double largest) {
        int n = claim.size();
        if (!claim.shape().equals(scaled.shape())) {
            return new MeasuredRounding(claim, null, new int[0], new double[0], null);
        }
        int nonZero = 0;
        int toList = 0;
        for (int j = 0; j < n; j++) {
            double d = difference(claim.get(j), scaled.get(j), factor, largest);
            if (d != 0) {
                nonZero++;
                if (multiple(d, claim.get(j)) < 0) {
                    toList++;
                }
            }
        }
        if (nonZero == 0) {
            return new MeasuredRounding(claim, null, new int[0], new double[0], null);
        }
        if (toList > n / DENSE_ABOVE_ONE_IN) {
            double[] dense = new double[n];
            for (int j = 0; j < n; j++) {
                dense[j] = difference(claim.get(j), scaled.get(j), factor, largest);
            }
            return new MeasuredRounding(claim, null, null, null, dense);
        }
        byte[] multiples = new byte[n];
        int[] listedAt = new int[toList];
        double[] listed = new double[toList];
        int l = 0;
        for (int j = 0; j < n; j++) {
            double d = difference(claim.get(j), scaled.get(j), factor, largest);
            int m = d == 0 ? 0 : multiple(d, claim.get(j));
            if (m < 0) {
                multiples[j] = (byte) LISTED;
                listedAt[l] = j;
                listed[l++] = d;
            } else {
                multiples[j] = (byte) m;
            }
        }
        return new MeasuredRounding(claim, multiples, listedAt, listed, null);
    }

    /** {@code |a − b/factor|} where it is rounding (finite, at most {@code largest} of the larger), else 0. */
    private static double difference(double a, double scaled, double factor, double largest) {
        double b = scaled / factor;
        double diff = Math.abs(a - b);
        return Double.isFinite(diff) && diff <= largest * Math.max(Math.abs(a), Math.abs(b)) ? diff : 0;
    }

    /** Half an ulp of {@code a}, at least the smallest double: what the difference of two nearby doubles is a multiple of. */
    private static double unit(double a) {
        return Math.max(Math.ulp(a) * 0.5, Double.MIN_VALUE);
    }

    /** {@code d} as a multiple 0 … 254 of {@link #unit}(a), exactly; −1 where it is none. */
    private static int multiple(double d, double a) {
        double unit = unit(a);
        double m = d / unit;
        return m < LISTED && m == Math.rint(m) && m * unit == d ? (int) m : -1;
    }

    /**
     * {@return the measured rounding of element {@code j} (absolute)}: exactly the difference
     * measured, 0 where none was
     *
     * @param j the flat index
     */
    double at(int j) {
        if (dense != null) {
            return dense[j];
        }
        if (multiples == null) {
            return 0;
        }
        int m = multiples[j] & 0xFF;
        if (m == LISTED) {
            return listed[Arrays.binarySearch(listedAt, j)];
        }
        return m == 0 ? 0 : m * unit(claim.get(j));
    }
}
