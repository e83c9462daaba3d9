package io.github.gradcheck.examples.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.JacobianSubject;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Jacobians written in a matrix library are checked like arrays: an EJML {@code DMatrixRMaj}
 * and a Commons Math {@code RealMatrix} as the claimed Jacobian of a two-output model (a
 * rotation of a point by an angle), correct and with a flipped sign in one entry.
 */
class MatrixLibraryJacobianTests {

    static final Point AT = Point.of("p", new double[] {0.7, -1.3, 0.4});

    /** out = (x·cos θ − y·sin θ, x·sin θ + y·cos θ) with p = (x, y, θ). */
    static double[] rotate(double[] p) {
        return new double[] {p[0] * Math.cos(p[2]) - p[1] * Math.sin(p[2]),
                p[0] * Math.sin(p[2]) + p[1] * Math.cos(p[2])};
    }

    static double[][] jacobian(double[] p, boolean flipped) {
        double c = Math.cos(p[2]);
        double s = Math.sin(p[2]);
        double[] out = rotate(p);
        return new double[][] {{c, -s, -out[1]}, {s, c, flipped ? -out[0] : out[0]}};
    }

    static JacobianSubject ejml(boolean flipped) {
        return JacobianSubject.of("rotation (EJML)", in -> rotate(in.vector("p")),
                in -> new DMatrixRMaj(jacobian(in.vector("p"), flipped)));
    }

    static JacobianSubject commonsMath(boolean flipped) {
        return JacobianSubject.of("rotation (Commons Math)", in -> new ArrayRealVector(rotate(in.vector("p"))),
                in -> new Array2DRowRealMatrix(jacobian(in.vector("p"), flipped)));
    }

    @Test
    void anEjmlJacobianThatIsRightPasses() {
        assertThat(GradCheck.checkForward(ejml(false), AT).passed()).isTrue();
    }

    @Test
    void anEjmlJacobianWithAFlippedEntryIsWrongAtThatEntry() {
        JacobianReport report = GradCheck.checkForward(ejml(true), AT);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.wrongEntries()).hasSize(1);
        assertThat(report.entry(1, 2).orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aCommonsMathJacobianIsCheckedTheSameWay() {
        assertThat(GradCheck.checkForward(commonsMath(false), AT).passed()).isTrue();
        JacobianReport wrong = GradCheck.checkForward(commonsMath(true), AT);
        assertThat(wrong.wrongEntries()).hasSize(1);
        assertThat(wrong.entry(1, 2).orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
    }
}
