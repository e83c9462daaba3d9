package io.github.gradcheck.examples.library;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.examples.network.Tanh;
import org.junit.jupiter.api.Test;

/** Library-style layers checked without glue: flat column-major weights, −gradient deltas, int[] tokens, a rank-3 kernel. */
class LibraryLayersTests {

    private static final Point X4 = Point.of("x", new double[] {0.5, -1.0, 2.0, 0.25});

    @Test
    void aFlatColumnMajorLayerWithDescentDirectionsIsRight() {
        FlatDenseLibrary lib = new FlatDenseLibrary(3, 4, 7, false);
        double[] weights = lib.weights().clone();
        GradientReport report = GradCheck.check(LibraryLayers.flatDense(lib), X4);

        assertThat(lib.weights()).as("restored bit for bit").containsExactly(weights);

        assertThat(report).isCorrect();
        assertThat(report.node("dense.W").orElseThrow().shape()).isEqualTo(Shape.of(3, 4));
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("returns descent directions (-gradient)")
                .contains("dense.W, dense.b"));
    }

    @Test
    void withoutTheDescentConventionTheDeltasReadAsAFlippedSign() {
        FlatDenseLibrary lib = new FlatDenseLibrary(3, 4, 7, false);
        Layer<double[], double[]> dense = Layer.of("dense", lib::forward, lib::backward,
                Parameter.of("W", lib.weights(), Shape.of(3, 4), Parameter.Order.COLUMN_MAJOR, lib::weightDelta),
                Parameter.of("b", lib.bias(), lib::biasDelta));
        Subject plain = Sequential.of("library dense", dense, new Tanh());
        GradientReport report = GradCheck.check(plain, X4);

        assertThat(report).hasVerdict(Verdict.FAIL);
        assertThat(Diagnoses.of(report).forNode("dense.W").orElseThrow().toString()).contains("wrong sign");
        assertThat(report.node("dense.x")).isEmpty();
        assertThat(report.node("x").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aWeightDeltaWrittenRowMajorIsBlamedOnTheWeightsAtRealIndices() {
        GradientReport report = GradCheck.check(LibraryLayers.flatDense(new FlatDenseLibrary(3, 4, 7, true)), X4);

        assertThat(report).blames("dense.W");
        assertThat(report.node("dense.b").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.node("dense.W").orElseThrow().worst().position()).matches("\\[[0-2],[0-3]\\]");
        assertThat(GradCheck.describe(report)).contains("dense.W").contains("[3x4]");
    }

    @Test
    void anEmbeddingTakesItsTokensAsAnIntArray() {
        Point tokens = Point.builder().constant("x", new int[] {2, 0, 2, 3}).build();
        GradientReport report = GradCheck.check(LibraryLayers.embedding(new EmbeddingLibrary(5, 3, 11, false)), tokens);

        assertThat(report).isCorrect();
        assertThat(report.point().toString()).isEqualTo("x = [2, 0, 2, 3] (constant)");
        assertThat(report.node("embed.E").orElseThrow().shape()).isEqualTo(Shape.of(5, 3));
    }

    @Test
    void anEmbeddingThatOverwritesARepeatedTokensGradientIsBlamedOnItsTable() {
        Point tokens = Point.builder().constant("x", new int[] {2, 0, 2, 3}).build();
        GradientReport report = GradCheck.check(LibraryLayers.embedding(new EmbeddingLibrary(5, 3, 11, true)), tokens);

        assertThat(report).blames("embed.E");
        // only the repeated token's row is wrong
        assertThat(report.node("embed.E").orElseThrow().elements()).filteredOn(e -> e.verdict() == Verdict.FAIL)
                .allSatisfy(e -> assertThat(e.position()).startsWith("[2,"));
    }

    @Test
    void aConvolutionWithARankThreeKernelIsRight() {
        Point image = Point.of("x", image(2, 4, 5));
        Conv2d conv = new Conv2d(2, 2, 3, 5, false);
        double[][][] kernel = deepCopy(conv.kernel());
        GradientReport report = GradCheck.check(LibraryLayers.conv(conv), image);

        assertThat(conv.kernel()).as("restored bit for bit").isDeepEqualTo(kernel);

        assertThat(report).isCorrect();
        assertThat(report.node("conv.K").orElseThrow().shape()).isEqualTo(Shape.of(2, 2, 3));
        assertThat(report.node("x").orElseThrow().shape()).isEqualTo(Shape.of(2, 4, 5));
    }

    @Test
    void aFlippedKernelGradientIsBlamedOnTheKernel() {
        GradientReport report = GradCheck.check(LibraryLayers.conv(new Conv2d(2, 2, 3, 5, true)),
                Point.of("x", image(2, 4, 5)));

        assertThat(report).blames("conv.K");
        assertThat(report.node("conv.b").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.node("x").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.node("conv.K").orElseThrow().worst().position()).matches("\\[[01],[01],[0-2]\\]");
    }

    private static double[][][] deepCopy(double[][][] a) {
        double[][][] c = new double[a.length][][];
        for (int i = 0; i < a.length; i++) {
            c[i] = new double[a[i].length][];
            for (int j = 0; j < a[i].length; j++) {
                c[i][j] = a[i][j].clone();
            }
        }
        return c;
    }

    private static double[][][] image(int channels, int rows, int columns) {
        double[][][] x = new double[channels][rows][columns];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < columns; j++) {
                    x[c][i][j] = Math.sin(1 + c * 7 + i * 3 + j);
                }
            }
        }
        return x;
    }
}
