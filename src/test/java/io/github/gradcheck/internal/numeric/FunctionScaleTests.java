package io.github.gradcheck.internal.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.model.Precision;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class FunctionScaleTests {

    private static final double EPS = Precision.DOUBLE.epsilon();

    private static FunctionScale.Scale scan(double x, DoubleUnaryOperator f) {
        return FunctionScale.find(Subjects.probe(x, f), 0, x, 0, Precision.DOUBLE, 0, EPS, FunctionScale.DEFAULT_BUDGET);
    }

    /**
     * At n random points of [lo, hi]: the scan resolves, its scale is at most {@code feature(x)},
     * and its by-product estimate covers the true derivative (at least 99% of the points).
     */
    private static void resolvesBelow(DoubleUnaryOperator f, DoubleUnaryOperator df, DoubleUnaryOperator feature,
                                      double lo, double hi, int n, long seed) {
        Random random = new Random(seed);
        int covered = 0;
        for (int i = 0; i < n; i++) {
            double x = lo + (hi - lo) * random.nextDouble();
            FunctionScale.Scale scale = scan(x, f);
            assertThat(scale.resolved()).as("x = %s", x).isTrue();
            assertThat(scale.scale()).as("x = %s", x).isLessThanOrEqualTo(feature.applyAsDouble(x));
            assertThat(scale.step()).isPositive().isLessThanOrEqualTo(scale.scale());
            assertThat(scale.evaluations()).isLessThanOrEqualTo(FunctionScale.DEFAULT_BUDGET);
            double truth = df.applyAsDouble(x);
            if (Math.abs(scale.estimate().value() - truth) <= scale.estimate().error()) {
                covered++;
            }
        }
        assertThat(covered).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * n));
    }

    @Test
    void aFunctionVaryingOnTheScaleOfXIsResolvedWithAboutEightEvaluations() {
        Random random = new Random(1);
        DoubleUnaryOperator[] fs = {Math::sin, Math::exp, v -> Math.log1p(v * v), v -> v * v * v};
        int evaluations = 0;
        for (DoubleUnaryOperator f : fs) {
            for (int i = 0; i < 100; i++) {
                double x = 4 * random.nextDouble() - 2;
                FunctionScale.Scale scale = scan(x, f);
                assertThat(scale.resolved()).isTrue();
                assertThat(scale.evaluations()).isBetween(8, 12);
                assertThat(scale.scale()).isGreaterThan(StepSize.scale(x, 0) / 64);
                evaluations += scale.evaluations();
            }
        }
        assertThat(evaluations / 400.0).isLessThan(8.5);
    }

    @Test
    void oneOverXNearOneMillionth() {
        resolvesBelow(v -> 1 / v, v -> -1 / (v * v), v -> v / 2, 5e-7, 2e-6, 300, 2);
    }

    @Test
    void sinOfAMillionX() {
        // the feature's scale is 1/ω = 1e-6 (the period 6.3e-6): the h² law already holds at ω·h ≈ 1
        resolvesBelow(v -> Math.sin(1e6 * v), v -> 1e6 * Math.cos(1e6 * v), v -> 2e-6, 0, 1, 300, 3);
    }

    @Test
    void aGaussianBumpOfWidthOneTenThousandth() {
        resolvesBelow(Subjects::bump, Subjects::bumpDerivative, v -> Subjects.WIDTH, -3 * Subjects.WIDTH,
                3 * Subjects.WIDTH, 300, 4);
    }

    @Test
    void tanNearItsPole() {
        resolvesBelow(Math::tan, v -> 1 / (Math.cos(v) * Math.cos(v)), v -> (Math.PI / 2 - v) / 2, Math.PI / 2 - 1e-4,
                Math.PI / 2 - 1e-6, 300, 5);
    }

    @Test
    void powerOfTwoPeriodsAndPositionalEncodings() {
        // every power-of-two step from 2^-8 up aliases cos(256·π·x) at 0.3: f(x + h) = f(x − h) ...
        for (int j = 0; j <= 8; j++) {
            double h = Math.scalb(1.0, -j);
            assertThat(Math.abs(Subjects.cos256(0.3 + h) - Subjects.cos256(0.3 - h))).isLessThan(1e-12);
        }
        // ... but the scan's steps are not powers of two, and it finds the scale below the period
        FunctionScale.Scale at = scan(0.3, Subjects::cos256);
        assertThat(at.resolved()).isTrue();
        assertThat(at.scale()).isLessThan(0x1p-7 / 4);
        assertThat(Math.abs(at.estimate().value() - Subjects.cos256Derivative(0.3))).isLessThanOrEqualTo(
                at.estimate().error());
        resolvesBelow(Subjects::cos256, Subjects::cos256Derivative, v -> 0x1p-7 / 4, 0, 1, 300, 6);
        resolvesBelow(Subjects::encoding, Subjects::encodingDerivative, v -> 0x1p-15 / 2, 0, 1, 300, 7);
    }

    @Test
    void stepsNearAKinkStayOnOneSide() {
        // at most slightly across: a step that crosses the kink by a few percent of itself changes
        // the difference so little that the next levels' changes look asymptotic (the confirmation's
        // own tail test and tableau then leave that step out)
        resolvesBelow(v -> Math.max(0, v) + 0.25 * v, v -> v > 0 ? 1.25 : 0.25, v -> 1.05 * Math.abs(v), -1e-3,
                1e-3, 300, 8);
    }

    @Test
    void noisySubjectsAreResolvedWithTheirMeasuredNoise() {
        Random random = new Random(9);
        for (int i = 0; i < 200; i++) {
            double x = 6 * random.nextDouble() - 3;
            Probe probe = Subjects.probe(x, Subjects::partlyFloat);
            Noise noise = NoiseEstimation.measure(probe, 0, x, 0, Precision.DOUBLE,
                    NoiseEstimation.spacing(x, 0, Precision.DOUBLE), NoiseEstimation.DEFAULT_BUDGET);
            FunctionScale.Scale scale = FunctionScale.find(probe, 0, x, 0, Precision.DOUBLE, noise.sigma(), EPS,
                    FunctionScale.DEFAULT_BUDGET);
            assertThat(scale.resolved()).isTrue();
            assertThat(scale.scale()).isGreaterThan(0.02);
            double truth = Subjects.partlyFloatDerivative(x);
            assertThat(Math.abs(scale.estimate().value() - truth)).isLessThanOrEqualTo(scale.estimate().error());
        }
    }

    @Test
    void doublesFarFromZeroCannotBeResolved() {
        for (double x : new double[] {-1e300, 7.3e200, -4e100, 1e20}) {
            FunctionScale.Scale scale = scan(x, Math::sin);
            assertThat(scale.status()).as("x = %s", x).isEqualTo(FunctionScale.Status.UNRESOLVED);
            assertThat(scale.scale()).isNaN();
            assertThat(scale.estimate().error()).isInfinite();
            assertThat(scale.evaluations()).isLessThanOrEqualTo(FunctionScale.DEFAULT_BUDGET);
        }
    }

    @Test
    void outsideTheDomainAndAtItsEdge() {
        assertThat(scan(-1, Math::log).status()).isEqualTo(FunctionScale.Status.NOT_FINITE);
        // the large steps leave the domain of log at 1e-3; the scan starts again below them
        FunctionScale.Scale edge = scan(1e-3, Math::log);
        assertThat(edge.resolved()).isTrue();
        assertThat(edge.scale()).isLessThan(1e-3);
        assertThat(Math.abs(edge.estimate().value() - 1e3)).isLessThanOrEqualTo(edge.estimate().error());
    }

    @Test
    void theBudgetIsKeptAndCounted() {
        for (int budget : new int[] {8, 10, 20, 40}) {
            FunctionScale.Scale scale = FunctionScale.find(Subjects.probe(1e-6, v -> 1 / v), 0, 1e-6, 0,
                    Precision.DOUBLE, 0, EPS, budget);
            assertThat(scale.evaluations()).isLessThanOrEqualTo(budget);
            assertThat(scale.evaluations()).isEqualTo(2 * scale.levels());
        }
        assertThat(FunctionScale.find(Subjects.probe(1e-6, v -> 1 / v), 0, 1e-6, 0, Precision.DOUBLE, 0, EPS, 20)
                .resolved()).as("1/x at 1e-6 needs more than 10 levels").isFalse();
    }

    @Test
    void theRecommendedStepBalancesTruncationAgainstNoise() {
        FunctionScale.Scale clean = scan(0.7, Math::sin);
        // (3σ/(2·|f'''|/6))^(1/3) with σ = ε/2·|f|: about 1e-5
        assertThat(clean.step()).isBetween(2e-6, 5e-5);
        FunctionScale.Scale noisy = FunctionScale.find(Subjects.probe(0.7, Math::sin), 0, 0.7, 0, Precision.DOUBLE,
                1e-8, EPS, FunctionScale.DEFAULT_BUDGET);
        assertThat(noisy.step()).isGreaterThan(clean.step() * 100);
    }
}
