package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.TestSubjects.POINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.model.SubjectException;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class GradientSoftAssertionsTests {

    @Test
    void collectsEveryFailureAndReportsThemTogether() {
        GradientSoftAssertions softly = new GradientSoftAssertions();

        softly.assertThat(WorkedExample.traced(true)).at(POINT).hasCorrectGradients();
        softly.assertThat(WorkedExample.traced(false)).at(POINT).hasCorrectGradients();
        softly.assertThat(WorkedExample.function(true)).at(POINT).hasCorrectGradients();

        assertThat(softly.errorsCollected()).hasSize(2);
        assertThat(softly.errorsCollected().get(0)).hasMessageContaining("(node 'den' is the first wrong node):");
        assertThat(softly.errorsCollected().get(1))
                .hasMessageContaining("Expecting subject 'worked example (function, broken invden)'");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(softly::assertAll)
                .withMessageContaining("Multiple Failures (2 failures)")
                .withMessageContaining("worked example (traced, broken invden)")
                .withMessageContaining("worked example (function, broken invden)");
    }

    @Test
    void keepsCheckingAfterAFailureInTheSameChain() {
        GradientSoftAssertions softly = new GradientSoftAssertions();

        softly.assertThat(WorkedExample.graph(true)).at(POINT).hasCorrectGradients().hasWrongGradientAt("den")
                .hasWrongGradientAt("x");

        assertThat(softly.errorsCollected()).hasSize(2);
        assertThat(softly.errorsCollected().get(1)).hasMessageContaining("to have a wrong gradient starting at node 'x'");
    }

    @Test
    void softReportAssertionsToo() {
        GradientSoftAssertions softly = new GradientSoftAssertions();

        softly.assertThat(GradCheck.check(WorkedExample.graph(true), POINT)).isCorrect().blames("den").blames("num");

        assertThat(softly.errorsCollected()).hasSize(2);
    }

    @Test
    void assertSoftlyPassesWhenAllPass() {
        assertThatNoException().isThrownBy(() -> GradientSoftAssertions.assertSoftly(s -> {
            s.assertThat(WorkedExample.traced(false)).at(POINT).hasCorrectGradients();
            s.assertThat(WorkedExample.graph(false)).at(POINT).hasCorrectGradients();
        }));
    }

    @Test
    void aProblemWithTheSubjectIsNotCollectedButThrown() {
        GradientSoftAssertions softly = new GradientSoftAssertions();

        assertThatExceptionOfType(SubjectException.class).isThrownBy(
                () -> softly.assertThat(TestSubjects.backwardReturningNull()).at("x", 1.0).hasCorrectGradients());
    }

    /** AssertJ's standard soft assertions and gradcheck's in one object. */
    public static class MixedSoftAssertions extends SoftAssertions implements GradientSoftAssertionsProvider {
    }

    @Test
    void mixesIntoAssertJsOwnSoftAssertions() {
        MixedSoftAssertions softly = new MixedSoftAssertions();

        softly.assertThat(1 + 1).isEqualTo(3);
        softly.assertThat(WorkedExample.traced(true)).at(POINT).hasCorrectGradients();

        assertThat(softly.errorsCollected()).hasSize(2);
    }

    @Test
    void worksWithTheSoftAssertionsExtension() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ExtensionTestCases.class))
                .execute().testEvents();

        tests.assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(tests.failed().list().get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow())
                .hasMessageContaining("Multiple Failures (2 failures)")
                .hasMessageContaining("(node 'den' is the first wrong node)");
    }

    @ExtendWith(SoftAssertionsExtension.class)
    static class ExtensionTestCases {

        @InjectSoftAssertions
        GradientSoftAssertions softly;

        @Test
        void twoBrokenSubjects() {
            softly.assertThat(WorkedExample.traced(true)).at(POINT).hasCorrectGradients();
            softly.assertThat(WorkedExample.graph(true)).at(POINT).hasCorrectGradients();
        }

        @Test
        void rightSubject() {
            softly.assertThat(WorkedExample.graph(false)).at(POINT).hasCorrectGradients();
        }
    }
}
