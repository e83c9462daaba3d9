package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static io.github.gradcheck.junit.GradientCheckTestKit.reportValues;
import static io.github.gradcheck.junit.GradientCheckTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.examples.forward.LayerTangents;
import io.github.gradcheck.examples.forward.WorkedExampleTangents;
import io.github.gradcheck.input.Domain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code @GradientCheck} of tangent rules ({@code check.tangentsOf}): generated points, shrinking, files. */
class TangentGradientCheckTests {

    @TempDir
    Path output;

    @Test
    void rightTangentRulesPassAtEveryPoint() {
        EngineExecutionResults results = run(output, PassingTestCases.class);
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertThat(reportValues(results, "gradcheck.points")).containsExactly("5 passed, 0 inconclusive",
                "5 passed, 0 inconclusive");
    }

    @Test
    void aWrongLayerTangentFailsNamingTheLayerAndArgumentAtAShrunkPoint() throws Exception {
        EngineExecutionResults results = run(output, BrokenLayerTestCases.class);
        GradientCheckFailure failure = onlyFailure(results);
        assertThat(failure.getMessage()).startsWith("@GradientCheck [BrokenLayerTestCases.forgottenBias(CheckSpec)]:"
                + " the claimed tangents of subject 'mlp (tangents, FORGOTTEN_BIAS_TANGENT)' are WRONG; the first wrong"
                + " node going forward is 'Dense#2' (its rule with respect to 'Dense#2.b').")
                .contains("failing input (shrunk):").contains("seed: 5")
                .contains("edge:  the tangent rule of layer 'Dense#2' with respect to argument 2 ('Dense#2.b') is WRONG");
        TangentReport shrunk = failure.shrunkTangentReport().orElseThrow();
        assertThat(shrunk.blame().origin()).contains("Dense#2");
        assertThat(shrunk.blame().wrongEdges()).extracting(e -> e.edge().producer()).containsExactly("Dense#2.b");
        assertThat(failure.shrunkPoint()).isPresent();
        assertThat(failure.firstTangentReport()).isPresent();
        assertThat(failure.shrunkReport()).isEmpty();
        assertThat(failure.shrunkMatrixReport()).isEmpty();
        List<FileEntry> files = results.allEvents().fileEntryPublished().stream()
                .map(e -> e.getRequiredPayload(FileEntry.class)).toList();
        assertThat(files).extracting(f -> f.getPath().getFileName().toString()).containsExactly(
                GradientCheckExtension.REPORT_FILE, GradientCheckExtension.JSON_FILE, GradientCheckExtension.HTML_FILE,
                GradientCheckExtension.FIRST_JSON_FILE, GradientCheckExtension.FIRST_HTML_FILE);
        assertThat(failure.getMessage()).contains("report at the input as first found:");
        assertThat(Files.readString(files.get(1).getPath())).contains("\"gradcheck-tangent-report\"");
        assertThat(Files.readString(files.get(2).getPath())).contains("data-blame=\"Dense#2\"");
    }

    @Test
    void aWrongOpTangentIsShrunkWhileTheSameNodeStaysTheFirstWrongOne() {
        GradientCheckFailure failure = onlyFailure(run(output, BrokenOpTestCases.class));
        assertThat(failure.getMessage()).contains("the claimed tangents of subject 'worked example (tangents, broken"
                + " invden)' are WRONG; the first wrong node going forward is 'invden' (its rule with respect to 'den')");
        assertThat(failure.shrunkTangentReport().orElseThrow().blame().origin()).contains("invden");
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class PassingTestCases {
        @GradientCheck(tries = 5)
        void layers(CheckSpec check) {
            check.tangentsOf(LayerTangents.network(LayerTangents.Bug.NONE))
                 .input("x", Domain.uniform(-2, 2).vector(3));
        }

        @GradientCheck(tries = 5)
        void ops(CheckSpec check) {
            check.tangentsOf(WorkedExampleTangents.graph(false))
                 .input("x", Domain.uniform(1, 4)).input("y", Domain.uniform(-4, -1));
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class BrokenLayerTestCases {
        @GradientCheck(tries = 5, seed = 5)
        void forgottenBias(CheckSpec check) {
            check.tangentsOf(LayerTangents.network(LayerTangents.Bug.FORGOTTEN_BIAS_TANGENT))
                 .input("x", Domain.uniform(-2, 2).vector(3));
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class BrokenOpTestCases {
        @GradientCheck(tries = 5, seed = 6)
        void brokenInvden(CheckSpec check) {
            check.tangentsOf(WorkedExampleTangents.graph(true))
                 .input("x", Domain.uniform(1, 4)).input("y", Domain.uniform(-4, -1));
        }
    }
}
