package io.github.gradcheck.internal.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.model.Precision;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class RobustDifferenceTests {

    private static Probe probe(double x, DoubleUnaryOperator f) {
        double f0 = f.applyAsDouble(x);
        return offset -> {
            double moved = x + offset;
            double v = f.applyAsDouble(moved);
            return new Sample(moved - x, new double[] {v}, new double[] {Math.abs(v)}, v == f0);
        };
    }

    @Test
    void robustEstimateBoundsItsErrorForExpGrowth() {
        double x = 2.5;
        Probe p = probe(x, v -> Math.exp(10 * v));
        Estimate e = RobustDifference.estimate(p, StepSize.robustStarts(x, 0, Precision.DOUBLE), Precision.DOUBLE.epsilon(),
                0)[0];
        double truth = 10 * Math.exp(25);
        assertThat(Math.abs(e.value() - truth)).isLessThanOrEqualTo(e.error());
        assertThat(e.error() / truth).isLessThan(1e-8);
    }

    @Test
    void robustEstimateReachesSmallStepsNearAKink() {
        double x = 2e-4; // relu's kink at 0 lies inside the larger stencils
        Probe p = probe(x, v -> Math.max(0, v) + 0.25 * v);
        Estimate e = RobustDifference.estimate(p, StepSize.robustStarts(x, 0, Precision.DOUBLE), Precision.DOUBLE.epsilon(),
                0)[0];
        assertThat(e.value()).isCloseTo(1.25, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(e.error()).isLessThan(1e-6);
    }

    @Test
    void screenIsAccurateForSmoothFunctions() {
        double x = 0.7;
        Probe p = probe(x, Math::sin);
        Estimate e = ScreeningDifference.estimate(p, StepSize.screen(x, 0, Precision.DOUBLE), Precision.DOUBLE.epsilon())[0];
        assertThat(Math.abs(e.value() - Math.cos(x))).isLessThanOrEqualTo(e.error());
        assertThat(e.error()).isLessThan(1e-9);
    }

    @Test
    void kinkDetectorFindsReluAtZeroButNotASmoothFunction() {
        double eps = Precision.DOUBLE.epsilon();
        double h = StepSize.screen(0, 0, Precision.DOUBLE);
        assertThat(KinkDetector.kinkExplains(probe(0, v -> Math.max(0, v)), h, 0, eps, 0.5)).isTrue();
        assertThat(KinkDetector.kinkExplains(probe(0, Math::abs), h, 0, eps, 1)).isTrue();
        assertThat(KinkDetector.kinkExplains(probe(0.3, v -> Math.exp(3 * v)), h, 0, eps, 1e-6)).isFalse();
    }

    @Test
    void stepsArePowersOfTwoScaledByTheLargerOfValueTypicalScaleAndOne() {
        for (double x : new double[] {1e-8, 0.3, 3, 1e5}) {
            double h = StepSize.screen(x, 0, Precision.DOUBLE);
            assertThat(h).isEqualTo(StepSize.powerOfTwoAtMost(h));
            assertThat(x + h - x).as("x + h is exact for x = %s", x).isEqualTo(h);
        }
        assertThat(StepSize.screen(1e-8, 0, Precision.DOUBLE)).isEqualTo(StepSize.screen(0.5, 0, Precision.DOUBLE));
        assertThat(StepSize.screen(0.5, 1000, Precision.DOUBLE)).isGreaterThan(StepSize.screen(0.5, 0, Precision.DOUBLE));
        assertThat(StepSize.screen(0.5, 0, Precision.FLOAT)).isGreaterThan(StepSize.screen(0.5, 0, Precision.DOUBLE));
    }
}
