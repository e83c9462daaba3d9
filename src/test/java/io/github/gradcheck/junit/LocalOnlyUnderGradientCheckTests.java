package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static io.github.gradcheck.junit.GradientCheckTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.GraphChecks;
import io.github.gradcheck.examples.network.Networks;
import io.github.gradcheck.input.Domain;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code @GradientCheck} with the op checks alone: the message names every broken layer, shrinking keeps them. */
class LocalOnlyUnderGradientCheckTests {

    @TempDir
    Path output;

    @ExtendWith(OnlyUnderTestKit.class)
    static class TestCases {
        @GradientCheck(tries = 5, seed = 3)
        void twoBrokenLayers(CheckSpec check) {
            check.subject(Networks.broken(Networks.Bug.TWO_BROKEN_LAYERS))
                 .input("x", Domain.uniform(-2, 2).shape(Networks.INPUTS))
                 .options(CheckOptions.defaults().withGraphChecks(GraphChecks.LOCAL));
        }
    }

    @Test
    void theFailureNamesBothBrokenLayersAtTheShrunkPoint() {
        GradientCheckFailure failure = onlyFailure(run(output, TestCases.class));
        GradientReport shrunk = failure.shrunkReport().orElseThrow();

        assertThat(shrunk.nodes()).isEmpty();
        assertThat(shrunk.whatIsWrong()).containsExactly(
                "the backward of layer 'SoftmaxCrossEntropy' with respect to argument 0 ('Dense#2') is wrong",
                "the backward of layer 'Dense#2' with respect to argument 0 ('Tanh') is wrong");
        assertThat(failure.getMessage())
                .contains("are WRONG; the backward of layer 'SoftmaxCrossEntropy' with respect to argument 0 ('Dense#2')"
                        + " is wrong (and 1 more below).")
                .contains("fix:   the backward of layer 'Dense#2' with respect to argument 0 ('Tanh') is wrong")
                .contains("note: GraphChecks.LOCAL");
    }
}
