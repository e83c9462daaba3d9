package io.github.gradcheck.examples.matrix;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.Value;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Subjects of EJML, Commons Math and Hipparchus values, checked without conversions by hand. */
class MatrixLibraryExamplesTests {

    @Test
    void anEjmlLeastSquaresLossIsRightAndMissingItsHalfIsAFactorOfTwo() {
        GradientReport right = GradCheck.check(EjmlExamples.leastSquares(false), EjmlExamples.leastSquaresPoint());
        GradientReport doubled = GradCheck.check(EjmlExamples.leastSquares(true), EjmlExamples.leastSquaresPoint());

        assertThat(right).isCorrect();
        assertThat(right.node("A").orElseThrow().shape()).isEqualTo(Shape.of(3, 2));
        assertThat(right.node("x").orElseThrow().shape()).isEqualTo(Shape.of(2, 1));
        assertThat(right.point().isConstant("b")).isTrue();
        assertThat(Diagnoses.of(doubled).forNode("x").orElseThrow().toString()).contains("factor").contains("2");
    }

    @Test
    void anEjmlLayerGetsAndReturnsEjmlMatricesAndItsWeightsAreItsDataArray() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{0.5}, {-1}, {0.25}});
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{0.2, -0.4, 1}, {0.7, 0.1, -0.3}});
        double[] before = w.data.clone();

        assertThat(EjmlExamples.tanhLayer(w, false)).at("x", x).hasCorrectGradients();
        assertThat(EjmlExamples.tanhLayer(w, true)).at("x", x).hasWrongGradientAt("tanh(Wx).W");
        assertThat(w.data).containsExactly(before);
    }

    @Test
    void aCommonsMathQuadraticFormIsRightAndTheSymmetricShortcutIsCaught() {
        assertThat(CommonsMathExamples.quadraticForm(false)).at(CommonsMathExamples.point()).hasCorrectGradients();
        assertThat(CommonsMathExamples.quadraticForm(true)).at(CommonsMathExamples.point()).hasWrongGradientAt("v")
                .hasCorrectGradientAt("M");
    }

    @Test
    void aHipparchusQuadraticFormIsRightAndTheSymmetricShortcutIsCaught() {
        assertThat(HipparchusExamples.quadraticForm(false)).at(HipparchusExamples.point()).hasCorrectGradients();
        assertThat(HipparchusExamples.quadraticForm(true)).at(HipparchusExamples.point()).hasWrongGradientAt("v")
                .hasCorrectGradientAt("M");
    }

    @Test
    void libraryValuesComeBackAsTheTypeTheyCameAs() {
        Value m = Value.fromJava(new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}}));

        assertThat(m.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(m.toJava()).isInstanceOf(DMatrixRMaj.class);
        assertThat(m.with(3, 9).toJava()).isInstanceOfSatisfying(DMatrixRMaj.class, d -> assertThat(d.get(1, 1)).isEqualTo(9));
        assertThat(m.toJava(double[][].class)).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
        assertThat(Value.vector(1, 2).toJava(org.apache.commons.math3.linear.RealVector.class).getEntry(1)).isEqualTo(2);
        assertThat(Value.fromJava(new org.ejml.data.FMatrixRMaj(new float[][] {{1.5f}})).precision())
                .isEqualTo(io.github.gradcheck.model.Precision.FLOAT);
    }
}
