package io.github.gradcheck.internal.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gradcheck.model.Precision;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class NoiseEstimationTests {

    private static final double EPS = Precision.DOUBLE.epsilon();

    private static Noise measure(double x, DoubleUnaryOperator f) {
        return NoiseEstimation.measure(Subjects.probe(x, f), 0, x, 0, Precision.DOUBLE,
                NoiseEstimation.spacing(x, 0, Precision.DOUBLE), NoiseEstimation.DEFAULT_BUDGET);
    }

    /** Over n random points in [lo, hi]: how often the estimate is within a factor 3 of the true noise. */
    private static int withinFactorThree(DoubleUnaryOperator computed, DoubleUnaryOperator exact, double lo,
                                         double hi, int n, long seed) {
        Random random = new Random(seed);
        int good = 0;
        for (int i = 0; i < n; i++) {
            double x = lo + (hi - lo) * random.nextDouble();
            Noise noise = measure(x, computed);
            double truth = Subjects.trueNoise(computed, exact, x, 1e-3, 300);
            double ratio = noise.sigma() / truth;
            if (noise.measured() && ratio >= 1.0 / 3 && ratio <= 3) {
                good++;
            }
        }
        return good;
    }

    // ---- the difference table itself

    @Test
    void everyLevelOfWhiteNoiseReadsSigmaOnAverage() {
        // γ_k = (k!)²/(2k)! makes each level of the table an unbiased estimate of σ²
        Random random = new Random(1);
        int n = NoiseEstimation.INTERVALS + 1;
        double[] sum = new double[n - 1];
        int trials = 4000;
        for (int t = 0; t < trials; t++) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = 5 + random.nextGaussian();
            }
            double[] levels = NoiseEstimation.read(values).levels();
            for (int k = 0; k < levels.length; k++) {
                sum[k] += levels[k] * levels[k];
            }
        }
        for (int k = 0; k < n - 1; k++) {
            assertThat(Math.sqrt(sum[k] / trials)).as("level %d", k + 1).isCloseTo(1, within(0.05));
        }
    }

    @Test
    void readsGaussianNoiseOnASmoothFunctionWithinAFactorOfThree() {
        Random random = new Random(2);
        int good = 0;
        int trials = 1000;
        for (int t = 0; t < trials; t++) {
            double sigma = Math.pow(10, -4 - 8 * random.nextDouble());
            double x = 3 * random.nextDouble();
            double[] values = new double[NoiseEstimation.INTERVALS + 1];
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.exp(x + 1e-3 * i) + sigma * random.nextGaussian();
            }
            NoiseEstimation.Table table = NoiseEstimation.read(values);
            double ratio = table.sigma() / sigma;
            if (table.inform() == NoiseEstimation.Inform.NOISE_FOUND && ratio >= 1.0 / 3 && ratio <= 3) {
                good++;
            }
        }
        // one table of 9 values: about 97% of the readings are within a factor 3 (two tables: see below)
        assertThat(good).isGreaterThanOrEqualTo(950);
    }

    @Test
    void theThreeOutcomesOfOneTable() {
        assertThat(NoiseEstimation.read(new double[] {2, 2, 2, 2, 2, 2, 2, 2, 2}).inform())
                .as("constant values: the spacing is too small").isEqualTo(NoiseEstimation.Inform.STEP_TOO_SMALL);
        assertThat(NoiseEstimation.read(new double[] {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4}).inform())
                .as("an exactly computed line: nothing above the values' resolution")
                .isEqualTo(NoiseEstimation.Inform.STEP_TOO_SMALL);
        double[] steep = new double[9];
        for (int i = 0; i < steep.length; i++) {
            steep[i] = Math.exp(0.5 * i);
        }
        assertThat(NoiseEstimation.read(steep).inform()).as("the smooth part dominates every level")
                .isEqualTo(NoiseEstimation.Inform.STEP_TOO_LARGE);
        assertThat(NoiseEstimation.read(new double[] {1, 2, Double.NaN, 4, 5, 6, 7, 8, 9}).inform())
                .isEqualTo(NoiseEstimation.Inform.STEP_TOO_LARGE);
    }

    // ---- subjects whose noise is far above double rounding

    @Test
    void aDoubleFunctionComputedPartlyInFloat() {
        assertThat(withinFactorThree(Subjects::partlyFloat, Subjects::partlyFloatExact, -3, 3, 300, 3))
                .isGreaterThanOrEqualTo(297);
        Noise noise = measure(1.3, Subjects::partlyFloat);
        assertThat(noise.relative()).isBetween(1e-8, 1e-7);
        assertThat(noise.evaluations()).isLessThanOrEqualTo(2 * NoiseEstimation.INTERVALS);
    }

    @Test
    void anIterativeSolverStoppedAtATolerance() {
        assertThat(withinFactorThree(Subjects::bisection, Subjects::bisectionExact, -5, 5, 300, 4))
                .isGreaterThanOrEqualTo(297);
    }

    @Test
    void anInterpolatedTableOfFloats() {
        assertThat(withinFactorThree(Subjects::table, Math::sin, 0.1, 3, 300, 5)).isGreaterThanOrEqualTo(297);
    }

    @Test
    void aLongSumOfTermsThatCancel() {
        assertThat(withinFactorThree(Subjects::longSum, Subjects::longSumAccurate, -2, 2, 8, 6)).isEqualTo(8);
    }

    // ---- clean double functions: noise at the rounding level

    @Test
    void cleanDoubleFunctionsHaveNoiseAtTheRoundingLevel() {
        Random random = new Random(7);
        DoubleUnaryOperator[] clean = {Math::sin, Math::exp, v -> v * v * v - v, v -> Math.log1p(v * v)};
        // the size of the terms each is computed from: v³ − v cancels, and its noise is that of v³ and v
        DoubleUnaryOperator[] terms = {v -> Math.abs(Math.sin(v)), Math::exp, v -> Math.abs(v * v * v) + Math.abs(v),
            v -> Math.log1p(v * v)};
        for (int j = 0; j < clean.length; j++) {
            for (int i = 0; i < 100; i++) {
                double x = 6 * random.nextDouble() - 3;
                Noise noise = measure(x, clean[j]);
                assertThat(noise.measured() || noise.belowResolution()).isTrue();
                // at most about one unit in the last place of the terms (the estimate is good to a factor 3)
                assertThat(noise.sigma()).as("f%d at x = %s", j, x)
                        .isLessThanOrEqualTo(2 * EPS * terms[j].applyAsDouble(x));
            }
        }
        Noise sine = measure(0.7, Math::sin);
        assertThat(sine.epsilon(EPS)).isLessThanOrEqualTo(12 * EPS);
    }

    @Test
    void anExactlyComputedLineHasNoNoiseAtAll() {
        Noise noise = measure(0.75, v -> 2 * v);
        assertThat(noise.belowResolution()).isTrue();
        assertThat(noise.sigma()).isZero();
        assertThat(noise.perSample(EPS)).isEqualTo(EPS * 1.5 / 2);
        assertThat(noise.describe()).startsWith("noise: at the rounding level");
    }

    // ---- features, aliasing, doubles far from zero: never a large noise that is not there

    @Test
    void aFeatureFarBelowTheScaleOfXIsNotMistakenForNoise() {
        for (double x : new double[] {5e-7, 1e-6, 1.7e-6}) {
            Noise first = measure(x, v -> 1 / v);
            assertThat(first.measured() ? first.relative() : 0).isLessThanOrEqualTo(EPS);
            // at the spacing the feature's scale calls for, the noise is found at the rounding level
            Noise second = NoiseEstimation.measure(Subjects.probe(x, v -> 1 / v), 0, x, 0, Precision.DOUBLE,
                    NoiseEstimation.spacing(x / 4, Precision.DOUBLE), NoiseEstimation.DEFAULT_BUDGET);
            assertThat(second.measured()).isTrue();
            assertThat(second.relative()).isLessThanOrEqualTo(EPS);
        }
    }

    @Test
    void oscillationsBelowTheSpacingAreNotNoise() {
        Random random = new Random(8);
        for (int k : new int[] {8, 12, 16, 20, 24}) {
            double omega = Math.scalb(Math.PI, k);
            for (int i = 0; i < 40; i++) {
                double x = random.nextDouble();
                Noise noise = measure(x, v -> Math.sin(omega * v));
                // the argument's rounding is real noise (ε·ω·x); an oscillation is not
                assertThat(noise.sigma()).as("k = %d, x = %s", k, x).isLessThanOrEqualTo(8 * EPS * omega * x + EPS);
                assertThat(noise.evaluations()).isLessThanOrEqualTo(NoiseEstimation.DEFAULT_BUDGET);
            }
        }
        Noise aliased = measure(0.3, v -> Math.cos(256 * Math.PI * v));
        assertThat(aliased.measured()).isTrue();
        assertThat(aliased.relative()).isLessThan(1e-12);
    }

    @Test
    void farFromZeroTheValuesAreTooCoarseToMeasureAnything() {
        for (double x : new double[] {-1e300, 7.3e200, -4e100}) {
            Noise noise = measure(x, Math::sin);
            assertThat(noise.swamps()).as("x = %s", x).isTrue();
            assertThat(noise.measured()).isFalse();
            assertThat(noise.evaluations()).isLessThanOrEqualTo(NoiseEstimation.DEFAULT_BUDGET);
            assertThat(noise.describe()).startsWith("noise: not measurable");
        }
    }

    // ---- using the result

    @Test
    void theReportLineAndTheReplacementForTheTypesRounding() {
        Noise noise = measure(1.3, Subjects::partlyFloat);
        assertThat(noise.describe()).matches("noise: about [1-9]e-8 of \\|f\\|, measured from 1[0-9] evaluations");
        assertThat(noise.epsilon(EPS)).isCloseTo(2 * Noise.BOUND * noise.sigma() / noise.magnitude(),
                within(1e-20));
        assertThat(noise.perSample(EPS)).isEqualTo(noise.sigma());
        assertThat(noise.swamps()).isFalse();
    }

    @Test
    void oneSignificantDigit() {
        assertThat(Noise.oneDigit(3.2e-8)).isEqualTo("3e-8");
        assertThat(Noise.oneDigit(9.7e-8)).isEqualTo("1e-7");
        assertThat(Noise.oneDigit(2.2e-16)).isEqualTo("2e-16");
        assertThat(Noise.oneDigit(0.25)).isEqualTo("0.3");
        assertThat(Noise.oneDigit(4.6)).isEqualTo("5");
        assertThat(Noise.oneDigit(12)).isEqualTo("10");
        assertThat(Noise.oneDigit(3e5)).isEqualTo("3e5");
    }

    @Test
    void theBudgetIsKept() {
        for (int budget : new int[] {16, 20, 32, 48}) {
            Noise noise = NoiseEstimation.measure(Subjects.probe(-1e300, Math::sin), 0, -1e300, 0, Precision.DOUBLE,
                    NoiseEstimation.spacing(-1e300, 0, Precision.DOUBLE), budget);
            assertThat(noise.evaluations()).isLessThanOrEqualTo(budget);
        }
    }

    @Test
    void floatInputsAndFloatSpacings() {
        Random random = new Random(9);
        for (int i = 0; i < 100; i++) {
            // |x| ≥ 1/4: nearer 0 the table spans values far larger than f(x), whose rounding it measures
            double x = (float) ((0.25 + 1.75 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1));
            DoubleUnaryOperator f = v -> (float) Math.tanh((float) v);
            Noise noise = NoiseEstimation.measure(Subjects.probe(x, Precision.FLOAT, f), 0, x, 0, Precision.FLOAT,
                    NoiseEstimation.spacing(x, 0, Precision.FLOAT), NoiseEstimation.DEFAULT_BUDGET);
            assertThat(noise.measured()).as("x = %s", x).isTrue();
            // float rounding of the output: about ulp/√12 of |f|, i.e. 1e-8 to 7e-8 relative
            assertThat(noise.relative()).as("x = %s", x).isBetween(3e-9, 3e-7);
        }
    }
}
