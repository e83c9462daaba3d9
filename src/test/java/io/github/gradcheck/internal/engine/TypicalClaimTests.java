package io.github.gradcheck.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.model.Value;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The typical magnitude of a claim, found without copying it, is the lower median of its finite
 * magnitudes, exactly as sorting a copy of them gives it.
 */
class TypicalClaimTests {

    /** The lower median of the finite magnitudes, from a sorted copy. */
    private static double sorted(double[] claim) {
        double[] m = Arrays.stream(claim).map(Math::abs).filter(Double::isFinite).sorted().toArray();
        return m.length == 0 ? 0 : m[(m.length - 1) / 2];
    }

    private static void assertSame(double[] claim) {
        assertThat(Double.doubleToRawLongBits(Claims.typical(Value.vector(claim))))
                .as(Arrays.toString(claim.length > 20 ? Arrays.copyOf(claim, 20) : claim))
                .isEqualTo(Double.doubleToRawLongBits(sorted(claim)));
    }

    @Test
    void randomClaimsOfEverySizeAndSpread() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(trial < 250 ? 40 : 5000);
            double[] claim = new double[n];
            for (int j = 0; j < n; j++) {
                claim[j] = (random.nextBoolean() ? -1 : 1) * random.nextDouble()
                        * Math.pow(10, random.nextInt(-300, 300));
                if (random.nextInt(10) == 0 && j > 0) {
                    claim[j] = claim[random.nextInt(j)]; // ties
                }
            }
            assertSame(claim);
        }
    }

    @Test
    void zerosNonFiniteAndExtremeElements() {
        assertSame(new double[] {Double.NaN, Double.POSITIVE_INFINITY});
        assertSame(new double[] {-0.0, 0.0, Double.NaN, Double.MIN_VALUE});
        assertSame(new double[] {Double.MAX_VALUE, Double.NEGATIVE_INFINITY, 1e30, -Double.MIN_NORMAL, 5e-324});
        assertSame(new double[] {3, 3, 3, -3});
        assertSame(new double[] {1e30, 2, 1, 0.5});
    }
}
