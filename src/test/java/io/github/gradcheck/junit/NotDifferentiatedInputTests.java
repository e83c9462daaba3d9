package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static io.github.gradcheck.junit.GradientCheckTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.input.Domain;
import io.github.gradcheck.input.InputSpace;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Random inputs that are not differentiated: a regression target drawn at each try, shown in the failure. */
class NotDifferentiatedInputTests {

    @TempDir
    Path output;

    /** The squared error ½‖x − y‖² with the target y; the broken backward uses x + y. */
    static Subject squaredError(boolean broken) {
        return FunctionSubject.of("squared error" + (broken ? " (broken)" : ""),
                in -> {
                    double[] x = in.vector("x");
                    double[] y = in.vector("y");
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        s += 0.5 * (x[i] - y[i]) * (x[i] - y[i]);
                    }
                    return s;
                },
                (in, out, g) -> {
                    double[] x = in.vector("x");
                    double[] y = in.vector("y");
                    double[] dx = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        dx[i] = g.asScalar() * (broken ? x[i] + y[i] : x[i] - y[i]);
                    }
                    return new Object[] {dx, null};
                });
    }

    @Test
    void aNotDifferentiatedDomainDrawsAConstantInputAnewAtEachTry() {
        Domain target = Domain.uniform(-1, 1).vector(3).notDifferentiated();
        InputSpace space = InputSpace.builder().input("x", Domain.uniform(-2, 2).vector(3)).input("y", target).build();
        SplittableRandom random = new SplittableRandom(5);
        Set<Object> drawn = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            Point p = space.point(i, random);
            assertThat(p.isConstant("y")).isTrue();
            assertThat(p.isConstant("x")).isFalse();
            assertThat(target.contains(p.get("y"))).isTrue();
            drawn.add(p.get("y"));
        }
        assertThat(drawn).hasSize(5);
        assertThat(target.isConstant()).isTrue();
        assertThat(target.isFixed()).isFalse();
        assertThat(target).hasToString("uniform(-1.0, 1.0).notDifferentiated().vector(3)");
        assertThat(Domain.integers(0, 3).notDifferentiated()).hasToString("integers(0, 3)");
    }

    @Test
    void aRightSubjectPassesAtEveryDrawnTarget() {
        run(output, TargetTestCases.class, "right").testEvents().assertStatistics(s -> s.succeeded(1));
    }

    @Test
    void aFailureShowsTheTargetAsFirstDrawnAndAsShrunk() {
        EngineExecutionResults results = run(output, TargetTestCases.class, "broken");
        GradientCheckFailure failure = onlyFailure(results);

        assertThat(failure.firstPoint().orElseThrow().isConstant("y")).isTrue();
        assertThat(failure.shrunkPoint().orElseThrow().has("y")).isTrue();
        assertThat(failure.shrunkPoint().orElseThrow().isConstant("y")).isTrue();
        assertThat(failure.getMessage()).containsPattern("y = \\[[^\\]]*\\] \\(constant\\)")
                .contains("the gradient of input 'x' is wrong");
    }

    @Test
    void integerTokensStayAnIntArrayWhenTheFailingPointIsShrunk() {
        GradientCheckFailure failure = onlyFailure(run(output, TargetTestCases.class, "brokenEmbedding"));

        assertThat(failure.firstPoint().orElseThrow().get("x").isInteger()).isTrue();
        assertThat(failure.shrunkPoint().orElseThrow().get("x").isInteger()).isTrue();
        assertThat(failure.getMessage()).contains("the backward of layer 'embed' with respect to argument 1 ('embed.E') is wrong")
                .containsPattern("x = \\[\\d, \\d, \\d, \\d, \\d, \\d\\] \\(constant\\)");
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class TargetTestCases {
        @GradientCheck(tries = 10, seed = 3)
        void brokenEmbedding(CheckSpec check) {
            check.subject(io.github.gradcheck.examples.library.LibraryLayers.embedding(
                    new io.github.gradcheck.examples.library.EmbeddingLibrary(3, 2, 11, true)))
                 .input("x", Domain.integers(0, 2).vector(6));
        }

        @GradientCheck(tries = 10, seed = 3)
        void right(CheckSpec check) {
            check.subject(squaredError(false))
                 .input("x", Domain.uniform(-2, 2).vector(3))
                 .input("y", Domain.uniform(-1, 1).vector(3).notDifferentiated());
        }

        @GradientCheck(tries = 10, seed = 3)
        void broken(CheckSpec check) {
            check.subject(squaredError(true))
                 .input("x", Domain.uniform(-2, 2).vector(3))
                 .input("y", Domain.uniform(-1, 1).vector(3).notDifferentiated());
        }
    }
}
