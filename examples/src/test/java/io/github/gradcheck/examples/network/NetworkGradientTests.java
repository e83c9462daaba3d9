package io.github.gradcheck.examples.network;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;

import io.github.gradcheck.assertj.GradientSoftAssertions;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.Sequential;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An example of the user guide: gradient tests of a hand-written network as a user writes them, with
 * gradcheck's AssertJ assertions.
 */
class NetworkGradientTests {

    // Shared by every test of the class, also when JUnit runs them in parallel: checks that meet on the
    // same array take turns on it, so none sees another's perturbed weights (docs/junit.md, "Parallel
    // execution"). Give each test its own copies of the arrays to check them in parallel at full speed.
    private static final double[][] W1 = {{0.2, -0.5, 0.1, 0.7}, {-0.3, 0.8, 0.4, -0.1}, {0.6, 0.1, -0.7, 0.3}};
    private static final double[] B1 = {0.1, -0.2, 0.05};
    private static final double[][] W2 = {{0.5, -0.4, 0.9}, {0.3, 0.2, -0.6}, {-0.8, 0.7, 0.1}};
    private static final double[] B2 = {0.0, 0.1, -0.1};

    private static Subject mlp(Dense.Backward outputLayer) {
        return Sequential.of("mlp", new Dense(W1, B1), new Tanh(), new Dense(W2, B2, outputLayer),
                new SoftmaxCrossEntropy(2));
    }

    @Test
    void backpropagationIsRight() {
        assertThat(mlp(Dense.Backward.RIGHT)).at("x", new double[] {0.5, -1.0, 2.0, 0.25}).hasCorrectGradients();
    }

    @Test
    void backpropagationIsRightAtRandomPoints() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) {
            Point p = Point.of("x", random.doubles(4, -3, 3).toArray());
            assertThat(mlp(Dense.Backward.RIGHT)).as("point %d: %s", i, p).at(p).hasNoWrongGradients();
        }
    }

    @Test
    void aMissingTransposeIsFoundInTheSecondDenseLayer() {
        // d(Tanh) is the first wrong gradient: Dense#2's backward with respect to its input is broken,
        // while its weight and bias gradients are right
        assertThat(mlp(Dense.Backward.MISSING_TRANSPOSE)).at("x", new double[] {0.5, -1.0, 2.0, 0.25})
                .hasWrongGradientAt("Tanh")
                .hasCorrectGradientAt("Dense#2.W")
                .hasCorrectGradientAt("Dense#2.b");
    }

    @Test
    void everyBuildingBlockSoftly() {
        GradientSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(Sequential.of("dense", new Dense(W1, B1))).at("x", new double[] {1, 2, 3, 4})
                    .hasCorrectGradients();
            softly.assertThat(Sequential.of("tanh", new Tanh())).at("x", new double[] {-1, 0.5, 2})
                    .hasCorrectGradients();
            softly.assertThat(Sequential.of("loss", new SoftmaxCrossEntropy(0))).at("x", new double[] {1, 2, 3})
                    .hasCorrectGradients();
        });
    }
}
