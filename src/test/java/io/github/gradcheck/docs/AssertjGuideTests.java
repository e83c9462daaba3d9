package io.github.gradcheck.docs;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.assertj.GradientSoftAssertions;
import io.github.gradcheck.assertj.GradientSoftAssertionsProvider;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.examples.network.Dense;
import io.github.gradcheck.examples.network.SoftmaxCrossEntropy;
import io.github.gradcheck.examples.network.Tanh;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.Subject;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The code of docs/assertj.md, run: each snippet is here, and what the page says it does is asserted. */
class AssertjGuideTests {

    static final double[][] W1 = {{0.2, -0.5, 0.1, 0.7}, {-0.3, 0.8, 0.4, -0.1}, {0.6, 0.1, -0.7, 0.3}};
    static final double[] B1 = {0.1, -0.2, 0.05};
    static final double[][] W2 = {{0.5, -0.4, 0.9}, {0.3, 0.2, -0.6}, {-0.8, 0.7, 0.1}};
    static final double[] B2 = {0.0, 0.1, -0.1};

    static Subject mlp(Dense.Backward outputLayer) {
        return Sequential.of("mlp", new Dense(W1, B1), new Tanh(), new Dense(W2, B2, outputLayer),
                new SoftmaxCrossEntropy(2));
    }

    @Test
    void backpropagationIsRight() {
        assertThat(mlp(Dense.Backward.RIGHT)).at("x", new double[] {0.5, -1.0, 2.0, 0.25}).hasCorrectGradients();
    }

    @Test
    void aMissingTransposeIsFoundInTheSecondDenseLayer() {
        assertThat(mlp(Dense.Backward.MISSING_TRANSPOSE)).at("x", new double[] {0.5, -1.0, 2.0, 0.25})
                .hasWrongGradientAt("Tanh")          // Dense#2's backward with respect to its input is broken
                .hasCorrectGradientAt("Dense#2.W");  // while its weight gradient is right
    }

    @Test
    void theFailureMessageIsTheOneShown() {
        assertThatThrownBy(() -> assertThat(mlp(Dense.Backward.MISSING_TRANSPOSE))
                .at("x", new double[] {0.5, -1.0, 2.0, 0.25}).hasCorrectGradients())
                .isInstanceOf(AssertionError.class)
                .satisfies(e -> Markdown.assertExcerpt(
                        Markdown.blockStartingWith(Path.of("docs", "assertj.md"), "Expecting subject 'mlp'"),
                        e.getMessage()));
    }

    @Test
    void manyPoints() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) {
            Point p = Point.of("x", random.doubles(4, -3, 3).toArray());
            assertThat(mlp(Dense.Backward.RIGHT)).as("point %d: %s", i, p).at(p).hasNoWrongGradients();
        }
    }

    @Test
    void settingUpTheCheck() {
        Subject subject = WorkedExample.graph(false);

        assertThat(subject).at("x", 3.0, "y", -4.0)
                .withSeed(7)
                .withFullJacobian()
                .withTolerance(TolerancePolicy.defaults().withSafety(20))
                .hasCorrectGradients();
        assertThat(subject).at(WorkedExample.POINT)
                .withOptions(CheckOptions.defaults().withParallelism(2))
                .hasCorrectGradients();
    }

    @Test
    void anInconclusiveCheckIsNeverAWrongGradient() {
        Subject relu = VerdictsGuideTests.RELU;

        assertThat(relu).at("x", 0.0).hasNoWrongGradients();
        assertThatThrownBy(() -> assertThat(relu).at("x", 0.0).hasCorrectGradients())
                .hasMessageContaining("inconclusive");
    }

    @Test
    void anErrorInTheSubjectIsNotAnAssertionFailure() {
        Subject forgetful = FunctionSubject.of("forgetful", in -> in.scalar("x"), (in, out, gOut) -> null);

        assertThatThrownBy(() -> assertThat(forgetful).at("x", 1.0).hasCorrectGradients())
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("subject 'forgetful'");
    }

    @Test
    void assertionsOnAReport() {
        GradientReport report = GradCheck.check(WorkedExample.graph(true), WorkedExample.POINT);

        assertThat(report).hasVerdict(Verdict.FAIL).blames("den").blamesEdge("den", "invden")
                .hasCorrectGradientAt("num");
        assertThat(GradCheck.check(WorkedExample.graph(false), WorkedExample.POINT)).isCorrect();
    }

    @Test
    void softly() {
        GradientSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(Sequential.of("dense", new Dense(W1, B1))).at("x", new double[] {1, 2, 3, 4})
                    .hasCorrectGradients();
            softly.assertThat(Sequential.of("tanh", new Tanh())).at("x", new double[] {-1, 0.5, 2})
                    .hasCorrectGradients();
        });
    }

    static class MySoftAssertions extends SoftAssertions implements GradientSoftAssertionsProvider {
    }

    @Test
    void yourOwnSoftAssertions() {
        MySoftAssertions softly = new MySoftAssertions();
        softly.assertThat(WorkedExample.traced(true)).at(WorkedExample.POINT).hasCorrectGradients();
        softly.assertThat(WorkedExample.graph(true)).at(WorkedExample.POINT).hasCorrectGradients();
        softly.assertThat("ordinary AssertJ").startsWith("ordinary");

        Assertions.assertThat(softly.errorsCollected()).hasSize(2);
    }
}
