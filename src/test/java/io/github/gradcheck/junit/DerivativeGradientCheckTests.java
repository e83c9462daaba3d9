package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static io.github.gradcheck.junit.GradientCheckTestKit.reportValues;
import static io.github.gradcheck.junit.GradientCheckTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.examples.forward.LogisticRegression;
import io.github.gradcheck.examples.forward.RangeBearing;
import io.github.gradcheck.input.Domain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code @GradientCheck} with subjects that claim a Jacobian or a Hessian: generated points, shrinking, files. */
class DerivativeGradientCheckTests {

    @TempDir
    Path output;

    @Test
    void rightJacobiansAndHessiansPassAtEveryPoint() {
        EngineExecutionResults results = run(output, PassingTestCases.class);
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertThat(reportValues(results, "gradcheck.points")).containsExactly("10 passed, 0 inconclusive",
                "10 passed, 0 inconclusive");
    }

    @Test
    void aWrongJacobianFailsWithTheEntryNamedAtAShrunkPoint() throws Exception {
        EngineExecutionResults results = run(output, BrokenJacobianTestCases.class);
        GradientCheckFailure failure = onlyFailure(results);
        assertThat(failure.getMessage()).startsWith("@GradientCheck [BrokenJacobianTestCases.flippedBearing(CheckSpec)]:"
                + " the claimed Jacobian of subject 'range-bearing (flipped bearing sign)' is WRONG; 2 of 6 entries are"
                + " wrong, the first J[1,0] (∂output[1]/∂pose[0]).")
                .contains("failing input (shrunk):").contains("diagnosis: row 1 of J");
        JacobianReport shrunk = failure.shrunkMatrixReport().orElseThrow();
        assertThat(shrunk.wrongEntries()).extracting(e -> e.row() + "," + e.column()).contains("1,0");
        assertThat(failure.firstMatrixReport()).isPresent();
        assertThat(failure.shrunkReport()).isEmpty();
        List<FileEntry> files = results.allEvents().fileEntryPublished().stream()
                .map(e -> e.getRequiredPayload(FileEntry.class)).toList();
        assertThat(files).extracting(f -> f.getPath().getFileName().toString()).containsExactly(
                GradientCheckExtension.REPORT_FILE, GradientCheckExtension.JSON_FILE, GradientCheckExtension.HTML_FILE,
                GradientCheckExtension.FIRST_JSON_FILE, GradientCheckExtension.FIRST_HTML_FILE);
        assertThat(failure.getMessage()).contains("report at the shrunk input:", "report at the input as first found:");
        // the same wrong entries at the shrunk point as at the point as first found
        assertThat(FailureSignature.of(shrunk).keeps(FailureSignature.of(failure.firstMatrixReport().orElseThrow())))
                .isTrue();
        assertThat(Files.readString(files.get(1).getPath())).contains("\"gradcheck-jacobian-report\"",
                "\"reproduce\"", "\"property\": \"-Dgradcheck.seed=" + failure.seed() + "\"");
        assertThat(Files.readString(files.get(2).getPath())).contains("re-run: <code>-Dgradcheck.seed=" + failure.seed());
        assertThat(Files.readString(files.get(2).getPath())).contains("id=\"heatmap\"");
    }

    @Test
    void aWrongHessianFailsAndSaysWhichEntries() {
        GradientCheckFailure failure = onlyFailure(run(output, BrokenHessianTestCases.class));
        // all three diagonal entries are wrong; at the shrunk point w = 0 the confirmation before WRONG (issue 11)
        // finds H[2,2]'s probe too noisy and leaves it inconclusive (a known weakness, recorded on issue 11)
        assertThat(failure.getMessage()).contains("the claimed Hessian of subject 'logistic loss (missing regulariser)'"
                + " is WRONG; ").contains(" of 9 entries are wrong, the first H[0,0] (∂²f/∂w[0]∂w[0])")
                .contains("the diagonal of H is wrong");
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class PassingTestCases {
        @GradientCheck(tries = 10)
        void rangeBearing(CheckSpec check) {
            check.subject(RangeBearing.subject(RangeBearing.Bug.NONE))
                 .input("pose", Domain.uniform(-1, 1).vector(3))
                 .input("landmark", Domain.constant(new double[] {4.0, 6.0}));
        }

        @GradientCheck(tries = 10)
        void logisticLoss(CheckSpec check) {
            check.subject(LogisticRegression.subject(LogisticRegression.Bug.NONE))
                 .input("w", Domain.uniform(-2, 2).vector(3))
                 .input("X", Domain.constant(LogisticRegression.POINT.get("X")))
                 .input("y", Domain.constant(LogisticRegression.POINT.get("y")));
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class BrokenJacobianTestCases {
        @GradientCheck(tries = 10, seed = 3)
        void flippedBearing(CheckSpec check) {
            check.subject(RangeBearing.subject(RangeBearing.Bug.FLIPPED_BEARING_SIGN))
                 .input("pose", Domain.uniform(-1, 1).vector(3))
                 .input("landmark", Domain.constant(new double[] {4.0, 6.0}));
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class BrokenHessianTestCases {
        @GradientCheck(tries = 10, seed = 4)
        void missingRegulariser(CheckSpec check) {
            check.subject(LogisticRegression.subject(LogisticRegression.Bug.MISSING_REGULARISER))
                 .input("w", Domain.uniform(-2, 2).vector(3))
                 .input("X", Domain.constant(LogisticRegression.POINT.get("X")))
                 .input("y", Domain.constant(LogisticRegression.POINT.get("y")));
        }
    }
}
