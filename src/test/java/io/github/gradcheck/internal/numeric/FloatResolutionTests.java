package io.github.gradcheck.internal.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.model.Precision;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class FloatResolutionTests {

    private static final double EPS = Precision.FLOAT.epsilon();

    /** Probes element j of x for a function computed in float (displacements rounded to float). */
    private static Probe floatProbe(double[] x, int j, ToDoubleFunction<double[]> f) {
        Map<Double, Sample> cache = new HashMap<>();
        return offset -> cache.computeIfAbsent(offset, o -> {
            double[] y = x.clone();
            y[j] = (float) (x[j] + o);
            double v = (float) f.applyAsDouble(y);
            return new Sample(y[j] - x[j], new double[] {v}, new double[] {Math.abs(v)}, false);
        });
    }

    /** w · layer norm of 8 floats, in float arithmetic. */
    private static double floatLayerNorm(double[] x) {
        float mu = 0;
        for (double v : x) {
            mu += (float) v;
        }
        mu /= x.length;
        float var = 0;
        for (double v : x) {
            float d = (float) v - mu;
            var += d * d;
        }
        var /= x.length;
        float inv = 1f / (float) Math.sqrt(var + 1e-5f);
        float s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (float) LAYER_NORM_WEIGHTS[i] * ((float) x[i] - mu) * inv;
        }
        return s;
    }

    private static final double[] LAYER_NORM_WEIGHTS = {0.3, -1.2, 0.8, 0.5, -0.4, 1.1, -0.9, 0.2};

    private static double layerNormGradient(double[] x, int j) {
        int n = x.length;
        double mu = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).map(v -> (v - mu) * (v - mu)).sum() / n;
        double inv = 1 / Math.sqrt(var + 1e-5);
        double meanW = Arrays.stream(LAYER_NORM_WEIGHTS).sum() / n;
        double meanWx = 0;
        for (int i = 0; i < n; i++) {
            meanWx += LAYER_NORM_WEIGHTS[i] * (x[i] - mu) * inv / n;
        }
        return inv * (LAYER_NORM_WEIGHTS[j] - meanW - (x[j] - mu) * inv * meanWx);
    }

    @Test
    void floatStartsLieOnThreeLaddersThatShareNoStep() {
        double[] starts = StepSize.robustStarts(2.65, 2.65, Precision.FLOAT);
        assertThat(starts).hasSize(3);
        for (int a = 0; a < starts.length; a++) {
            for (int b = a + 1; b < starts.length; b++) {
                assertThat(RobustDifference.independent(starts[a], starts[b])).isTrue();
            }
        }
        assertThat(RobustDifference.hasIndependentLadders(StepSize.robustStarts(2.65, 2.65, Precision.DOUBLE))).isFalse();
    }

    /**
     * At this point the central differences of one ladder at steps 1 and 1/2 agree by accident
     * (0.4636 both, the truth is 0.4610): a tableau on that ladder alone claimed an error of 6e-6
     * for an answer 2.6e-3 off, and the float check failed a correct gradient.
     */
    @Test
    void aCoincidenceOfTableauEntriesOnOneLadderIsCaughtByAnIndependentOne() {
        double[] x = {2.6547129154205322, 1.1122938394546509, 1.309717059135437, 1.94746994972229, 0.727513313293457,
            0.7009807229042053, 1.9341247081756592, 0.5872166156768799};
        Probe p = floatProbe(x, 0, FloatResolutionTests::floatLayerNorm);

        Estimate e = RobustDifference.estimate(p, StepSize.robustStarts(x[0], 2.65, Precision.FLOAT), EPS, 10)[0];

        double truth = layerNormGradient(x, 0);
        assertThat(Math.abs(e.value() - truth)).isLessThanOrEqualTo(e.error());
        assertThat(e.error() / Math.abs(truth)).as("still fine enough to see a bug of 1e-3").isLessThan(1e-4);
    }

    @Test
    void floatEstimatesBoundTheirErrorAndResolveATenthOfAPermilleAtMostPoints() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        int fine = 0;
        int total = 0;
        for (int point = 0; point < 40; point++) {
            double[] x = new double[8];
            for (int i = 0; i < 8; i++) {
                x[i] = (float) (2 + random.nextGaussian());
            }
            double typical = Arrays.stream(x).map(Math::abs).max().orElseThrow();
            for (int j = 0; j < 8; j++) {
                Probe p = floatProbe(x, j, FloatResolutionTests::floatLayerNorm);
                Estimate e = RobustDifference.estimate(p, StepSize.robustStarts(x[j], typical, Precision.FLOAT), EPS,
                        10)[0];
                double truth = layerNormGradient(x, j);
                assertThat(Math.abs(e.value() - truth)).as("point %d element %d", point, j)
                        .isLessThanOrEqualTo(10 * e.error());
                total++;
                if (e.error() <= 1e-4 * Math.abs(truth)) {
                    fine++;
                }
            }
        }
        assertThat((double) fine / total).isGreaterThan(0.85);
    }

    @Test
    void granularityIsTheLargestPowerOfTwoDividingAValue() {
        assertThat(Granularity.of(3.0)).isEqualTo(1.0);
        assertThat(Granularity.of(0.75)).isEqualTo(0.25);
        assertThat(Granularity.of(-12.0)).isEqualTo(4.0);
        assertThat(Granularity.of(1.0 + Math.ulp(1.0))).isEqualTo(Math.ulp(1.0));
        assertThat(Granularity.of(0)).isZero();
        assertThat(Granularity.of(Double.NaN)).isZero();
        assertThat(Granularity.of(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
        // a float result of (m + log s) − m with m ≈ 4 is a multiple of ulp(4f), however small it is
        float m = 4.127021f;
        float small = (m + (float) Math.log(1.0139)) - m;
        assertThat(Granularity.of(small)).isGreaterThanOrEqualTo(Math.ulp(m));
    }

    /**
     * Log-sum-exp minus the largest logit, in float: the result (0.014) is a multiple of ulp(4.1),
     * so central differences at several steps of every ladder agree exactly and every tableau
     * claims an error of 0. The granularity of the samples restores the noise of the intermediate.
     */
    @Test
    void quantizedFloatOutputsCarryTheNoiseOfTheirLargeIntermediate() {
        double[] x = {4.127020835876465, -4.590066909790039, -0.49186834692955017, -4.1020379066467285,
            -2.852628231048584, -4.036365032196045, -4.0217156410217285, -1.98593270778656};
        ToDoubleFunction<double[]> lse = v -> {
            float max = Float.NEGATIVE_INFINITY;
            for (double d : v) {
                max = Math.max(max, (float) d);
            }
            float s = 0;
            for (double d : v) {
                s += (float) Math.exp((float) d - max);
            }
            return max + (float) Math.log(s) - (float) v[0];
        };
        double sum = Arrays.stream(x).map(d -> Math.exp(d - x[0])).sum();
        double truth = Math.exp(x[4] - x[0]) / sum;
        Probe p = floatProbe(x, 4, lse);

        Estimate e = RobustDifference.estimate(p, StepSize.robustStarts(x[4], 4.59, Precision.FLOAT), EPS, 0.07)[0];

        assertThat(Math.abs(e.value() - truth)).isLessThanOrEqualTo(e.error());
        assertThat(e.error()).as("at least the quantum of ulp(4.1) over the steps").isGreaterThan(Math.ulp(4.1f) / 2);
    }

    @Test
    void doubleLadderIsExtendedWhereTheSmallestStartStillWins() {
        double x = 2.5e-5; // sqrt(x² + 1e-8): curvature on a scale of 1e-4, far below s = 1
        Map<Double, Sample> cache = new HashMap<>();
        Probe p = offset -> cache.computeIfAbsent(offset, o -> {
            double v = Math.sqrt((x + o) * (x + o) + 1e-8);
            return new Sample(o, new double[] {v}, new double[] {Math.abs(v)}, false);
        });
        double truth = x / Math.sqrt(x * x + 1e-8);

        Estimate e = RobustDifference.estimate(p, StepSize.robustStarts(x, 1e-3, Precision.DOUBLE),
                Precision.DOUBLE.epsilon(), 0)[0];

        assertThat(Math.abs(e.value() - truth)).isLessThanOrEqualTo(e.error());
        assertThat(e.error() / truth).as("fine enough to see a bug of 1e-7").isLessThan(1e-8);
    }
}
