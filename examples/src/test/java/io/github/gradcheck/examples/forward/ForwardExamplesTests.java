package io.github.gradcheck.examples.forward;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.junit.CheckSpec;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.DoubleBackward;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The forward-mode and second-order examples, correct and broken, as a user would test them: with
 * {@code @GradientCheck} over generated points and with AssertJ at one point. The guide
 * ({@code docs/forward-and-second-order.md}) shows these tests.
 */
class ForwardExamplesTests {

    // ---- an extended Kalman filter's measurement model --------------------------------------

    @GradientCheck(tries = 50)
    void rangeAndBearingJacobian(CheckSpec check) {
        check.subject(RangeBearing.subject(RangeBearing.Bug.NONE))
             .input("pose", Domain.uniform(-2, 2).vector(3))
             .input("landmark", Domain.constant(new double[] {4.0, 6.0}));
    }

    @Test
    void theFlippedBearingRowIsCaughtWhereItIs() {
        assertThat(RangeBearing.subject(RangeBearing.Bug.FLIPPED_BEARING_SIGN)).at(RangeBearing.POINT)
                .hasWrongJacobianEntry(1, 0)      // ∂bearing/∂x
                .hasWrongJacobianEntry(1, 1)      // ∂bearing/∂y
                .hasCorrectJacobianEntry(1, 2)    // ∂bearing/∂θ = -1
                .hasCorrectJacobianEntry(0, 0);   // the range row is right
    }

    @Test
    void theMissingHeadingTermIsCaught() {
        assertThat(RangeBearing.subject(RangeBearing.Bug.MISSING_HEADING_TERM)).at(RangeBearing.POINT)
                .hasWrongJacobianEntry(1, 2);
    }

    // ---- a least-squares model -----------------------------------------------------------------

    @GradientCheck(tries = 30)
    void exponentialDecayJacobian(CheckSpec check) {
        check.subject(ExponentialDecay.subject(false))
             .input("theta", Domain.uniform(0.5, 3).vector(2))
             .input("t", Domain.constant(ExponentialDecay.T))
             .input("y", Domain.constant(ExponentialDecay.Y));
    }

    @Test
    void theMissingInnerFactorIsInTheSecondColumn() {
        JacobianReport report = GradCheck.checkForward(ExponentialDecay.subject(true), ExponentialDecay.POINT);
        Assertions.assertThat(report.wrongEntries()).allSatisfy(e -> Assertions.assertThat(e.column()).isEqualTo(1));
    }

    // ---- a JVP with a VJP: the adjoint test ------------------------------------------------------

    @Test
    void aVjpThatDisagreesWithItsJvpFailsTheAdjointTest() {
        assertThat(Normalize.subject(false)).at(Normalize.POINT).hasCorrectJacobian();
        assertThat(Normalize.subject(true)).at(Normalize.POINT).hasNoWrongJacobianEntries().failsTheAdjointTest();
    }

    // ---- a Hessian for Newton's method -----------------------------------------------------------

    @GradientCheck(tries = 30)
    void logisticLossHessian(CheckSpec check) {
        check.subject(LogisticRegression.subject(LogisticRegression.Bug.NONE))
             .input("w", Domain.uniform(-2, 2).vector(3))
             .input("X", Domain.constant(LogisticRegression.X))
             .input("y", Domain.constant(LogisticRegression.Y));
    }

    @Test
    void eachHessianBugIsCaughtWithItsGradientRight() {
        for (LogisticRegression.Bug bug : new LogisticRegression.Bug[] {LogisticRegression.Bug.MISSING_MEAN,
            LogisticRegression.Bug.MISSING_REGULARISER, LogisticRegression.Bug.SIGMA_INSTEAD_OF_VARIANCE}) {
            assertThat(LogisticRegression.subject(bug)).as("%s", bug).at(LogisticRegression.POINT)
                    .hasCorrectGradient().hasWrongHessianEntry(0, 0);
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(
                    LogisticRegression.withoutGradient(bug)).at(LogisticRegression.POINT).hasCorrectHessian());
        }
    }

    // ---- a custom op with a double backward ----------------------------------------------------

    @GradientCheck(tries = 30)
    void tanhFirstOrder(CheckSpec check) {
        check.subject(TanhDoubleBackward.subject(false).firstOrder())
             .input("x", Domain.uniform(-2, 2).vector(3));
    }

    @GradientCheck(tries = 30)
    void tanhDoubleBackward(CheckSpec check) {
        check.subject(TanhDoubleBackward.subject(false))
             .input("x", Domain.uniform(-2, 2).vector(3))
             .input(DoubleBackward.GRAD_OUTPUT, Domain.uniform(-2, 2).vector(3));
    }

    @Test
    void aDoubleBackwardThatForgetsThatYDependsOnXIsCaughtAtX() {
        assertThat(TanhDoubleBackward.subject(true)).at(TanhDoubleBackward.POINT)
                .hasWrongGradientAt("x").hasCorrectGradientAt(DoubleBackward.GRAD_OUTPUT);
        Assertions.assertThat(GradCheck.check(TanhDoubleBackward.subject(true).firstOrder(),
                Point.of("x", new double[] {0.3, -1.1, 0.7})).passed()).isTrue();
    }
}
