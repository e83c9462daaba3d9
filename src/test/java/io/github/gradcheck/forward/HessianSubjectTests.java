package io.github.gradcheck.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.DerivativeKind;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import io.github.gradcheck.examples.forward.LogisticRegression;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.HessianSubject;
import org.junit.jupiter.api.Test;

/** Hessians and Hessian–vector products: the gradient first, then differences of it, or second differences. */
class HessianSubjectTests {

    @Test
    void aRightHessianPassesAgainstDifferencesOfTheVerifiedGradient() {
        JacobianReport r = GradCheck.checkHessian(LogisticRegression.subject(LogisticRegression.Bug.NONE),
                LogisticRegression.POINT);
        assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
        assertThat(r.kind()).isEqualTo(DerivativeKind.HESSIAN);
        assertThat(r.measurement()).isEqualTo(JacobianReport.Measurement.GRADIENT_DIFFERENCES);
        assertThat(r.gradient().orElseThrow().passed()).isTrue();
        assertThat(r.rows()).isEqualTo(r.columns());
        assertThat(r.entries()).hasSize(9);
        assertThat(r.identities()).singleElement().satisfies(i -> {
            assertThat(i.identity()).isEqualTo(IdentityCheck.Identity.SYMMETRY);
            assertThat(i.verdict()).isEqualTo(Verdict.PASS);
        });
        assertThat(r.resolution().orElseThrow()).isLessThan(1e-7);
        assertThat(TextReport.render(r)).contains("gradient: the claimed gradient was checked first: ok")
                .contains("per Hessian row");
    }

    @Test
    void aMissingRegulariserIsTheDiagonalOffByAConstant() {
        JacobianReport r = GradCheck.checkHessian(LogisticRegression.subject(LogisticRegression.Bug.MISSING_REGULARISER),
                LogisticRegression.POINT);
        assertThat(r.wrongEntries()).extracting(e -> e.row() == e.column()).containsOnly(true).hasSize(3);
        assertThat(Diagnoses.of(r).all().get(0).sentence()).startsWith("the diagonal of H is wrong")
                .contains("claimed = measured - 0.1");
    }

    @Test
    void withoutAGradientTheHessianIsMeasuredBySecondDifferencesAndTheReportSaysSo() {
        JacobianReport right = GradCheck.checkHessian(LogisticRegression.withoutGradient(LogisticRegression.Bug.NONE),
                LogisticRegression.POINT);
        assertThat(right.verdict()).as(TextReport.render(right)).isEqualTo(Verdict.PASS);
        assertThat(right.measurement()).isEqualTo(JacobianReport.Measurement.SECOND_DIFFERENCES);
        assertThat(right.gradient()).isEmpty();
        assertThat(right.notes()).anySatisfy(n -> assertThat(n).contains("second differences")
                .contains("coarser"));
        JacobianReport wrong = GradCheck.checkHessian(LogisticRegression.withoutGradient(
                LogisticRegression.Bug.MISSING_REGULARISER), LogisticRegression.POINT);
        assertThat(wrong.wrongEntries()).extracting(JacobianEntry::row).containsExactly(0, 1, 2);
    }

    /** f(x, y) = x²·y + sin(y): a scalar function of two scalar inputs. */
    static HessianSubject twoInputs(double wrongMixed, boolean asymmetric) {
        return HessianSubject.of("x²y + sin y", in -> in.scalar("x") * in.scalar("x") * in.scalar("y")
                        + Math.sin(in.scalar("y")),
                in -> new double[] {2 * in.scalar("x") * in.scalar("y"), in.scalar("x") * in.scalar("x")
                        + Math.cos(in.scalar("y"))},
                in -> {
                    double x = in.scalar("x");
                    double y = in.scalar("y");
                    return new double[][] {{2 * y, 2 * x + wrongMixed}, {2 * x + (asymmetric ? 0 : wrongMixed),
                        -Math.sin(y)}};
                });
    }

    @Test
    void severalInputsAreRowsAndColumnsInThePointsOrder() {
        JacobianReport r = GradCheck.checkHessian(twoInputs(0, false), Point.of("x", 0.6, "y", -1.3));
        assertThat(r.passed()).as(TextReport.render(r)).isTrue();
        assertThat(r.columns().labels()).containsExactly("x", "y");
    }

    @Test
    void anAsymmetricHessianFailsItsSymmetryForFree() {
        // H[0,1] is 1e-9 too large, H[1,0] right: too small for the entries' measured resolution to be sure
        JacobianReport r = GradCheck.checkHessian(twoInputs(1e-9, true), Point.of("x", 0.6, "y", -1.3));
        assertThat(r.failedIdentities()).singleElement().satisfies(i -> {
            assertThat(i.identity()).isEqualTo(IdentityCheck.Identity.SYMMETRY);
            assertThat(i.where()).isEqualTo("H[0,1] = H[1,0]");
        });
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(Diagnoses.of(r).all()).anySatisfy(d -> assertThat(d.sentence())
                .startsWith("the claimed Hessian is not symmetric: H[0,1] = H[1,0] differ beyond rounding"));
    }

    @Test
    void aWrongGradientFailsTheCheckAndTheHessianIsMeasuredBySecondDifferences() {
        HessianSubject wrongGradient = HessianSubject.of("wrong gradient", in -> Math.exp(in.scalar("x")),
                in -> 2 * Math.exp(in.scalar("x")), in -> Math.exp(in.scalar("x")));
        JacobianReport r = GradCheck.checkHessian(wrongGradient, Point.of("x", 0.4));
        assertThat(r.gradient().orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.measurement()).isEqualTo(JacobianReport.Measurement.SECOND_DIFFERENCES);
        assertThat(r.matrixVerdict()).isEqualTo(Verdict.PASS); // the Hessian itself is right
        assertThat(TextReport.render(r)).contains("WRONG: the claimed gradient is wrong (first wrong node 'x')")
                .contains("  | gradcheck: subject 'wrong gradient'");
    }

    /** f(w) = Σ exp(a_k·w_k) w_(k+1): the HVP of a non-separable function of four variables. */
    static HessianSubject products(double bug, boolean withGradient) {
        double[] a = {0.3, -0.5, 0.8, 0.2};
        io.github.gradcheck.subject.ForwardFunction f = in -> {
            double[] w = in.vector("w");
            double s = 0;
            for (int k = 0; k < 3; k++) {
                s += Math.exp(a[k] * w[k]) * w[k + 1];
            }
            return s;
        };
        io.github.gradcheck.subject.HvpFunction hvp = (in, dir) -> {
            double[] w = in.vector("w");
            double[] v = dir.vector("w");
            double[] hv = new double[4];
            for (int k = 0; k < 3; k++) {
                double e = Math.exp(a[k] * w[k]);
                // d²/dw_k² = a² e w_(k+1), d²/dw_k dw_(k+1) = a e
                hv[k] += a[k] * a[k] * e * w[k + 1] * v[k] + a[k] * e * v[k + 1] * (1 + bug);
                hv[k + 1] += a[k] * e * v[k];
            }
            return hv;
        };
        if (!withGradient) {
            return HessianSubject.ofProducts("hvp without gradient", f, hvp);
        }
        return HessianSubject.ofProducts("hvp", f, in -> {
            double[] w = in.vector("w");
            double[] g = new double[4];
            for (int k = 0; k < 3; k++) {
                double e = Math.exp(a[k] * w[k]);
                g[k] += a[k] * e * w[k + 1];
                g[k + 1] += e;
            }
            return g;
        }, hvp);
    }

    static final Point W = Point.of("w", new double[] {0.4, -0.7, 1.2, 0.1});

    @Test
    void hessianVectorProductsAreCheckedColumnByColumnAndForSymmetry() {
        JacobianReport r = GradCheck.checkHessian(products(0, true), W);
        assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
        assertThat(r.kind()).isEqualTo(DerivativeKind.HVP);
        assertThat(r.identities()).hasSize(4).allSatisfy(i -> assertThat(i.verdict()).isEqualTo(Verdict.PASS));

        JacobianReport wrong = GradCheck.checkHessian(products(1e-4, true), W);
        assertThat(wrong.wrongEntries()).extracting(e -> e.row() + "," + e.column())
                .containsExactly("0,1", "1,2", "2,3");
        assertThat(wrong.failedIdentities()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void hessianVectorProductsWithoutAGradientUseSecondDifferences() {
        JacobianReport r = GradCheck.checkHessian(products(0, false), W);
        assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
        assertThat(r.measurement()).isEqualTo(JacobianReport.Measurement.SECOND_DIFFERENCES);
        JacobianReport wrong = GradCheck.checkHessian(products(1e-2, false), W);
        assertThat(wrong.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(wrong.wrongEntries()).extracting(e -> e.row() + "," + e.column())
                .containsExactly("0,1", "1,2", "2,3");
    }

    @Test
    void aFunctionThatIsNotScalarIsAnError() {
        HessianSubject vector = HessianSubject.of("vector", in -> new double[] {in.scalar("x"), 1},
                in -> new double[][] {{0}});
        assertThatThrownBy(() -> GradCheck.checkHessian(vector, Point.of("x", 1.0)))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("a Hessian is the second derivative of a scalar function, but the function"
                        + " returned shape [2]");
    }

    @Test
    void aHessianOfTheWrongSizeIsAnError() {
        HessianSubject small = HessianSubject.of("small", in -> {
            double[] w = in.vector("w");
            return w[0] * w[1];
        }, in -> new double[] {1, 2}, in -> new double[][] {{0, 1}});
        assertThatThrownBy(() -> GradCheck.checkHessian(small, Point.of("w", new double[] {1, 2})))
                .isInstanceOf(SubjectException.class).hasMessageContaining("node 'hessian'")
                .hasMessageContaining("shape [1x2] but it must be 2x2");
    }

    @Test
    void theDiagnosisOfAFactorOffTheDiagonal() {
        JacobianReport r = GradCheck.checkHessian(LogisticRegression.subject(LogisticRegression.Bug.MISSING_MEAN),
                LogisticRegression.POINT);
        assertThat(Diagnoses.of(r).all().get(0).sentence()).contains("off the diagonal, claimed = 6 × measured");
        assertThat(Diagnoses.of(r).all().get(0).kind()).isEqualTo(DiagnosisKind.NO_SIMPLE_PATTERN);
    }
}
