package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailureMessage;
import static io.github.gradcheck.junit.GradientCheckTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.subject.FunctionSubject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The per-point time limit of {@code @GradientCheck}: from the annotation or the build, with a clear failure. */
class GradientCheckTimeLimitTests {

    @TempDir
    Path output;

    @Test
    void aHangingForwardFailsTheTestAtTheTimeLimitNamingItAndHowToRaiseIt() {
        EngineExecutionResults results = run(output, HangingTestCases.class, "hangs");
        String message = onlyFailureMessage(results);
        assertThat(message).contains("subject 'hangs'")
                .contains("the check exceeded its time limit of 200 ms while running the forward at the checked point")
                .contains("@GradientCheck(timeLimit = ")
                .containsPattern("seed: -?\\d+");

        GradientCheckFailure failure = onlyFailure(results);
        assertThat(failure.getCause()).isInstanceOfSatisfying(CheckAbortedException.class,
                e -> assertThat(e.reason()).isEqualTo(CheckAbortedException.Reason.TIME_LIMIT));
        assertThat(failure.firstPoint()).isPresent();
        assertThat(failure.shrunkPoint()).as("not shrunk").isEqualTo(failure.firstPoint());
        assertThat(failure.shrunkReport()).isEmpty();
        assertThat(failure.tryNumber()).isEqualTo(1);
    }

    @Test
    void theTimeLimitCanComeFromTheBuild() {
        String message = onlyFailureMessage(run(output, Map.of(GradientCheck.TIME_LIMIT_PARAMETER, "300ms"),
                HangingTestCases.class, "hangsWithTheBuildsLimit"));
        assertThat(message).contains("time limit of 300 ms");
    }

    @Test
    void anUnreadableTimeLimitIsAConfigurationErrorNamingTheMethod() {
        String message = onlyFailureMessage(run(output, HangingTestCases.class, "unreadableLimit"));
        assertThat(message).contains("Configuration error: @GradientCheck method")
                .contains("unreadableLimit")
                .contains("timeLimit = \"soon\" on the annotation")
                .contains("500ms, 30s, 2m or PT1M, or 'none'");
    }

    @Test
    void durationsAreReadInTheUsualForms() {
        assertThat(Settings.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Settings.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Settings.parseDuration("1.5 s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Settings.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Settings.parseDuration("2min")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Settings.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Settings.parseDuration("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Settings.parseDuration("none")).isEqualTo(Duration.ZERO);
        assertThat(Settings.parseDuration("soon")).isNull();
        assertThat(Settings.parseDuration("0.0001s")).as("too small to express is not 'no limit'").isNull();
        assertThat(Settings.parseDuration("NaNs")).isNull();
    }

    @Test
    void theAnnotationsLimitWinsOverTheSpecsOptions() {
        String message = onlyFailureMessage(run(output, HangingTestCases.class, "annotationOverSpecOptions"));
        assertThat(message).contains("time limit of 250 ms");
    }

    @Test
    void anInputDeclaredTwiceIsAConfigurationError() {
        String message = onlyFailureMessage(run(output, HangingTestCases.class, "inputTwice"));
        assertThat(message).contains("Configuration error: @GradientCheck method")
                .contains("declared input 'x' twice; declare each input once");
    }

    static FunctionSubject hanging(String name) {
        return FunctionSubject.of(name, in -> {
            Thread.sleep(600_000);
            return in.scalar("x");
        }, (in, out, g) -> g.asScalar());
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class HangingTestCases {
        @GradientCheck(tries = 3, timeLimit = "200ms")
        void hangs(CheckSpec check) {
            check.subject(hanging("hangs")).input("x", Domain.uniform(-1, 1));
        }

        @GradientCheck(tries = 3)
        void hangsWithTheBuildsLimit(CheckSpec check) {
            check.subject(hanging("hangs")).input("x", Domain.uniform(-1, 1));
        }

        @GradientCheck(tries = 3, timeLimit = "250ms")
        void annotationOverSpecOptions(CheckSpec check) {
            check.subject(hanging("hangs")).input("x", Domain.uniform(-1, 1))
                 .options(io.github.gradcheck.check.CheckOptions.defaults()
                         .withTimeLimit(Duration.ofMinutes(10)));
        }

        @GradientCheck(tries = 3)
        void inputTwice(CheckSpec check) {
            check.subject(hanging("never run")).input("x", Domain.uniform(-1, 1)).input("x", Domain.uniform(0, 1));
        }

        @GradientCheck(tries = 3, timeLimit = "soon")
        void unreadableLimit(CheckSpec check) {
            check.subject(hanging("never run")).input("x", Domain.uniform(-1, 1));
        }
    }
}
