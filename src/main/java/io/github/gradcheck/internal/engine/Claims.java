package io.github.gradcheck.internal.engine;

import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.check.Linearity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What the subject's backward claimed at the checked point: one set of gradients per output
 * cotangent, in the cotangents' order.
 *
 * @param cotangents the output cotangents the backward ran with
 * @param gradients what it claimed for each of them
 * @param rounding the measured rounding of those claims, per cotangent (empty when not measured)
 * @param linearity the linearity of each node's claim in the cotangent, by node (empty when not checked)
 */
record Claims(List<Value> cotangents, List<Gradients> gradients, List<ClaimRounding> rounding,
              Map<String, Linearity> linearity) {

    Claims {
        cotangents = cotangents instanceof OneHotCotangents lazy ? lazy : List.copyOf(cotangents);
        gradients = List.copyOf(gradients);
        rounding = List.copyOf(rounding);
        linearity = Map.copyOf(linearity);
    }

    /** Claims whose rounding and linearity were not measured. */
    Claims(List<Value> cotangents, List<Gradients> gradients) {
        this(cotangents, gradients, List.of(), Map.of());
    }

    /**
     * The cotangent of a scalar output: a power of two that is not ±1 (±1/8 … ±8 but ±1), drawn
     * from the seed. A backward that ignores the gradient flowing into it returns the same claim at
     * any cotangent, so with a unit cotangent it looks right; with this one it is off by the
     * factor, and the linearity check names it. A power of two, so that the claims divided by it
     * ({@link #unit}) are exactly what a unit cotangent gives: the reports show per-unit values.
     */
    static double scalarCotangent(long seed) {
        SplittableRandom random = new SplittableRandom(seed * 0xBF58476D1CE4E5B9L + 0x5EED);
        int exponent = 1 + random.nextInt(3);
        double magnitude = random.nextBoolean() ? Math.scalb(1.0, exponent) : Math.scalb(1.0, -exponent);
        return random.nextBoolean() ? magnitude : -magnitude;
    }

    /**
     * The unit of cotangent {@code k}: what the values of its comparisons are divided by for the
     * report, so that they read per unit of the output (the scalar output's cotangent, a power of
     * two, so the division is exact); 1 for a vector output.
     */
    double unit(int k) {
        Value u = cotangents.get(k);
        return u.size() == 1 ? u.get(0) : 1;
    }

    /** The linearity of {@code node}'s claim, if it was checked. */
    Optional<Linearity> linearity(String node) {
        return Optional.ofNullable(linearity.get(node));
    }

    /** The measured rounding of the claims at cotangent {@code k} (none when not measured). */
    ClaimRounding rounding(int k) {
        return k < rounding.size() ? rounding.get(k) : ClaimRounding.none();
    }

    /**
     * Per cotangent, the size of the terms {@code node}'s claim at element {@code j} is a sum of, from
     * its measured rounding ({@link ClaimRounding#terms}); 0 where not measured.
     */
    double[] terms(String node, int j, double claimEpsilon) {
        double[] t = new double[gradients.size()];
        for (int k = 0; k < t.length; k++) {
            double d = rounding(k).of(node).map(r -> r.at(j)).orElse(0.0);
            t[k] = ClaimRounding.terms(d, claimEpsilon);
        }
        return t;
    }

    /** As {@link #terms(String, int, double)} for the claimed contribution along {@code edge}. */
    double[] terms(Edge edge, int j, double claimEpsilon) {
        double[] t = new double[gradients.size()];
        for (int k = 0; k < t.length; k++) {
            double d = rounding(k).of(edge).map(r -> r.at(j)).orElse(0.0);
            t[k] = ClaimRounding.terms(d, claimEpsilon);
        }
        return t;
    }

    /**
     * The typical magnitude of a claimed gradient: the lower median of its elements' finite
     * magnitudes (0 for none). A claim computed with cancellation inside the backward carries the
     * rounding of its node's typical terms, which this stands for where the measured rounding
     * cannot see it (rounding done before the cotangent enters); no single element, however large,
     * moves it.
     */
    static double typical(Value claim) {
        int n = 0;
        for (int j = 0; j < claim.size(); j++) {
            if (Double.isFinite(claim.get(j))) {
                n++;
            }
        }
        return n == 0 ? 0 : finiteMagnitudeOfRank(claim, (n - 1) / 2);
    }

    /**
     * The finite magnitude of rank {@code rank} (from 0, in increasing order) among the claim's
     * elements, found without a copy of them: non-negative doubles order as their bits, so the
     * bits of the one wanted are settled 16 at a time, from the highest, by counting the elements
     * that agree with those already settled.
     */
    private static double finiteMagnitudeOfRank(Value claim, long rank) {
        long settled = 0;
        long left = rank;
        for (int shift = 48; shift >= 0; shift -= 16) {
            long above = shift == 48 ? 0 : -1L << (shift + 16);
            int[] count = new int[1 << 16];
            for (int j = 0; j < claim.size(); j++) {
                double v = Math.abs(claim.get(j));
                long bits = Double.doubleToRawLongBits(v);
                if (Double.isFinite(v) && (bits & above) == settled) {
                    count[(int) (bits >>> shift) & 0xFFFF]++;
                }
            }
            int digit = 0;
            while (left >= count[digit]) {
                left -= count[digit++];
            }
            settled |= (long) digit << shift;
        }
        return Double.longBitsToDouble(settled);
    }

    /**
     * The largest finite magnitude of a claimed gradient's elements (0 for none): the scale beside
     * which an element is negligible. A wrong huge claim fails on its own tolerance; here it only
     * makes the other elements negligible beside it, which changes no first measurement.
     */
    static double largest(Value claim) {
        double m = 0;
        for (int j = 0; j < claim.size(); j++) {
            double v = Math.abs(claim.get(j));
            if (Double.isFinite(v)) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    /** The number of cotangents. */
    int size() {
        return cotangents.size();
    }

    /**
     * The claimed gradient of {@code node}, per cotangent.
     *
     * @throws SubjectException when the backward claimed none for it
     */
    Value[] of(String subject, String node) {
        Value[] out = new Value[gradients.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = gradients.get(k).of(node).orElseThrow(() -> new SubjectException(subject, node,
                    "the backward claimed no gradient for this node"));
        }
        return out;
    }

    /** The claimed contribution along {@code edge}, per cotangent. */
    Value[] of(Edge edge) {
        Value[] out = new Value[gradients.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = gradients.get(k).of(edge).orElseThrow();
        }
        return out;
    }
}
