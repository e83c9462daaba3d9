package io.github.gradcheck.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.internal.subject.GradientView;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.Value;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rounding of a claim kept compactly is exactly the rounding measured: the difference
 * {@code |a − b/factor|} (0 where it is not rounding), element by element, whichever way it is
 * kept (a multiple of half an ulp in a byte, listed, or every element as a double).
 */
class MeasuredRoundingTests {

    private static final double FACTOR = ClaimRounding.FACTOR;
    private static final double LARGEST = ClaimRounding.LARGEST;

    /** The rounding as it was kept before, one double per element. */
    private static double expected(double a, double scaled, double largest) {
        double b = scaled / FACTOR;
        double diff = Math.abs(a - b);
        return Double.isFinite(diff) && diff <= largest * Math.max(Math.abs(a), Math.abs(b)) ? diff : 0;
    }

    private static void assertExact(double[] claim, double[] scaled, Precision precision) {
        Value a = Value.of(Shape.of(claim.length), precision, claim);
        GradientView s = GradientView.inPlace(scaled, Shape.of(scaled.length), precision);
        double largest = Math.max(LARGEST, Math.sqrt(precision.epsilon()));
        MeasuredRounding r = MeasuredRounding.of(a, s, FACTOR, largest);
        for (int j = 0; j < claim.length; j++) {
            double want = expected(a.get(j), s.get(j), largest);
            assertThat(Double.doubleToRawLongBits(r.at(j))).as("element %d: %s", j, want)
                    .isEqualTo(Double.doubleToRawLongBits(want));
        }
    }

    /** A linear backward at u and at FACTOR·u: the claims differ by rounding only. */
    private static double[][] linear(int n, long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = new double[n];
        double[] b = new double[n];
        double u = 0.375;
        for (int j = 0; j < n; j++) {
            double x = scale * (random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(-20, 20));
            a[j] = u * Math.cos(x) * x;
            b[j] = (u * FACTOR) * Math.cos(x) * x;
        }
        return new double[][] {a, b};
    }

    @Test
    void doubleClaimsDifferingByRoundingAreKeptExactly() {
        double[][] ab = linear(10_000, 1, 1);
        assertExact(ab[0], ab[1], Precision.DOUBLE);
    }

    @Test
    void claimsComputedWithCancellationAreListedAndKeptExactly() {
        double[][] ab = linear(1000, 2, 1);
        // a few elements with a rounding far above an ulp, as a cancellation inside the backward gives
        for (int j = 0; j < 1000; j += 97) {
            ab[1][j] = ab[1][j] * (1 + 1e-11);
        }
        assertExact(ab[0], ab[1], Precision.DOUBLE);
    }

    @Test
    void manyLargeRoundingsAndFloatClaimsAreKeptAsTheyAre() {
        double[][] ab = linear(1000, 3, 1);
        for (int j = 0; j < 1000; j++) {
            ab[1][j] = ab[1][j] * (1 + 1e-10 * (j % 7));
        }
        assertExact(ab[0], ab[1], Precision.DOUBLE);
        double[][] f = linear(1000, 4, 1);
        assertExact(f[0], f[1], Precision.FLOAT);
    }

    @Test
    void zerosSubnormalsHugeAndNonFiniteElementsAreKeptExactly() {
        double[] a = {0, -0.0, Double.MIN_VALUE, 3 * Double.MIN_VALUE, Double.MIN_NORMAL, 1e-310, 1e308,
                Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN, 1, -1};
        double[] b = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            b[j] = a[j] * FACTOR;
        }
        b[11] = -FACTOR * (1 + 1e-3); // not rounding: counts none
        assertExact(a, b, Precision.DOUBLE);
    }

    @Test
    void claimsThatAgreeExactlyOrHaveAnotherShapeCountNoRounding() {
        double[] a = {0.5, 0.25, -2};
        double[] b = {0.5 * FACTOR, 0.25 * FACTOR, -2 * FACTOR};
        assertExact(a, b, Precision.DOUBLE);
        MeasuredRounding other = MeasuredRounding.of(Value.vector(a), GradientView.of(Value.vector(1, 2)), FACTOR,
                LARGEST);
        for (int j = 0; j < a.length; j++) {
            assertThat(other.at(j)).isZero();
        }
    }
}
