package io.github.gradcheck.internal.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Precision;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The three blocks wired as the engine would call them before declaring an element wrong (noise,
 * scale, confirmation), judged with the default {@link TolerancePolicy}: correct claims and claims
 * with a relative bug, at random points of each class of subject.
 */
class ProbeConfirmationTests {

    private static final TolerancePolicy POLICY = TolerancePolicy.defaults();

    /** What happened at n random points: false failures, inconclusive correct claims, bugs caught, cost. */
    private record Tally(int points, int falseFailures, int inconclusive, int caught, double evaluations) {
    }

    private static Tally tally(Precision precision, DoubleUnaryOperator f, DoubleUnaryOperator df, double lo,
                               double hi, int n, double bug, long seed) {
        Random random = new Random(seed);
        int falseFailures = 0;
        int inconclusive = 0;
        int caught = 0;
        long evaluations = 0;
        for (int i = 0; i < n; i++) {
            double x = precision.round(lo + (hi - lo) * random.nextDouble());
            ProbeConfirmation.Result result = ProbeConfirmation.measure(Subjects.probe(x, precision, f), 0, x, 0,
                    precision, precision.epsilon());
            evaluations += result.evaluations();
            double truth = df.applyAsDouble(x);
            double wrong = truth * (1 + (random.nextBoolean() ? bug : -bug));
            Verdict right = verdict(truth, result, precision);
            falseFailures += right == Verdict.FAIL ? 1 : 0;
            inconclusive += right == Verdict.INCONCLUSIVE ? 1 : 0;
            caught += verdict(wrong, result, precision) == Verdict.FAIL ? 1 : 0;
        }
        return new Tally(n, falseFailures, inconclusive, caught, evaluations / (double) n);
    }

    private static Verdict verdict(double claim, ProbeConfirmation.Result result, Precision precision) {
        if (!result.confirmed()) {
            return Verdict.INCONCLUSIVE;
        }
        Estimate e = result.estimate();
        return POLICY.verdict(claim, e.value(), POLICY.tolerance(claim, e.value(), e.error(), precision), precision);
    }

    private static void smooth(Tally t, double maxEvaluations) {
        assertThat(t.falseFailures()).isZero();
        assertThat(t.inconclusive()).isLessThanOrEqualTo(t.points() / 100);
        assertThat(t.caught()).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * t.points()));
        assertThat(t.evaluations()).isLessThanOrEqualTo(maxEvaluations);
    }

    @Test
    void cleanDoubleFunctionsCatchRelativeBugsOfOneMillionth() {
        Precision d = Precision.DOUBLE;
        smooth(tally(d, Math::sin, Math::cos, -3, 3, 200, 1e-6, 1), 48);
        smooth(tally(d, v -> Math.exp(10 * v), v -> 10 * Math.exp(10 * v), -1, 1, 200, 1e-6, 2), 48);
        smooth(tally(d, Math::log, v -> 1 / v, 1e-3, 10, 200, 1e-6, 3), 60);
    }

    @Test
    void smallScaleFeaturesAreResolvedNotFailed() {
        Precision d = Precision.DOUBLE;
        smooth(tally(d, v -> 1 / v, v -> -1 / (v * v), 5e-7, 2e-6, 100, 1e-6, 4), 120);
        smooth(tally(d, v -> Math.sin(1e6 * v), v -> 1e6 * Math.cos(1e6 * v), 0, 1, 100, 1e-6, 5), 120);
        smooth(tally(d, Subjects::bump, Subjects::bumpDerivative, -3 * Subjects.WIDTH, 3 * Subjects.WIDTH, 100, 1e-6,
                6), 120);
        smooth(tally(d, Math::tan, v -> 1 / (Math.cos(v) * Math.cos(v)), Math.PI / 2 - 1e-4, Math.PI / 2 - 1e-6, 100,
                1e-6, 7), 120);
    }

    @Test
    void powerOfTwoPeriodsAndPositionalEncodings() {
        Precision d = Precision.DOUBLE;
        Tally at = tally(d, Subjects::cos256, Subjects::cos256Derivative, 0.3, 0.3, 1, 1e-6, 8);
        assertThat(at.falseFailures()).isZero();
        assertThat(at.caught()).isEqualTo(1);
        smooth(tally(d, Subjects::cos256, Subjects::cos256Derivative, 0, 1, 100, 1e-6, 9), 100);
        smooth(tally(d, Subjects::encoding, Subjects::encodingDerivative, 0, 1, 100, 1e-6, 10), 120);
    }

    @Test
    void noisySubjectsNeverFailAndCatchWhatTheNoiseAllows() {
        Precision d = Precision.DOUBLE;
        Tally floats = tally(d, Subjects::partlyFloat, Subjects::partlyFloatDerivative, -3, 3, 200, 1e-2, 11);
        Tally solver = tally(d, Subjects::bisection, Subjects::bisectionDerivative, -5, 5, 200, 1e-5, 12);
        Tally table = tally(d, Subjects::table, Math::cos, 0.1, 3, 200, 1e-2, 13);
        Tally sum = tally(d, Subjects::longSum, Subjects::longSumDerivative, -2, 2, 6, 1e-6, 14);
        for (Tally t : new Tally[] {floats, solver, table, sum}) {
            assertThat(t.falseFailures()).isZero();
            assertThat(t.inconclusive()).isLessThanOrEqualTo(Math.max(2, t.points() / 50));
            // 14 for the noise, 16 more where it is above rounding (told from a kink), 8 for the scan, 24 to confirm
            assertThat(t.evaluations()).isLessThanOrEqualTo(66);
        }
        // the noise bounds the absolute error of the derivative (about 6σ/h): a relative bug is
        // caught where it exceeds ten times that, which misses the points where |f'| ≪ |f|
        assertThat(floats.caught()).isGreaterThanOrEqualTo(194);
        assertThat(table.caught()).isGreaterThanOrEqualTo(194);
        // 197: one point more is left unresolved since noise above rounding is told from a kink by a finer
        // table (which keeps a kink near x from reading as noise, and from blinding the confirmation)
        assertThat(solver.caught()).isGreaterThanOrEqualTo(197);
        assertThat(sum.caught()).isEqualTo(sum.points());
    }

    @Test
    void aFloatFunctionOfFloatInputsCatchesBugsOfOneThousandth() {
        Tally t = tally(Precision.FLOAT, v -> (float) Math.tanh((float) v) * (float) v,
                v -> Math.tanh(v) + v * (1 - Math.tanh(v) * Math.tanh(v)), -3, 3, 200, 1e-3, 15);
        assertThat(t.falseFailures()).isZero();
        assertThat(t.inconclusive()).isLessThanOrEqualTo(1);
        assertThat(t.caught()).isGreaterThanOrEqualTo(199);
    }

    @Test
    void aStaircaseThatTwoTablesShowAsOneJumpIsNoiseNotAKink() {
        // f = float(sin x)·x + x² along x, with the other terms of the traced class as a constant: at this x both
        // of ECnoise's tables (spacing 8.8e-5 and 1.5 times it, sharing points) put the sawtooth of the float node
        // into one jump in slope; before, the noise was then measured 16 times finer, read as double rounding, and
        // the confirmation measured the slope between two tread edges (-1.98710 ± 9e-7 against -2.51564: the
        // s-path, cos(x)·x, missing)
        double x = -0.679391724096396;
        double others = 1.513842095029343 * ((float) Math.sin(1.513842095029343) + 1.513842095029343)
                - 1.6037450059352292 * ((float) Math.sin(-1.6037450059352292) - 1.6037450059352292);
        DoubleUnaryOperator f = v -> (float) Math.sin(v) * v + v * v + others;
        ProbeConfirmation.Result result = ProbeConfirmation.measure(Subjects.probe(x, f), 0, x, 1.6037450059352292,
                Precision.DOUBLE, Precision.DOUBLE.epsilon());
        assertThat(result.noise().sigma()).as("%s", result).isGreaterThan(1e-9 * result.noise().magnitude());
        double truth = Math.cos(x) * x + Math.sin(x) + 2 * x;
        assertThat(verdict(truth, result, Precision.DOUBLE)).as("%s", result).isNotEqualTo(Verdict.FAIL);
        assertThat(verdict(truth * (1 + 1e-4), result, Precision.DOUBLE)).as("%s", result).isEqualTo(Verdict.FAIL);
    }

    @Test
    void doublesFarFromZeroAreInconclusive() {
        for (double x : new double[] {-1e300, 7.3e200, -4e100}) {
            ProbeConfirmation.Result result = ProbeConfirmation.measure(Subjects.probe(x, Math::sin), 0, x, 0,
                    Precision.DOUBLE, Precision.DOUBLE.epsilon());
            assertThat(result.outcome()).as("x = %s", x).isEqualTo(ProbeConfirmation.Outcome.SCALE_UNRESOLVED);
            assertThat(result.confirmed()).isFalse();
            assertThat(result.estimate().error()).isInfinite();
            assertThat(result.evaluations())
                    .isLessThanOrEqualTo(NoiseEstimation.DEFAULT_BUDGET + FunctionScale.DEFAULT_BUDGET);
        }
    }

    @Test
    void outsideTheDomainIsNotFinite() {
        ProbeConfirmation.Result result = ProbeConfirmation.measure(Subjects.probe(-1, Math::log), 0, -1, 0,
                Precision.DOUBLE, Precision.DOUBLE.epsilon());
        assertThat(result.outcome()).isEqualTo(ProbeConfirmation.Outcome.NOT_FINITE);
    }

    @Test
    void theNoiseLineOfTheReport() {
        ProbeConfirmation.Result result = ProbeConfirmation.measure(Subjects.probe(1.3, Subjects::partlyFloat), 0, 1.3,
                0, Precision.DOUBLE, Precision.DOUBLE.epsilon());
        assertThat(result.confirmed()).isTrue();
        assertThat(result.noise().describe()).matches("noise: about [1-9]e-8 of \\|f\\|, measured from \\d+ evaluations");
        // a feature far below the scale of x: the noise is measured again at the feature's spacing
        ProbeConfirmation.Result pole = ProbeConfirmation.measure(Subjects.probe(1e-6, v -> 1 / v), 0, 1e-6, 0,
                Precision.DOUBLE, Precision.DOUBLE.epsilon());
        assertThat(pole.confirmed()).isTrue();
        assertThat(pole.noise().measured()).isTrue();
        assertThat(pole.noise().relative()).isLessThanOrEqualTo(Precision.DOUBLE.epsilon());
    }
}
