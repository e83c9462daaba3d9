package io.github.gradcheck.internal.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class HighOrderDifferenceTests {

    @Test
    void theWeightsAreTheClassicalCentralOnesOnAnEvenGrid() {
        double[] w = HighOrderDifference.firstDerivativeWeights(new double[] {0, 1, -1, 2, -2}, 5);
        assertThat(w[0]).isCloseTo(0, within(1e-15));
        assertThat(w[1]).isCloseTo(8.0 / 12, within(1e-15));
        assertThat(w[2]).isCloseTo(-8.0 / 12, within(1e-15));
        assertThat(w[3]).isCloseTo(-1.0 / 12, within(1e-15));
        assertThat(w[4]).isCloseTo(1.0 / 12, within(1e-15));
    }

    @Test
    void theWeightsDifferentiatePolynomialsExactlyOnAnUnevenGrid() {
        double[] t = {0, 0.9, -1.1, 2.05, -1.95, 3, -3.1};
        double[] w = HighOrderDifference.firstDerivativeWeights(t, 7);
        // p(t) = 2 + 3t − t² + 0.5t³ + t⁶: p'(0) = 3
        double d = 0;
        for (int i = 0; i < t.length; i++) {
            double x = t[i];
            d += w[i] * (2 + 3 * x - x * x + 0.5 * x * x * x + Math.pow(x, 6));
        }
        assertThat(d).isCloseTo(3, within(1e-10));
    }

    private static Probe floatProbe(DoubleUnaryOperator f, double x) {
        double f0 = f.applyAsDouble(x);
        return offset -> {
            float moved = (float) (x + offset);
            double v = f.applyAsDouble(moved);
            return new Sample(moved - x, new double[] {v}, new double[] {Math.abs(v)}, v == f0);
        };
    }

    @Test
    void throughFloatRoundingItResolvesFarBelowASecondOrderDifference() {
        // f computed in float: noise ~ 6e-8 of |f|; a central difference resolves ~ σ^(2/3) ~ 1e-5 at best
        DoubleUnaryOperator f = t -> (float) ((float) Math.sin((float) t) * (float) Math.exp((float) t / 3f));
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 50; i++) {
            double x = (float) r.nextDouble(-2, 2);
            double truth = Math.exp(x / 3) * (Math.cos(x) + Math.sin(x) / 3);
            double sigma = Math.ulp(1f);
            Estimate e = HighOrderDifference.estimate(floatProbe(f, x), 0, 0.75 * Math.max(1, Math.abs(x)), sigma);
            assertThat(Math.abs(e.value() - truth)).as("x = %s", x).isLessThanOrEqualTo(e.error());
            assertThat(e.error()).as("x = %s", x).isLessThan(2e-5);
        }
    }

    @Test
    void theLadderStopsWhereNoSmallerStepCanWinAndKeepsTheBestEstimate() {
        DoubleUnaryOperator f = t -> (float) ((float) Math.sin((float) t) * (float) Math.exp((float) t / 3f));
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < 50; i++) {
            double x = (float) r.nextDouble(-2, 2);
            double largest = 0.75 * Math.max(1, Math.abs(x));
            double sigma = Math.ulp(1f);
            int[] evaluations = {0};
            Probe base = floatProbe(f, x);
            Probe counted = offset -> {
                evaluations[0]++;
                return base.at(offset);
            };
            Estimate stopped = HighOrderDifference.estimate(counted, 0, largest, sigma);
            // every level on its own: a ladder entered at that level measures it first, whatever comes after
            Estimate best = new Estimate(Double.NaN, Double.POSITIVE_INFINITY, 0);
            for (int level = 0; level < HighOrderDifference.LEVELS; level++) {
                Estimate e = HighOrderDifference.estimate(base, 0, largest * Math.pow(HighOrderDifference.RATIO, level),
                        sigma);
                best = e.error() < best.error() ? e : best;
            }
            assertThat(stopped.value()).as("x = %s", x).isEqualTo(best.value());
            assertThat(stopped.error()).as("x = %s", x).isEqualTo(best.error());
            // float noise through large steps: the best step is among the first few, the rest are not evaluated
            assertThat(evaluations[0]).as("x = %s", x).isLessThanOrEqualTo(1 + 8 * 5);
        }
    }

    @Test
    void aFeatureFarBelowTheStepsMakesTheErrorLargeNotTheValueConfident() {
        // cos(256πx): power-of-two steps alias with it; these start from a mantissa that is not one
        DoubleUnaryOperator f = t -> Math.cos(256 * Math.PI * t);
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < 50; i++) {
            double x = r.nextDouble(-1, 1);
            Probe p = offset -> {
                double moved = x + offset;
                double v = f.applyAsDouble(moved);
                return new Sample(moved - x, new double[] {v}, new double[] {Math.abs(v)}, false);
            };
            double truth = -256 * Math.PI * Math.sin(256 * Math.PI * x);
            // the engine fails a claim only where both ladders, incommensurate, are confidently off it and
            // agree with each other: never both off the truth in the same place
            Estimate a = HighOrderDifference.estimate(p, 0, 0.75 * 0.7071067811865476, 1e-16);
            Estimate b = HighOrderDifference.estimate(p, 0, 0.75 * 0.7071067811865476 * Math.exp(-0.35), 1e-16);
            boolean bothOff = Math.abs(a.value() - truth) > 10 * a.error() && Math.abs(b.value() - truth) > 10 * b.error();
            boolean agree = Math.abs(a.value() - b.value()) <= 10 * (a.error() + b.error());
            assertThat(bothOff && agree).as("x = %s: %s, %s, truth %s", x, a, b, truth).isFalse();
        }
    }
}
