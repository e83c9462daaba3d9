package io.github.gradcheck.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.DerivativeKind;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import io.github.gradcheck.examples.forward.RangeBearing;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.JacobianSubject;
import io.github.gradcheck.subject.ValueAndJacobian;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jacobian matrices returned with the value: every entry checked, the wrong ones named and diagnosed. */
class JacobianSubjectTests {

    @Test
    void aRightJacobianPassesEntryByEntry() {
        JacobianReport r = GradCheck.checkForward(RangeBearing.subject(RangeBearing.Bug.NONE), RangeBearing.POINT);
        assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
        assertThat(r.kind()).isEqualTo(DerivativeKind.JACOBIAN);
        assertThat(r.entries()).hasSize(6);
        assertThat(r.rows().size()).isEqualTo(2);
        assertThat(r.columns().labels()).containsExactly("pose[0]", "pose[1]", "pose[2]");
        assertThat(r.entry(1, 2).orElseThrow().numeric()).isEqualTo(-1.0);
        assertThat(r.complete()).isTrue();
        assertThat(r.claimEvaluations()).isEqualTo(2); // read twice: it must not change
        assertThat(r.resolution().orElseThrow()).isLessThan(1e-8);
    }

    @Test
    void aFlippedRowIsNamedByItsRowAndColumns() {
        JacobianReport r = GradCheck.checkForward(RangeBearing.subject(RangeBearing.Bug.FLIPPED_BEARING_SIGN),
                RangeBearing.POINT);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.wrongEntries()).extracting(e -> e.row() + "," + e.column()).containsExactly("1,0", "1,1");
        Diagnosis d = Diagnoses.of(r).all().get(0);
        assertThat(d.sentence()).startsWith("row 1 of J (the derivatives of output[1]) is wrong at columns 0"
                + " (pose[0]), 1 (pose[1]); the other rows are right").contains("a flipped sign");
        assertThat(TextReport.render(r)).contains("WRONG: 2 of 6 compared entries of J are wrong, the worst J[1,0]"
                + " (∂output[1]/∂pose[0])").contains("J[1,1]  output[1]  pose[1]  0.12");
    }

    @Test
    void aMissingTermIsAClaimedZero() {
        JacobianReport r = GradCheck.checkForward(RangeBearing.subject(RangeBearing.Bug.MISSING_HEADING_TERM),
                RangeBearing.POINT);
        assertThat(r.wrongEntries()).singleElement().satisfies(e -> {
            assertThat(e.rowLabel()).isEqualTo("output[1]");
            assertThat(e.columnLabel()).isEqualTo("pose[2]");
        });
        Diagnosis d = Diagnoses.of(r).all().get(0);
        assertThat(d.kind()).isEqualTo(DiagnosisKind.ZERO_WHERE_NONZERO);
        assertThat(d.sentence()).contains("J[1,2] (∂output[1]/∂pose[2])").contains("a missing term");
    }

    /** f(x) = A·x + x∘x for a fixed square A: J = A + 2·diag(x). */
    static final double[][] A = {{1.0, -2.0, 0.5}, {0.3, 4.0, -1.0}, {2.0, 0.1, -3.0}};

    static double[] affine(double[] x) {
        double[] y = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                y[i] += A[i][j] * x[j];
            }
            y[i] += x[i] * x[i];
        }
        return y;
    }

    static double[][] affineJacobian(double[] x) {
        double[][] j = new double[3][3];
        for (int i = 0; i < 3; i++) {
            j[i] = A[i].clone();
            j[i][i] += 2 * x[i];
        }
        return j;
    }

    static final Point X = Point.of("x", new double[] {0.4, -1.2, 0.9});

    @Test
    void aTransposedJacobianIsRecognised() {
        JacobianSubject s = JacobianSubject.of("transposed", in -> affine(in.vector("x")), in -> {
            double[][] j = affineJacobian(in.vector("x"));
            double[][] t = new double[3][3];
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    t[a][b] = j[b][a];
                }
            }
            return t;
        });
        JacobianReport r = GradCheck.checkForward(s, X);
        assertThat(Diagnoses.of(r).all().get(0).kind()).as(TextReport.render(r)).isEqualTo(DiagnosisKind.TRANSPOSED);
    }

    @Test
    void aWrongColumnAndAConstantFactorAreRecognised() {
        JacobianSubject column = JacobianSubject.of("column", in -> affine(in.vector("x")), in -> {
            double[][] j = affineJacobian(in.vector("x"));
            for (int i = 0; i < 3; i++) {
                j[i][2] *= 2;
            }
            return j;
        });
        Diagnosis c = Diagnoses.of(GradCheck.checkForward(column, X)).all().get(0);
        assertThat(c.sentence()).startsWith("column 2 of J (the derivatives with respect to x[2]) is wrong (every"
                + " compared entry of it)").contains("claimed = 2 × measured");

        JacobianSubject half = JacobianSubject.of("half", in -> affine(in.vector("x")), in -> {
            double[][] j = affineJacobian(in.vector("x"));
            for (double[] row : j) {
                for (int k = 0; k < 3; k++) {
                    row[k] /= 2;
                }
            }
            return j;
        });
        Diagnosis h = Diagnoses.of(GradCheck.checkForward(half, X)).all().get(0);
        assertThat(h.kind()).isEqualTo(DiagnosisKind.CONSTANT_FACTOR);
        assertThat(h.sentence()).contains("claimed = 1/2 × measured");
    }

    @Test
    void severalInputsAreColumnsInThePointsOrderAndMayComeAsBlocks() {
        // y = (a·b0 + c, a² + b1·c), inputs a (scalar), b [2], c (scalar); the label is a constant
        JacobianSubject blocks = JacobianSubject.of("blocks", in -> {
            double a = in.scalar("a");
            double[] b = in.vector("b");
            double c = in.scalar("c");
            return new double[] {a * b[0] + c, a * a + b[1] * c};
        }, in -> {
            double a = in.scalar("a");
            double[] b = in.vector("b");
            double c = in.scalar("c");
            return new Object[] {new double[] {b[0], 2 * a}, new double[][] {{a, 0}, {0, c}},
                new double[] {1, b[1] + 1e-3}};
        });
        Point p = Point.builder().input("a", 0.7).input("b", new double[] {1.5, -0.4}).constant("label", 3)
                .input("c", 2.0).build();
        JacobianReport r = GradCheck.checkForward(blocks, p);
        assertThat(r.columns().labels()).containsExactly("a", "b[0]", "b[1]", "c");
        assertThat(r.blocks()).extracting(b -> b.input() + "@" + b.firstColumn()).containsExactly("a@0", "b@1", "c@3");
        assertThat(r.wrongEntries()).extracting(JacobianEntry::rowLabel, JacobianEntry::columnLabel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("output[1]", "c"));
    }

    @Test
    void aValueAndItsJacobianMayComeTogether() {
        // the Commons Math form: one function returns the residuals and their Jacobian
        JacobianSubject both = JacobianSubject.of("together", in -> {
            double[] x = in.vector("x");
            return ValueAndJacobian.of(affine(x), affineJacobian(x));
        });
        assertThat(GradCheck.checkForward(both, X).passed()).isTrue();
    }

    @Test
    void aJacobianOfTheWrongShapeIsAnErrorThatSaysWhatIsExpected() {
        JacobianSubject wrongShape = JacobianSubject.of("range-bearing", in -> RangeBearing.measure(in.vector("pose"),
                in.vector("landmark")), in -> new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertThatThrownBy(() -> GradCheck.checkForward(wrongShape, RangeBearing.POINT))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("subject 'range-bearing', node 'jacobian': the Jacobian function returned the"
                        + " matrix with shape [3x2] but it must be 2x3 (that is the transpose: is it laid out column by"
                        + " column?)")
                .hasMessageContaining("one row per element of the output (2) and one column per element of"
                        + " pose (3)");
    }

    @Test
    void aNonFiniteClaimIsWrongNotInconclusive() {
        JacobianSubject nan = JacobianSubject.of("nan", in -> affine(in.vector("x")), in -> {
            double[][] j = affineJacobian(in.vector("x"));
            j[0][1] = Double.NaN;
            j[2][2] = Double.POSITIVE_INFINITY;
            return j;
        });
        JacobianReport r = GradCheck.checkForward(nan, X);
        assertThat(r.wrongEntries()).extracting(e -> e.row() + "," + e.column()).containsExactly("0,1", "2,2");
    }

    @Test
    void aJacobianFunctionThatAccumulatesIsAnError() {
        double[][] buffer = new double[3][3];
        JacobianSubject accumulating = JacobianSubject.of("accumulating", in -> affine(in.vector("x")), in -> {
            double[][] j = affineJacobian(in.vector("x"));
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 3; k++) {
                    buffer[i][k] += j[i][k];
                }
            }
            return buffer;
        });
        assertThatThrownBy(() -> GradCheck.checkForward(accumulating, X)).isInstanceOf(SubjectException.class)
                .hasMessageContaining("the Jacobian function is not deterministic");
    }

    @Test
    void fastModeFindsOneWrongColumnAmongThousandsAndNarrowsToIt() {
        int n = 5000;
        int wrong = 3217;
        // y_k = sin(x_k) + 0.1·x_(k+1): a banded Jacobian, one column wrong
        JacobianSubject banded = JacobianSubject.of("banded", in -> {
            double[] x = in.vector("x");
            double[] y = new double[3];
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < n; k++) {
                    y[i] += Math.sin(x[k] * (i + 1)) / (i + 1);
                }
            }
            return y;
        }, in -> {
            double[] x = in.vector("x");
            double[][] j = new double[3][n];
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < n; k++) {
                    j[i][k] = Math.cos(x[k] * (i + 1)) * (k == wrong ? 1.001 : 1);
                }
            }
            return j;
        });
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = Math.sin(k * 0.37);
        }
        JacobianReport r = GradCheck.checkForward(banded, Point.of("x", x));
        assertThat(r.mode()).isEqualTo(CheckMode.FAST);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.wrongEntries()).extracting(JacobianEntry::column).containsOnly(wrong);
        assertThat(r.blocks().get(0).coverage().narrowing()).contains("bisection");
        assertThat(Diagnoses.of(r).all().get(0).sentence()).startsWith("column 3217 of J (the derivatives with"
                + " respect to x[3217]) is wrong");
    }

    @Test
    void fastModePassesARightLargeJacobianCheaply() {
        int n = 5000;
        JacobianSubject diag = JacobianSubject.of("diagonal", in -> {
            double[] x = in.vector("x");
            double s = 0;
            for (double v : x) {
                s += Math.exp(0.1 * v);
            }
            return s;
        }, in -> {
            double[] x = in.vector("x");
            double[] g = new double[n];
            for (int k = 0; k < n; k++) {
                g[k] = 0.1 * Math.exp(0.1 * x[k]);
            }
            return g;
        });
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = Math.cos(k);
        }
        JacobianReport r = GradCheck.checkForward(diag, Point.of("x", x),
                CheckOptions.defaults().withMode(CheckMode.FAST));
        assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
        assertThat(r.blocks().get(0).tangents()).hasSize(CheckOptions.DEFAULT_DIRECTIONS);
        assertThat(r.forwardEvaluations()).isLessThan(600);
        assertThat(TextReport.render(r)).contains("x: 2 Gaussian tangents and 8 of 5000 columns");
    }

    @Test
    void theReverseModeViewChecksTheTransposeAsABackward() {
        assertThat(GradCheck.check(RangeBearing.subject(RangeBearing.Bug.NONE).asSubject(), RangeBearing.POINT)
                .passed()).isTrue();
        assertThat(GradCheck.check(RangeBearing.subject(RangeBearing.Bug.MISSING_HEADING_TERM).asSubject(),
                RangeBearing.POINT).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void theSameCheckMeasuresTheSame() {
        JacobianSubject s = RangeBearing.subject(RangeBearing.Bug.FLIPPED_BEARING_SIGN);
        assertThat(GradCheck.checkForward(s, RangeBearing.POINT)
                .sameMeasurements(GradCheck.checkForward(s, RangeBearing.POINT))).isTrue();
        assertThat(List.of(Verdict.FAIL)).contains(GradCheck.checkForward(s, RangeBearing.POINT).verdict());
    }
}
