package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.examples.forward.LogisticRegression;
import io.github.gradcheck.examples.forward.RangeBearing;
import io.github.gradcheck.examples.forward.Normalize;
import io.github.gradcheck.subject.ForwardSubject;
import io.github.gradcheck.subject.HessianSubject;
import org.junit.jupiter.api.Test;

/** The assertions on claimed Jacobians and Hessians, and their messages. */
class DerivativeAssertTests {

    static final ForwardSubject RIGHT = RangeBearing.subject(RangeBearing.Bug.NONE);
    static final ForwardSubject FLIPPED = RangeBearing.subject(RangeBearing.Bug.FLIPPED_BEARING_SIGN);

    @Test
    void aRightJacobianPassesAndAWrongOneFailsWithTheEntriesNamed() {
        assertThat(RIGHT).at(RangeBearing.POINT).hasCorrectJacobian().hasNoWrongJacobianEntries();
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(FLIPPED).at(RangeBearing.POINT).hasCorrectJacobian())
                .withMessageContaining("Expecting subject 'range-bearing (flipped bearing sign)' to have a correct"
                        + " Jacobian at:\n  pose = [1.0, 2.0, 0.3], landmark = [4.0, 6.0] (constant)\nbut 2 of 6 compared"
                        + " entries are wrong, the worst J[1,0] (∂output[1]/∂pose[0]):\ngradcheck: Jacobian of subject")
                .withMessageContaining("diagnosis: row 1 of J");
    }

    @Test
    void singleEntriesAreAssertedByRowAndColumn() {
        assertThat(FLIPPED).at(RangeBearing.POINT).hasWrongJacobianEntry(1, 0).hasWrongJacobianEntry(1, 1)
                .hasCorrectJacobianEntry(0, 0).hasCorrectJacobianEntry(1, 2);
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(FLIPPED).at(RangeBearing.POINT).hasWrongJacobianEntry(0, 1))
                .withMessageContaining("to have a wrong entry J[0,1] (∂output[0]/∂pose[1])")
                .withMessageContaining("but it is ok: claimed -0.8");
        assertThatThrownBy(() -> assertThat(FLIPPED).at(RangeBearing.POINT).hasWrongJacobianEntry(2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no compared entry J[2,0]");
    }

    @Test
    void theAdjointTestIsAssertedToo() {
        assertThat(Normalize.subject(true)).at(Normalize.POINT).failsTheAdjointTest();
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(Normalize.subject(true)).at(Normalize.POINT).hasCorrectJacobian())
                .withMessageContaining("but the JVP and the VJP disagree (the adjoint test failed)");
        assertThat(Normalize.subject(false)).at(Normalize.POINT).hasCorrectJacobian();
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(Normalize.subject(false)).at(Normalize.POINT).failsTheAdjointTest())
                .withMessageContaining("the JVP and the VJP agree to rounding");
    }

    @Test
    void hessiansAndTheirGradients() {
        HessianSubject right = LogisticRegression.subject(LogisticRegression.Bug.NONE);
        HessianSubject diagonal = LogisticRegression.subject(LogisticRegression.Bug.MISSING_REGULARISER);
        assertThat(right).at(LogisticRegression.POINT).hasCorrectHessian().hasCorrectGradient();
        assertThat(diagonal).at(LogisticRegression.POINT).hasCorrectGradient().hasWrongHessianEntry(0, 0)
                .hasCorrectHessianEntry(0, 1);
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(diagonal).at(LogisticRegression.POINT).hasCorrectHessian())
                .withMessageContaining("to have a correct Hessian").withMessageContaining("the diagonal of H is wrong");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(LogisticRegression.withoutGradient(LogisticRegression.Bug.NONE))
                        .at(LogisticRegression.POINT).hasCorrectGradient())
                .withMessageContaining("but it claims no gradient");
    }

    @Test
    void assertingBeforeChoosingAPointIsAMisuse() {
        assertThatThrownBy(() -> assertThat(RIGHT).hasCorrectJacobian()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call at(...) before asserting");
    }

    @Test
    void softAssertionsCollectJacobianAndHessianFailures() {
        GradientSoftAssertions softly = new GradientSoftAssertions();
        softly.assertThat(FLIPPED).at(RangeBearing.POINT).hasCorrectJacobian();
        softly.assertThat(LogisticRegression.subject(LogisticRegression.Bug.MISSING_MEAN))
                .at(LogisticRegression.POINT).hasCorrectHessian();
        softly.assertThat(RIGHT).at(RangeBearing.POINT).hasCorrectJacobian();
        org.assertj.core.api.Assertions.assertThat(softly.errorsCollected()).hasSize(2);
    }
}
