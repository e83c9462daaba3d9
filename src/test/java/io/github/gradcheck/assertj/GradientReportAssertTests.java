package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static io.github.gradcheck.assertj.TestSubjects.POINT;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.model.Point;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class GradientReportAssertTests {

    private static final GradientReport RIGHT = GradCheck.check(WorkedExample.graph(false), POINT);
    private static final GradientReport BROKEN = GradCheck.check(WorkedExample.graph(true), POINT);

    @Test
    void aCorrectReportIsCorrect() {
        assertThatNoException().isThrownBy(() -> assertThat(RIGHT).isCorrect().hasVerdict(Verdict.PASS));
    }

    @Test
    void aWrongReportIsNotCorrectAndSaysWhereTheErrorStarts() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(BROKEN).isCorrect())
                .withMessageStartingWith("\nExpecting subject 'worked example (graph, broken invden)' to have correct"
                        + " gradients at:\n  x = 3.0, y = -4.0\nbut the backward of op 'invden' with respect to argument 0 ('den') is wrong"
                        + " (node 'den' is the first wrong node):\n")
                .withMessageContaining("edge:  the backward of op 'invden' with respect to argument 0 ('den') is WRONG");
    }

    @Test
    void aWrongVerdictFailsWithActualAndExpectedForTheIde() {
        assertThatExceptionOfType(AssertionFailedError.class)
                .isThrownBy(() -> assertThat(BROKEN).hasVerdict(Verdict.PASS))
                .withMessageContaining("to have verdict PASS at:\n  x = 3.0, y = -4.0\nbut it was FAIL:")
                .satisfies(e -> {
                    org.assertj.core.api.Assertions.assertThat(e.getExpected().getValue()).isEqualTo(Verdict.PASS);
                    org.assertj.core.api.Assertions.assertThat(e.getActual().getValue()).isEqualTo(Verdict.FAIL);
                });
    }

    @Test
    void blamesTheOriginAndTheBrokenEdge() {
        assertThatNoException().isThrownBy(() -> assertThat(BROKEN).hasVerdict(Verdict.FAIL).blames("den")
                .blamesEdge("den", "invden").hasCorrectGradientAt("num"));
    }

    @Test
    void doesNotBlameAConsequence() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(BROKEN).blames("xpy"))
                .withMessageContaining("but node 'xpy' is wrong only as a consequence of a wrong gradient that starts"
                        + " at node 'den':");
    }

    @Test
    void blamesEdgeListsTheEdgesThatWereChecked() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(BROKEN).blamesEdge("xpy", "xpysqr"))
                .withMessageContaining("to have a wrong backward of 'xpysqr' with respect to 'xpy' at:")
                .withMessageContaining("but the local check of that edge is ok");
    }

    @Test
    void blamesEdgeSaysWhenNoEdgesWereChecked() {
        GradientReport traced = GradCheck.check(WorkedExample.traced(true), POINT);

        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(traced).blamesEdge("den", "invden"))
                .withMessageContaining("but the blame checked no edges");
    }

    @Test
    void anInconclusiveReportIsNotCorrectButNotWrong() {
        GradientReport inconclusive = GradCheck.check(TestSubjects.staircase(), Point.of("x", 1.0));

        assertThatNoException().isThrownBy(() -> assertThat(inconclusive).hasVerdict(Verdict.INCONCLUSIVE));
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(inconclusive).isCorrect())
                .withMessageContaining("but the check was inconclusive at that point");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(inconclusive).blames("x"))
                .withMessageContaining("but no gradient was found wrong (the check was inconclusive at node 'x';"
                        + " choose another point):");
    }

    @Test
    void anUnknownNodeIsAnError() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> assertThat(BROKEN).hasCorrectGradientAt("nun"))
                .withMessageContaining("has no checked node named 'nun'; its checked nodes are [f, invden, den,");
    }

    @Test
    void aNullReportFailsAsInAssertJ() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat((GradientReport) null).isCorrect())
                .withMessageContaining("Expecting actual not to be null");
    }
}
