package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static io.github.gradcheck.junit.GradientCheckTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.input.Domain;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.FunctionSubject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Under {@code @GradientCheck}, whatever the subject throws (an {@link Error} included) fails the
 * test with a message that names the subject and the node and carries the point and the seed;
 * and time limits of any size, from the annotation or the build, are accepted.
 */
class HostileSubjectsUnderGradientCheckTests {

    @TempDir
    Path output;

    @Test
    void anErrorFromTheSubjectFailsTheTestWithTheSubjectTheNodeThePointAndTheSeed() {
        EngineExecutionResults results = run(output, HostileTestCases.class, "throwsAnError");
        GradientCheckFailure failure = onlyFailure(results);
        assertThat(failure.getMessage())
                .contains("the subject failed: subject 'boom', node 'output': the forward threw java.lang.Error: boom")
                .contains("failing input")
                .contains("seed: 42");
        assertThat(failure.getCause()).isInstanceOf(SubjectException.class).hasRootCauseInstanceOf(Error.class);
        assertThat(failure.firstPoint()).isPresent();
    }

    @Test
    void timeLimitsTooLongToCountInNanosecondsAreAcceptedFromTheAnnotationAndTheBuild() {
        assertThat(run(output, HostileTestCases.class, "hugeLimitOnTheAnnotation").testEvents().succeeded().count())
                .isEqualTo(1);
        for (String limit : new String[] {"1e308s", "3000000h"}) {
            EngineExecutionResults results = run(output, Map.of(GradientCheck.TIME_LIMIT_PARAMETER, limit),
                    HostileTestCases.class, "limitFromTheBuild");
            assertThat(results.testEvents().succeeded().count()).as("gradcheck.timeLimit=%s", limit).isEqualTo(1);
        }
    }

    @Test
    void anErrorFromAPointSourceFailsTheTestSayingSo() {
        String message = GradientCheckTestKit.onlyFailureMessage(run(output, HostileTestCases.class,
                "pointSourceThrowsAnError"));
        assertThat(message).contains("the point source").contains("threw while drawing the point:"
                + " java.lang.Error: no points today").contains("seed: 7");
    }

    static FunctionSubject square(String name) {
        return FunctionSubject.of(name, in -> in.scalar("x") * in.scalar("x"),
                (in, out, g) -> 2 * in.scalar("x") * g.asScalar());
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class HostileTestCases {
        @GradientCheck(tries = 5, seed = 42)
        void throwsAnError(CheckSpec check) {
            check.subject(FunctionSubject.of("boom", in -> {
                if (in.scalar("x") > 0.25) {
                    throw new Error("boom");
                }
                return in.scalar("x");
            }, (in, out, g) -> g.asScalar())).input("x", Domain.uniform(0.5, 1).withoutEdgeValues());
        }

        @GradientCheck(tries = 3, timeLimit = "3000000h")
        void hugeLimitOnTheAnnotation(CheckSpec check) {
            check.subject(square("square")).input("x", Domain.uniform(-1, 1));
        }

        @GradientCheck(tries = 3, seed = 7)
        void pointSourceThrowsAnError(CheckSpec check) {
            check.subject(square("square")).points((i, random) -> {
                throw new Error("no points today");
            });
        }

        @GradientCheck(tries = 3)
        void limitFromTheBuild(CheckSpec check) {
            check.subject(square("square")).input("x", Domain.uniform(-1, 1));
        }
    }
}
