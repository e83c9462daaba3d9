package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.examples.network.Dense;
import io.github.gradcheck.examples.network.Tanh;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parameters that share storage. Weights tied on purpose (two layers holding the very same
 * array) are one node whose gradient is the sum of both layers' claims, checked like any other;
 * parameters that share only some of their elements (a bias that is a row of W, a row of one
 * layer's matrix in another's, two equal rows of one matrix) are refused when the graph is built,
 * naming both, since measuring one in place would move the other.
 */
class ParameterSharingTests {

    static final Point X = Point.of("x", new double[] {0.5, -1.0, 2.0});

    static double[][] weights() {
        return new double[][] {{0.2, -0.5, 0.1}, {-0.3, 0.8, 0.4}, {0.6, 0.1, -0.7}};
    }

    @Test
    void aBiasThatIsARowOfTheWeightsIsRefusedNamingBoth() {
        double[][] w = weights();
        assertThatThrownBy(() -> Sequential.of("aliased", new Dense(w, w[0]), new RobustnessTests.Sum()))
                .isInstanceOf(SubjectException.class)
                .hasMessageStartingWith("subject 'aliased', node 'Dense.b': The array of parameter 'Dense.b' is also"
                        + " row 0 of parameter 'Dense.W' (the same array object)")
                .hasMessageContaining("give both layers the very same whole array");
    }

    @Test
    void aRowSharedBetweenTwoLayersIsRefusedNamingBoth() {
        double[][] w1 = weights();
        double[][] w2 = weights();
        w2[1] = w1[2];
        assertThatThrownBy(() -> Sequential.of("shared row", new Dense(w1, new double[3]),
                new Dense(w2, new double[3]), new RobustnessTests.Sum()))
                .isInstanceOf(SubjectException.class)
                .hasMessageStartingWith("subject 'shared row', node 'Dense#2.W': Row 1 of parameter 'Dense#2.W' is also"
                        + " row 2 of parameter 'Dense#1.W'");
    }

    @Test
    void twoEqualRowsOfOneMatrixAreRefused() {
        double[][] w = weights();
        w[2] = w[0];
        assertThatThrownBy(() -> Sequential.of("twin rows", new Dense(w, new double[3]), new RobustnessTests.Sum()))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("rows 0 and 2 of parameter 'Dense.W' are the same array object");
    }

    @Test
    void aLayerListingOneArrayTwiceIsRefused() {
        double[] s = {2.0};
        Layer<double[], double[]> twice = new UserCallbackTests.Scale() {
            @Override
            public List<Parameter> parameters() {
                return List.of(Parameter.of("s", s, () -> ds), Parameter.of("t", s, () -> ds));
            }
        };
        assertThatThrownBy(() -> Sequential.of("twice", twice, new RobustnessTests.Sum()))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("lists the same array as 'ParameterSharingTests$1.s' and as"
                        + " 'ParameterSharingTests$1.t'; list every parameter array once");
    }

    /** y = W·x for a square W, whose weight gradient can be written transposed by mistake. */
    static final class Linear implements Layer<double[], double[]> {
        final double[][] w;
        final boolean transposedGradient;
        double[] x;
        double[][] dw;

        Linear(double[][] w, boolean transposedGradient) {
            this.w = w;
            this.transposedGradient = transposedGradient;
        }

        @Override
        public double[] forward(double[] input) {
            x = input.clone();
            double[] y = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    y[i] += w[i][j] * x[j];
                }
            }
            return y;
        }

        @Override
        public double[] backward(double[] g) {
            dw = new double[w.length][x.length];
            double[] dx = new double[x.length];
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    dw[i][j] = transposedGradient ? g[j] * x[i] : g[i] * x[j];
                    dx[j] += w[i][j] * g[i];
                }
            }
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.of("W", w, () -> dw));
        }
    }

    @Test
    void weightsTiedOnPurposeAreOneNodeWhoseGradientIsTheSumOfBothLayers() {
        double[][] w = weights();
        double[][] before = {w[0].clone(), w[1].clone(), w[2].clone()};
        GradientReport report = GradCheck.check(Sequential.of("tied", new Dense(w, new double[3]),
                new Dense(w, new double[] {0.1, 0.2, 0.3}), new RobustnessTests.Sum()), X);
        assertThat(report.passed()).as(TextReport.render(report)).isTrue();
        assertThat(report.nodes()).extracting(NodeReport::name).contains("Dense#1.W", "Dense#1.b", "Dense#2.b")
                .doesNotContain("Dense#2.W");
        NodeReport shared = report.nodes().stream().filter(n -> n.name().equals("Dense#1.W")).findFirst()
                .orElseThrow();
        assertThat(shared.consumers()).containsExactly("Dense#1", "Dense#2");
        assertThat(w).isDeepEqualTo(before);
    }

    @Test
    void aWrongWeightGradientOfOneOfTheTiedLayersIsBlamedOnTheSharedNode() {
        double[][] w = weights();
        GradientReport report = GradCheck.check(Sequential.of("tied, second wrong", new Linear(w, false),
                new Tanh(), new Linear(w, true), new RobustnessTests.Sum()), X);
        assertThat(report.passed()).as(TextReport.render(report)).isFalse();
        assertThat(report.blame().origin()).as(TextReport.render(report)).contains("Linear#1.W");
        assertThat(report.nodes().stream().filter(n -> !n.name().equals("Linear#1.W")))
                .as("every other node is right").allMatch(n -> n.verdict() == io.github.gradcheck.check.Verdict.PASS);
    }
}
