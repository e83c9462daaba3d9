package io.github.gradcheck.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Linearity;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.FunctionSubject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The backward runs again after the first claims only to be compared with them (reentrancy,
 * linearity, rounding); those extra claims are read where the user's code returned them, element
 * by element, and dropped. A backward that is not reentrant or not linear in its cotangent is
 * still caught and named as before; one that reuses its output array is read before the array is
 * reused, and the user's arrays are never written.
 */
class StreamedClaimsTests {

    private static final double[] X = {0.3, -1.2, 2.5, 0.8, -0.4, 1.9};

    private static Point point() {
        return Point.of("x", X.clone());
    }

    /** f(x) = Σ sin xᵢ, with the backward given. */
    private static FunctionSubject sumOfSines(String name, io.github.gradcheck.subject.BackwardFunction backward) {
        return FunctionSubject.of(name, in -> {
            Value x = in.value("x");
            double s = 0;
            for (int i = 0; i < x.size(); i++) {
                s += Math.sin(x.get(i));
            }
            return s;
        }, backward);
    }

    @Test
    void aBackwardThatAccumulatesIntoItsOwnBufferIsNotReentrantAndTheMessageNamesTheElement() {
        double[] buffer = new double[X.length];
        FunctionSubject accumulating = sumOfSines("Σ sin x, dx += ...", (in, out, g) -> {
            Value x = in.value("x");
            for (int i = 0; i < buffer.length; i++) {
                buffer[i] += g.asScalar() * Math.cos(x.get(i)); // never zeroed
            }
            return buffer;
        });

        assertThatThrownBy(() -> new GradientChecker().check(accumulating, point()))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("the backward is not reentrant: called twice with the same cotangent")
                .hasMessageContaining("for 'x' at element [")
                .hasMessageContaining("accumulates into state that is not reset");
    }

    @Test
    void aBackwardThatIgnoresItsCotangentIsNamedOnTheNodeAndDiagnosed() {
        FunctionSubject ignoring = sumOfSines("Σ sin x, gOut ignored", (in, out, g) -> {
            Value x = in.value("x");
            double[] d = new double[x.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.cos(x.get(i));
            }
            return d;
        });

        GradientReport report = new GradientChecker().check(ignoring, point());

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.node("x").orElseThrow().linearity())
                .hasValueSatisfying(l -> assertThat(l.kind()).isEqualTo(Linearity.Kind.IGNORES_UPSTREAM));
        assertThat(Diagnoses.of(report).forNode("x").orElseThrow().kind()).isEqualTo(DiagnosisKind.IGNORES_UPSTREAM);
    }

    @Test
    void aBackwardNotLinearInItsCotangentIsNamedOnTheNode() {
        FunctionSubject squared = sumOfSines("Σ sin x, gOut squared", (in, out, g) -> {
            Value x = in.value("x");
            double[] d = new double[x.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = g.asScalar() * g.asScalar() * Math.cos(x.get(i));
            }
            return d;
        });

        GradientReport report = new GradientChecker().check(squared, point());

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.node("x").orElseThrow().linearity())
                .hasValueSatisfying(l -> assertThat(l.kind()).isEqualTo(Linearity.Kind.NOT_LINEAR));
    }

    @Test
    void aBackwardThatReusesItsOutputArrayIsReadBeforeTheArrayIsReusedAndPasses() {
        // a vector output: its linearity is checked at two cotangents at once (a split), so the
        // claims at the first must not be a view of the array the second call overwrites
        double[] reused = new double[X.length];
        FunctionSubject sines = FunctionSubject.of("sin x, one gradient buffer", in -> {
            Value x = in.value("x");
            double[] y = new double[x.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.sin(x.get(i));
            }
            return y;
        }, (in, out, g) -> {
            Value x = in.value("x");
            for (int i = 0; i < reused.length; i++) {
                reused[i] = g.get(i) * Math.cos(x.get(i));
            }
            return reused;
        });

        GradientReport report = new GradientChecker().check(sines, point());

        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.node("x").orElseThrow().linearity()).hasValueSatisfying(l -> assertThat(l.linear()).isTrue());
    }

    @Test
    void theArraysTheBackwardReturnedAreNeverWritten() {
        List<double[]> returned = new ArrayList<>();
        List<double[]> asReturned = new ArrayList<>();
        FunctionSubject recording = sumOfSines("Σ sin x, returns recorded", (in, out, g) -> {
            Value x = in.value("x");
            double[] d = new double[x.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = g.asScalar() * Math.cos(x.get(i));
            }
            returned.add(d);
            asReturned.add(d.clone());
            return d;
        });

        GradientReport report = new GradientChecker().check(recording, point());

        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(returned).hasSizeGreaterThanOrEqualTo(4); // first, reentrancy, linearity, rounding
        for (int k = 0; k < returned.size(); k++) {
            assertThat(Arrays.equals(returned.get(k), asReturned.get(k))).as("array of call %d", k).isTrue();
        }
    }

    @Test
    void aBackwardReturningAnArrayOfTheWrongLengthOnASecondCallGetsTheSameErrorAsOnTheFirst() {
        int[] calls = {0};
        FunctionSubject shrinking = sumOfSines("Σ sin x, short on its second call", (in, out, g) -> {
            Value x = in.value("x");
            double[] d = new double[calls[0]++ == 0 ? x.size() : x.size() - 1];
            for (int i = 0; i < d.length; i++) {
                d[i] = g.asScalar() * Math.cos(x.get(i));
            }
            return d;
        });

        assertThatThrownBy(() -> new GradientChecker().check(shrinking, point()))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("the backward's gradient for argument 0 ('x') has shape [5] but 'x' has shape [6]");
    }

    /** f(W) = Σ sin wᵢⱼ over a 3×4 matrix, with the backward given. */
    private static FunctionSubject sumOfSinesOfMatrix(String name, io.github.gradcheck.subject.BackwardFunction backward) {
        return FunctionSubject.of(name, in -> {
            double[][] w = in.matrix("w");
            double s = 0;
            for (double[] row : w) {
                for (double v : row) {
                    s += Math.sin(v);
                }
            }
            return s;
        }, backward);
    }

    private static Point matrixPoint() {
        double[][] w = new double[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                w[i][j] = 0.3 * i - 0.7 * j + 0.1;
            }
        }
        return Point.of("w", w);
    }

    @Test
    void aMatrixGradientReadInPlaceIsComparedRowByRow() {
        double[][] buffer = new double[3][4];
        FunctionSubject accumulating = sumOfSinesOfMatrix("Σ sin W, dW += ...", (in, out, g) -> {
            double[][] w = in.matrix("w");
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    buffer[i][j] += g.asScalar() * Math.cos(w[i][j]);
                }
            }
            return buffer;
        });
        FunctionSubject right = sumOfSinesOfMatrix("Σ sin W", (in, out, g) -> {
            double[][] w = in.matrix("w");
            double[][] d = new double[3][4];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    d[i][j] = g.asScalar() * Math.cos(w[i][j]);
                }
            }
            return d;
        });
        FunctionSubject ignoring = sumOfSinesOfMatrix("Σ sin W, gOut ignored", (in, out, g) -> {
            double[][] w = in.matrix("w");
            double[][] d = new double[3][4];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    d[i][j] = Math.cos(w[i][j]);
                }
            }
            return d;
        });

        assertThatThrownBy(() -> new GradientChecker().check(accumulating, matrixPoint()))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("the backward is not reentrant")
                .hasMessageContaining("for 'w' at element [");
        assertThat(new GradientChecker().check(right, matrixPoint()).verdict()).isEqualTo(Verdict.PASS);
        GradientReport wrong = new GradientChecker().check(ignoring, matrixPoint());
        assertThat(wrong.node("w").orElseThrow().linearity())
                .hasValueSatisfying(l -> assertThat(l.kind()).isEqualTo(Linearity.Kind.IGNORES_UPSTREAM));
    }
}
