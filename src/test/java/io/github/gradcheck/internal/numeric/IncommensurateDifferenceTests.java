package io.github.gradcheck.internal.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Precision;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class IncommensurateDifferenceTests {

    private static final double EPS = Precision.DOUBLE.epsilon();
    private static final TolerancePolicy POLICY = TolerancePolicy.defaults();

    private static IncommensurateDifference.Confirmation confirm(double x, DoubleUnaryOperator f, double start,
                                                                 double sigma) {
        return IncommensurateDifference.confirm(Subjects.probe(x, f), 0, x, Precision.DOUBLE, start, sigma, EPS);
    }

    /** The start the first family would use: s/8. */
    private static double firstFamilyStart(double x) {
        return StepSize.robustStarts(x, 0, Precision.DOUBLE)[0];
    }

    /** The verdict a correct claim gets against an estimate (inconclusive where there is none). */
    private static Verdict verdictOfTheTruth(double truth, Estimate e) {
        if (!Double.isFinite(e.value()) || !Double.isFinite(e.error())) {
            return Verdict.INCONCLUSIVE;
        }
        return POLICY.verdict(truth, e.value(), POLICY.tolerance(truth, e.value(), e.error(), Precision.DOUBLE),
                Precision.DOUBLE);
    }

    @Test
    void noStepIsAPowerOfTwoTimesAnotherFamilysStep() {
        double x = 0.3;
        Set<Double> offsets = new HashSet<>();
        Probe f = Subjects.probe(x, Math::sin);
        IncommensurateDifference.confirm(o -> {
            offsets.add(o);
            return f.at(o);
        }, 0, x, Precision.DOUBLE, 0.1, 0, EPS);
        offsets.remove(0.0);
        assertThat(offsets).hasSize(4 * IncommensurateDifference.LEVELS);
        Set<Double> firstFamily = new HashSet<>();
        for (double start : StepSize.robustStarts(x, 0, Precision.DOUBLE)) {
            for (int i = 0; i < 2 * RiddersExtrapolation.LEVELS; i++) {
                firstFamily.add(Math.scalb(start, -i));
            }
        }
        for (double o : offsets) {
            double h = Math.abs(o);
            assertThat(StepSize.powerOfTwoAtMost(h)).as("%s is not a power of two", h).isNotEqualTo(h);
            assertThat(x + o - x).as("x + %s is exact", o).isEqualTo(o);
            assertThat(offsets).as("symmetric").contains(-o);
            for (double g : firstFamily) {
                double ratio = h / g;
                assertThat(StepSize.powerOfTwoAtMost(ratio)).as("%s / %s", h, g).isNotEqualTo(ratio);
            }
        }
        // the two ladders do not share a ratio either
        double[] mantissas = {Incommensurate.FIRST, Incommensurate.SECOND, Incommensurate.SCAN};
        for (double a : mantissas) {
            for (double b : mantissas) {
                if (a != b) {
                    assertThat(StepSize.powerOfTwoAtMost(a / b)).isNotEqualTo(a / b);
                }
            }
        }
    }

    @Test
    void smoothFunctionsFromTheScanCoverTheTruthAtNearlyEveryPoint() {
        Random random = new Random(1);
        int covered = 0;
        int n = 1000;
        for (int i = 0; i < n; i++) {
            double x = 6 * random.nextDouble() - 3;
            Probe probe = Subjects.probe(x, Math::sin);
            FunctionScale.Scale scale = FunctionScale.find(probe, 0, x, 0, Precision.DOUBLE, 0, EPS,
                    FunctionScale.DEFAULT_BUDGET);
            Estimate e = IncommensurateDifference.confirm(probe, 0, x, Precision.DOUBLE, scale.scale(), 0, EPS)
                    .estimate();
            if (Math.abs(e.value() - Math.cos(x)) <= e.error()) {
                covered++;
            }
            assertThat(e.error()).isLessThan(1e-9);
        }
        assertThat(covered).isGreaterThanOrEqualTo(990);
    }

    @Test
    void theErrorIncludesTheMeasuredNoise() {
        double sigma = 1e-6;
        IncommensurateDifference.Confirmation c = confirm(0.7, Math::sin, 0.1, sigma);
        double largest = StepSize.powerOfTwoAtMost(0.2) * Incommensurate.FIRST;
        assertThat(c.estimate().error()).isGreaterThanOrEqualTo(Tableau.FLOOR * sigma / largest);
        assertThat(c.first().error()).isGreaterThanOrEqualTo(Tableau.FLOOR * sigma / largest);
        assertThat(c.evaluations()).isEqualTo(4 * IncommensurateDifference.LEVELS);
    }

    @Test
    void aNoisySubjectIsCoveredWithTheNoiseAndNotWithoutIt() {
        Random random = new Random(2);
        int withNoise = 0;
        int withoutNoise = 0;
        int unconfirmed = 0;
        int n = 300;
        for (int i = 0; i < n; i++) {
            double x = 6 * random.nextDouble() - 3;
            Probe probe = Subjects.probe(x, Subjects::partlyFloat);
            Noise noise = NoiseEstimation.measure(probe, 0, x, 0, Precision.DOUBLE,
                    NoiseEstimation.spacing(x, 0, Precision.DOUBLE), NoiseEstimation.DEFAULT_BUDGET);
            double truth = Subjects.partlyFloatDerivative(x);
            Estimate a = IncommensurateDifference.confirm(probe, 0, x, Precision.DOUBLE, 0.1, noise.sigma(), EPS)
                    .estimate();
            Estimate b = IncommensurateDifference.confirm(probe, 0, x, Precision.DOUBLE, 0.1, 0, EPS).estimate();
            if (Double.isNaN(a.value())) {
                unconfirmed++; // no answer is not a wrong answer
                continue;
            }
            withNoise += Math.abs(a.value() - truth) <= a.error() ? 1 : 0;
            withoutNoise += Math.abs(b.value() - truth) <= b.error() ? 1 : 0;
            assertThat(Math.abs(a.value() - truth)).isLessThanOrEqualTo(3 * a.error());
        }
        assertThat(unconfirmed).isLessThanOrEqualTo(3);
        assertThat(withNoise).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * (n - unconfirmed)));
        assertThat(withoutNoise).as("rounding-level floors claim too much for a float computation")
                .isLessThan(withNoise);
    }

    @Test
    void cosOf256PiXAtThreeTenths() {
        double truth = Subjects.cos256Derivative(0.3);
        FunctionScale.Scale scale = FunctionScale.find(Subjects.probe(0.3, Subjects::cos256), 0, 0.3, 0,
                Precision.DOUBLE, 0, EPS, FunctionScale.DEFAULT_BUDGET);
        Estimate e = confirm(0.3, Subjects::cos256, scale.scale(), 0).estimate();
        assertThat(Math.abs(e.value() - truth)).isLessThanOrEqualTo(e.error());
        assertThat(e.error() / Math.abs(truth)).isLessThan(1e-6);
        // from the first family's start, without a scan, the steps span many periods: no answer, not a wrong one
        assertThat(verdictOfTheTruth(truth, confirm(0.3, Subjects::cos256, firstFamilyStart(0.3), 0).estimate()))
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void positionalEncodingsAreNeverConfidentAndWrong() {
        Random random = new Random(3);
        for (int k = 0; k <= 20; k++) {
            double omega = Math.scalb(Math.PI, k);
            DoubleUnaryOperator f = v -> Math.sin(omega * v);
            for (int i = 0; i < 40; i++) {
                double x = random.nextDouble();
                double truth = omega * Math.cos(omega * x);
                // whatever the start: from the first family's, and from the scan's
                Verdict blind = verdictOfTheTruth(truth, confirm(x, f, firstFamilyStart(x), 0).estimate());
                assertThat(blind).as("k = %d, x = %s", k, x).isNotEqualTo(Verdict.FAIL);
                Probe probe = Subjects.probe(x, f);
                Noise noise = NoiseEstimation.measure(probe, 0, x, 0, Precision.DOUBLE,
                        NoiseEstimation.spacing(x, 0, Precision.DOUBLE), NoiseEstimation.DEFAULT_BUDGET);
                FunctionScale.Scale scale = FunctionScale.find(probe, 0, x, 0, Precision.DOUBLE, noise.sigma(), EPS,
                        FunctionScale.DEFAULT_BUDGET);
                assertThat(scale.resolved()).isTrue();
                Estimate e = IncommensurateDifference.confirm(probe, 0, x, Precision.DOUBLE, scale.scale(),
                        noise.sigma(), EPS).estimate();
                assertThat(verdictOfTheTruth(truth, e)).as("k = %d, x = %s", k, x).isEqualTo(Verdict.PASS);
            }
        }
    }

    @Test
    void stepsAcrossAPoleFollowALawInOneOverHSquaredThatIsNotExtrapolated() {
        // (1/(x+h) − 1/(x−h))/2h = −1/(x² − h²) ≈ 1/h² for h ≫ x: smooth in h, and wrong
        Random random = new Random(4);
        for (int i = 0; i < 200; i++) {
            double x = 5e-7 + 1.5e-6 * random.nextDouble();
            Estimate e = confirm(x, v -> 1 / v, firstFamilyStart(x), 0).estimate();
            assertThat(verdictOfTheTruth(-1 / (x * x), e)).isEqualTo(Verdict.INCONCLUSIVE);
        }
    }

    @Test
    void sinFarFromZeroHasNoAnswer() {
        for (double x : new double[] {-1e300, 7.3e200, -4e100}) {
            for (double start : new double[] {firstFamilyStart(x), Math.ulp(x) * 1e6, Math.ulp(x) * 64}) {
                Estimate e = confirm(x, Math::sin, start, 0).estimate();
                assertThat(verdictOfTheTruth(Math.cos(x), e)).as("x = %s from %s", x, start)
                        .isEqualTo(Verdict.INCONCLUSIVE);
            }
        }
    }

    @Test
    void aLadderOutsideTheDomainGivesNoAnswerAndTheOtherIsNotTrustedBeyondATenth() {
        IncommensurateDifference.Confirmation c = confirm(-1, Math::log, 0.1, 0);
        assertThat(c.estimate().value()).isNaN();
        assertThat(c.estimate().error()).isInfinite();
    }
}
