package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static io.github.gradcheck.assertj.TestSubjects.POINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SubjectAssertTests {

    private static final Subject RIGHT = WorkedExample.traced(false);
    private static final Subject BROKEN = WorkedExample.traced(true);

    @Nested
    class HasCorrectGradients {

        @Test
        void passesForTheWorkedExampleInEveryStyle() {
            assertThatNoException().isThrownBy(() -> {
                assertThat(WorkedExample.traced(false)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
                assertThat(WorkedExample.graph(false)).at(POINT).hasCorrectGradients();
                assertThat(WorkedExample.function(false)).at(POINT).hasCorrectGradients();
            });
        }

        @Test
        void failsWithTheBlameAndThePerNodeReport() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(BROKEN).at("x", 3.0, "y", -4.0).hasCorrectGradients())
                    .withMessageStartingWith("\nExpecting subject 'worked example (traced, broken invden)'"
                            + " to have correct gradients at:\n"
                            + "  x = 3.0, y = -4.0\n"
                            + "but the backward rule that maps d(invden) to d(den) is wrong"
                            + " (node 'den' is the first wrong node):\n"
                            + "gradcheck: subject 'worked example (traced, broken invden)' at x = 3.0, y = -4.0\n")
                    .withMessageContaining("node    kind")
                    .withMessageContaining("WRONG (analytic = -1 × numeric)")
                    .withMessageContaining("blame: 'den' is the first node whose gradient is wrong")
                    .withMessageContaining("seed: ");
        }

        @Test
        void failureMessageIsTheRenderedReportAfterTheHeader() {
            String report = GradCheck.describe(GradCheck.check(BROKEN, POINT)).stripTrailing();

            AssertionError error = org.assertj.core.api.Assertions.catchThrowableOfType(AssertionError.class,
                    () -> assertThat(BROKEN).at(POINT).hasCorrectGradients());

            assertThat(error.getMessage()).endsWith(":\n" + report);
        }

        @Test
        void failureMessageStartsWithTheDescription() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(BROKEN).as("invden layer").at(POINT).hasCorrectGradients())
                    .withMessageStartingWith("[invden layer] \nExpecting subject");
        }

        @Test
        void aPercentSignInTheSubjectNameDoesNotBreakTheMessage() {
            Subject broken = FunctionSubject.of("50% of x", in -> 0.5 * in.scalar("x"), (in, out, g) -> g.asScalar());

            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(broken).at("x", 1.0).hasCorrectGradients())
                    .withMessageContaining("Expecting subject '50% of x' to have correct gradients at:\n  x = 1.0\n"
                            + "but the gradient of input 'x' is wrong (node 'x' is the first wrong node):");
        }

        @Test
        void anInconclusiveCheckIsNotReportedAsAWrongGradient() {
            assertThat(GradCheck.check(TestSubjects.staircase(), Point.of("x", 1.0)).verdict())
                    .as("precondition: the staircase is too noisy to decide at x = 1")
                    .isEqualTo(Verdict.INCONCLUSIVE);

            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(TestSubjects.staircase()).at("x", 1.0).hasCorrectGradients())
                    .withMessageContaining("Expecting subject 'staircase' to have correct gradients at:\n  x = 1.0\n"
                            + "but the check was inconclusive at that point: the measurement was too coarse to decide"
                            + " at node 'x' and no gradient was found wrong.\nChoose another point")
                    .withMessageNotContaining("first wrong node");
        }

        @Test
        void aProblemWithTheSubjectPropagatesUnchanged() {
            assertThatExceptionOfType(SubjectException.class)
                    .isThrownBy(() -> assertThat(TestSubjects.backwardReturningNull()).at("x", 2.0).hasCorrectGradients())
                    .withMessageStartingWith("subject 'returns null'")
                    .withMessageContaining("returned null");
        }

        @Test
        void aNullSubjectFailsAsInAssertJ() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat((Subject) null).at(POINT).hasCorrectGradients())
                    .withMessageContaining("Expecting actual not to be null");
        }
    }

    @Nested
    class HasNoWrongGradients {

        @Test
        void passesWhenTheCheckIsInconclusive() {
            assertThatNoException().isThrownBy(
                    () -> assertThat(TestSubjects.staircase()).at("x", 1.0).hasNoWrongGradients());
        }

        @Test
        void failsWhenAGradientIsWrong() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(BROKEN).at(POINT).hasNoWrongGradients())
                    .withMessageContaining("to have no wrong gradients at:\n  x = 3.0, y = -4.0\n"
                            + "but the backward rule that maps d(invden) to d(den) is wrong"
                            + " (node 'den' is the first wrong node):");
        }
    }

    @Nested
    class HasWrongGradientAt {

        @Test
        void passesAtTheNodeWhereTheErrorStarts() {
            assertThatNoException().isThrownBy(() -> assertThat(BROKEN).at(POINT).hasWrongGradientAt("den"));
        }

        @Test
        void failsAtANodeThatIsWrongOnlyAsAConsequence() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(BROKEN).at(POINT).hasWrongGradientAt("x"))
                    .withMessageContaining("to have a wrong gradient starting at node 'x' at:\n  x = 3.0, y = -4.0\n"
                            + "but node 'x' is wrong only as a consequence of a wrong gradient that starts at node 'den':");
        }

        @Test
        void failsAtARightNode() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(BROKEN).at(POINT).hasWrongGradientAt("num"))
                    .withMessageContaining("but node 'num' is right; the first wrong node is 'den':");
        }

        @Test
        void failsWhenEveryGradientIsRight() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(RIGHT).at(POINT).hasWrongGradientAt("den"))
                    .withMessageContaining("but every claimed gradient is correct:")
                    .withMessageContaining("verdict: ok");
        }

        @Test
        void namesTheNodesWhenTheNodeIsUnknown() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> assertThat(BROKEN).at(POINT).hasWrongGradientAt("dden"))
                    .withMessage("subject 'worked example (traced, broken invden)' has no checked node named 'dden';"
                            + " its checked nodes are [f, invden, den, xpysqr, xpy, sigx, num, sigy, y, x]");
        }
    }

    @Nested
    class HasCorrectGradientAt {

        @Test
        void passesAtARightNodeOfABrokenSubject() {
            assertThatNoException().isThrownBy(
                    () -> assertThat(BROKEN).at(POINT).hasCorrectGradientAt("num").hasCorrectGradientAt("invden"));
        }

        @Test
        void failsAtTheOriginWithTheClaimedAndMeasuredValues() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(BROKEN).at(POINT).hasCorrectGradientAt("den"))
                    .withMessageContaining("to have a correct gradient at node 'den' at:\n  x = 3.0, y = -4.0\n"
                            + "but it is wrong (claimed 0.7915934472725935, measured -0.79159344727")
                    .withMessageContaining(" at den): a wrong gradient starts there:");
        }

        @Test
        void failsAtAConsequenceNamingTheOrigin() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(BROKEN).at(POINT).hasCorrectGradientAt("x"))
                    .withMessageContaining("but it is wrong (claimed -1.0352808978929018, measured 2.05956979557")
                    .withMessageContaining(" at x), only as a consequence: the first wrong node is 'den':");
        }
    }

    @Nested
    class Options {

        /** The engine runs the forward more than once per check (it checks determinism); count it. */
        int forwardsPerCheck(io.github.gradcheck.subject.Subject subject) {
            TestSubjects.Counting counting = new TestSubjects.Counting(subject);
            io.github.gradcheck.GradCheck.check(counting, POINT);
            return counting.forwards.get();
        }

        @Test
        void aChainOfAssertionsRunsOneCheck() {
            TestSubjects.Counting counting = new TestSubjects.Counting(BROKEN);

            assertThat(counting).at(POINT).hasWrongGradientAt("den").hasCorrectGradientAt("num")
                    .hasCorrectGradientAt("f");

            assertThat(counting.forwards).as("forward passes of the subject").hasValue(forwardsPerCheck(BROKEN));
        }

        @Test
        void changingThePointRunsAnotherCheck() {
            TestSubjects.Counting counting = new TestSubjects.Counting(RIGHT);

            assertThat(counting).at(POINT).hasCorrectGradients().at("x", 1.0, "y", 2.0).hasCorrectGradients();

            assertThat(counting.forwards).hasValue(2 * forwardsPerCheck(RIGHT));
        }

        @Test
        void theSeedIsUsedAndPrinted() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(TestSubjects.vectorWithWrongSecondRow()).withSeed(42)
                            .at("x", new double[] {1.5, -0.5}).hasCorrectGradients())
                    .withMessageContaining("seed: 42 (used for the random output cotangent)");
        }

        @Test
        void theFullJacobianChecksEveryOutputComponent() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(TestSubjects.vectorWithWrongSecondRow()).withFullJacobian()
                            .at("x", new double[] {1.5, -0.5}).hasCorrectGradients())
                    .withMessageContaining("[1] out1")
                    .withMessageContaining("(no randomness was used)");
        }

        @Test
        void optionsCanBeGivenWhole() {
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(TestSubjects.vectorWithWrongSecondRow())
                            .withOptions(CheckOptions.defaults().withSeed(7))
                            .withTolerance(TolerancePolicy.defaults())
                            .at("x", new double[] {1.5, -0.5}).hasCorrectGradients())
                    .withMessageContaining("seed: 7");
        }
    }

    @Nested
    class Misuse {

        @Test
        void assertingBeforeAtSaysWhatToDo() {
            assertThatIllegalStateException()
                    .isThrownBy(() -> assertThat(RIGHT).hasCorrectGradients())
                    .withMessageContaining("no point to check subject 'worked example (traced)' at: call at(...)");
        }

        @Test
        void namesAndValuesMustAlternate() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> assertThat(RIGHT).at("x", 3.0, "y").hasCorrectGradients())
                    .withMessageContaining("pairs of name and value");
        }

        @Test
        void nullArgumentsAreNamed() {
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> assertThat(RIGHT).at((Point) null))
                    .withMessage("the point to check at must not be null");
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> assertThat(RIGHT).withTolerance(null))
                    .withMessage("the tolerance policy must not be null");
        }
    }
}
