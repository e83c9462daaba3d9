package io.github.gradcheck.diagnosis;

import static io.github.gradcheck.diagnosis.SyntheticReports.node;
import static io.github.gradcheck.diagnosis.SyntheticReports.report;
import static io.github.gradcheck.diagnosis.SyntheticReports.times;
import static io.github.gradcheck.diagnosis.SyntheticReports.transpose;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.model.Shape;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DiagnosesTests {

    static final double[] MEASURED = {0.3, -1.2, 2.5, 0.7, -0.4, 1.9, 0.05, 3.1, -2.2};
    static final Shape SQUARE = Shape.of(3, 3);

    static Diagnosis only(GradientReport report, String node) {
        return Diagnoses.of(report).forNode(node).orElseThrow();
    }

    @Test
    void aPassingReportHasNoDiagnoses() {
        GradientReport r = report(node("W", SQUARE, MEASURED, MEASURED));
        assertThat(Diagnoses.of(r).isEmpty()).isTrue();
        assertThat(Diagnoses.of(r).all()).isEmpty();
    }

    @Nested
    class SignAndFactors {

        @Test
        void aFlippedSignEverywhereIsWrongSign() {
            Diagnosis d = only(report(node("W", SQUARE, times(-1, MEASURED), MEASURED)), "W");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.WRONG_SIGN);
            assertThat(d.sentence()).isEqualTo("'W' has the wrong sign: analytic = -1 × numeric at every compared element");
            assertThat(d.evidence()).contains("all 9 elements").contains("at W[2,1]: claimed -3.1, measured 3.1");
            assertThat(d.origin()).isTrue();
            assertThat(d.edge()).isEmpty();
        }

        @Test
        void aWholeFactorEqualToTheSizeSuggestsAMissingMean() {
            Diagnosis d = only(report(node("W", SQUARE, times(9, MEASURED), MEASURED)), "W");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.CONSTANT_FACTOR);
            assertThat(d.sentence()).contains("analytic = 9 × numeric at every compared element")
                    .contains("missing a 1/N from a mean? (the node has N = 9 elements)");
        }

        @Test
        void aHalfIsNamedAsAReciprocal() {
            Diagnosis d = only(report(node("W", SQUARE, times(0.5, MEASURED), MEASURED)), "W");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.CONSTANT_FACTOR);
            assertThat(d.sentence()).contains("analytic = 1/2 × numeric").contains("2 times too small");
        }

        @Test
        void anOddFactorIsStatedWhenSeveralElementsShareIt() {
            Diagnosis d = only(report(node("W", SQUARE, times(1.37, MEASURED), MEASURED)), "W");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.CONSTANT_FACTOR);
            assertThat(d.sentence()).contains("analytic = 1.37 × numeric");
        }

        @Test
        void anOddRatioAtASingleElementIsNoPattern() {
            Diagnosis d = only(report(node("s", Shape.scalar(), new double[] {1.234}, new double[] {0.5})), "s");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.NO_SIMPLE_PATTERN);
            assertThat(d.sentence()).contains("no simple pattern");
        }

        @Test
        void aSimpleRatioAtASingleElementIsAFactor() {
            Diagnosis d = only(report(node("s", Shape.scalar(), new double[] {1.5}, new double[] {0.5})), "s");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.CONSTANT_FACTOR);
            assertThat(d.sentence()).contains("analytic = 3 × numeric");
        }

        @Test
        void aFactorThatFailsAtOneElementIsNotStated() {
            double[] analytic = times(2, MEASURED);
            analytic[4] += 1e-3;
            Diagnosis d = only(report(node("W", SQUARE, analytic, MEASURED)), "W");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.NO_SIMPLE_PATTERN);
        }

        @Test
        void aSignThatHoldsOnlyWithinToleranceIsStillASign() {
            double[] analytic = times(-1, MEASURED);
            analytic[0] += SyntheticReports.TOL / 2;
            assertThat(only(report(node("W", SQUARE, analytic, MEASURED)), "W").kind())
                    .isEqualTo(DiagnosisKind.WRONG_SIGN);
        }
    }

    @Nested
    class Transposes {

        @Test
        void theTransposeOfTheMeasuredMatrixIsTransposed() {
            Diagnosis d = only(report(node("W", SQUARE, transpose(3, MEASURED), MEASURED)), "W");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.TRANSPOSED);
            assertThat(d.sentence()).contains("analytic[i,j] = numeric[j,i]");
            assertThat(d.evidence()).contains("measured at W[");
        }

        @Test
        void aNonSquareMatrixIsNeverTransposed() {
            double[] m = {1, 2, 3, 4, 5, 6};
            double[] wrong = {1, 4, 2, 5, 3, 6};
            Diagnosis d = only(report(node("W", Shape.of(2, 3), wrong, m)), "W");
            assertThat(d.kind()).isNotEqualTo(DiagnosisKind.TRANSPOSED);
        }

        @Test
        void aTransposeWithOneMoreWrongElementIsNotStated() {
            double[] analytic = transpose(3, MEASURED);
            analytic[1] = 42;
            Diagnosis d = only(report(node("W", SQUARE, analytic, MEASURED)), "W");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.SOME_ELEMENTS);
            assertThat(d.sentence()).startsWith("only 6 of 9 elements of 'W' are wrong: [0,1], [0,2], [1,0]");
        }
    }

    @Nested
    class ZerosAndSomeElements {

        @Test
        void aClaimedZeroEverywhereIsAMissingTerm() {
            Diagnosis d = only(report(node("W", SQUARE, new double[9], MEASURED)), "W");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.ZERO_WHERE_NONZERO);
            assertThat(d.sentence()).contains("is claimed 0 where the true gradient is not at every element")
                    .contains("a missing term");
        }

        @Test
        void aGradientWhereTheTrueOneIsZeroIsNamed() {
            Diagnosis d = only(report(node("v", Shape.of(3), new double[] {1, 2, 3}, new double[3])), "v");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.NONZERO_WHERE_ZERO);
            assertThat(d.sentence()).contains("has a gradient where the true gradient is 0");
        }

        @Test
        void oneWrongRowIsNamedWithTheRelationThere() {
            double[] analytic = MEASURED.clone();
            for (int j = 0; j < 3; j++) {
                analytic[3 + j] *= 2;
            }
            Diagnosis d = only(report(node("W", SQUARE, analytic, MEASURED)), "W");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.SOME_ELEMENTS);
            assertThat(d.sentence()).isEqualTo("only 3 of 9 elements of 'W' are wrong: row 1 (all of it);"
                    + " there, analytic = 2 × numeric");
        }

        @Test
        void oneWrongColumnIsNamed() {
            double[] analytic = MEASURED.clone();
            analytic[2] = 7;
            analytic[8] = -7;
            Diagnosis d = only(report(node("W", SQUARE, analytic, MEASURED)), "W");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.SOME_ELEMENTS);
            assertThat(d.sentence()).contains("only 2 of 9 elements").contains("2 elements of column 2: [0,2], [2,2]");
        }

        @Test
        void theDiagonalIsNamed() {
            double[] analytic = MEASURED.clone();
            analytic[0] = -analytic[0];
            analytic[4] = -analytic[4];
            analytic[8] = -analytic[8];
            Diagnosis d = only(report(node("W", SQUARE, analytic, MEASURED)), "W");
            assertThat(d.sentence()).contains("the diagonal (all of it); there, analytic = -1 × numeric (a flipped sign)");
        }

        @Test
        void oneElementIsNamed() {
            double[] analytic = MEASURED.clone();
            analytic[5] = 100;
            Diagnosis d = only(report(node("W", SQUARE, analytic, MEASURED)), "W");
            assertThat(d.sentence()).startsWith("only 1 of 9 elements of 'W' are wrong: one element, [1,2]");
        }

        @Test
        void aPartialZeroIsAMissingTermAtThoseElements() {
            double[] analytic = MEASURED.clone();
            analytic[0] = 0;
            analytic[1] = 0;
            Diagnosis d = only(report(node("W", SQUARE, analytic, MEASURED)), "W");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.ZERO_WHERE_NONZERO);
            assertThat(d.sentence()).contains("at 2 of 9 elements (2 elements of row 0: [0,0], [0,1])");
        }
    }

    @Nested
    class Routing {

        @Test
        void aGradientEqualToAnotherNodesMeasuredGradientIsMisrouted() {
            double[] a = {0.5, -1.5, 2.0};
            double[] b = {3.0, 0.25, -0.75};
            GradientReport r = report(node("a", Shape.of(3), b, a), node("b", Shape.of(3), b, b));
            Diagnosis d = only(r, "a");
            assertThat(d.kind()).isEqualTo(DiagnosisKind.WRONG_ROUTING);
            assertThat(d.sentence()).contains("'a' received the gradient of 'b'");
        }

        @Test
        void aConsumersGradientIsNotMistakenForRouting() {
            double[] a = {0.5, -1.5, 2.0};
            double[] b = {3.0, 0.25, -0.75};
            GradientReport r = report(node("a", Shape.of(3), b, a, "b"), node("b", Shape.of(3), b, b));
            assertThat(only(r, "a").kind()).isEqualTo(DiagnosisKind.NO_SIMPLE_PATTERN);
        }
    }

    @Test
    void consequencesAreDiagnosedAndMarked() {
        GradientReport r = report(node("W", SQUARE, times(-1, MEASURED), MEASURED),
                node("V", SQUARE, times(2, MEASURED), MEASURED));
        Diagnoses all = Diagnoses.of(r);
        assertThat(all.all()).extracting(Diagnosis::node, Diagnosis::origin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("W", true),
                        org.assertj.core.groups.Tuple.tuple("V", false));
        assertThat(all.evaluations()).isZero();
        assertThat(all.toString()).contains("WRONG_SIGN: 'W' has the wrong sign");
    }
}
