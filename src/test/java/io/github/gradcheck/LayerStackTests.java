package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Stacks of stateful layers with parameters: checked, blamed per edge, and left exactly as found. */
class LayerStackTests {

    /** y = W x + b, with an optional bug: dx computed with W instead of Wᵀ (square W only). */
    static final class Affine implements Layer<double[], double[]> {
        final double[][] w;
        final double[] b;
        double[][] dw;
        double[] db;
        double[] x;
        final boolean missingTranspose;
        int forwardCalls;
        int failOnForwardCall = -1;

        Affine(int out, int in, long seed, boolean missingTranspose) {
            Random r = new Random(seed);
            w = new double[out][in];
            b = new double[out];
            for (double[] row : w) {
                for (int j = 0; j < in; j++) {
                    row[j] = r.nextGaussian();
                }
            }
            for (int i = 0; i < out; i++) {
                b[i] = r.nextGaussian();
            }
            this.missingTranspose = missingTranspose;
        }

        @Override
        public double[] forward(double[] input) {
            if (++forwardCalls == failOnForwardCall) {
                throw new IllegalStateException("injected failure on forward call " + forwardCalls);
            }
            x = input.clone();
            double[] y = b.clone();
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    y[i] += w[i][j] * x[j];
                }
            }
            return y;
        }

        @Override
        public double[] backward(double[] dy) {
            dw = new double[w.length][x.length];
            db = dy.clone();
            double[] dx = new double[x.length];
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    dw[i][j] = dy[i] * x[j];
                    dx[j] += missingTranspose ? w[j][i] * dy[i] : w[i][j] * dy[i];
                }
            }
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.of("W", w, () -> dw), Parameter.of("b", b, () -> db));
        }

        @Override
        public String name() {
            return "affine";
        }
    }

    static final class Tanh implements Layer<double[], double[]> {
        double[] y;

        @Override
        public double[] forward(double[] x) {
            y = Arrays.stream(x).map(Math::tanh).toArray();
            return y.clone();
        }

        @Override
        public double[] backward(double[] dy) {
            double[] dx = new double[dy.length];
            for (int i = 0; i < dy.length; i++) {
                dx[i] = dy[i] * (1 - y[i] * y[i]);
            }
            return dx;
        }
    }

    /** The sum of squares, a scalar loss. */
    static final class SquaredNorm implements Layer<double[], Double> {
        double[] x;

        @Override
        public Double forward(double[] input) {
            x = input.clone();
            return Arrays.stream(x).map(v -> v * v).sum();
        }

        @Override
        public double[] backward(Double g) {
            return Arrays.stream(x).map(v -> 2 * v * g).toArray();
        }
    }

    static final Point X = Point.of("x", new double[] {0.3, -0.7, 1.1});

    @Test
    void correctStackPassesWithEveryParameterChecked() {
        GraphSubject net = Sequential.of("mlp", new Affine(3, 3, 1, false), new Tanh(), new Affine(3, 3, 2, false),
                new SquaredNorm());
        GradientReport report = GradCheck.check(net, X);
        assertThat(report.passed()).as(TextReport.render(report)).isTrue();
        assertThat(report.nodes()).extracting(n -> n.name()).contains("affine#1.W", "affine#1.b", "affine#2.W",
                "affine#2.b", "Tanh", "SquaredNorm", "x");
    }

    @Test
    void missingTransposeIsBlamedOnTheLayersInputEdge() {
        GraphSubject net = Sequential.of("mlp", new Affine(3, 3, 1, false), new Tanh(), new Affine(3, 3, 2, true),
                new SquaredNorm());
        GradientReport report = GradCheck.check(net, X);
        String text = TextReport.render(report);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.blame().origin()).as(text).contains("Tanh");
        assertThat(report.node("affine#2.W").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.blame().wrongEdges()).extracting(EdgeReport::edge)
                .containsExactly(new Edge("Tanh", "affine#2", 0));
        assertThat(report.blame().consequences()).contains("affine#1", "affine#1.W", "x");
        assertThat(text).contains("the backward of layer 'affine#2' with respect to argument 0 ('Tanh') is WRONG");
    }

    @Test
    void parametersAreBitIdenticalAfterTheCheck() {
        Affine a = new Affine(2, 3, 7, false);
        long[] before = bits(a);
        GradCheck.check(Sequential.of("one", a, new SquaredNorm()), X);
        assertThat(bits(a)).isEqualTo(before);
    }

    @Test
    void parametersAreRestoredWhenTheForwardThrowsAtAnyProbe() {
        Affine probe = new Affine(2, 3, 7, false);
        GradCheck.check(Sequential.of("count", probe, new SquaredNorm()), X);
        int calls = probe.forwardCalls;
        assertThat(calls).isGreaterThan(20);
        for (int k = 1; k <= calls; k++) {
            Affine a = new Affine(2, 3, 7, false);
            long[] before = bits(a);
            a.failOnForwardCall = k;
            assertThatThrownBy(() -> GradCheck.check(Sequential.of("faulty", a, new SquaredNorm()), X))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("subject 'faulty', node 'affine'")
                    .hasRootCauseMessage("injected failure on forward call " + k);
            assertThat(bits(a)).as("parameters after a failure at forward call %d", k).isEqualTo(before);
        }
    }

    @Test
    void backwardFollowsAForwardAtThePoint() {
        // a layer whose backward uses its last forward's cache: the check must re-run the forward first
        GraphSubject net = Sequential.of("cache", new Affine(3, 3, 3, false), new Tanh(), new SquaredNorm());
        GradientReport first = GradCheck.check(net, X);
        GradientReport again = GradCheck.check(net, X);
        assertThat(first.passed()).isTrue();
        assertThat(again.passed()).isTrue();
    }

    private static long[] bits(Affine a) {
        return java.util.stream.Stream.concat(Arrays.stream(a.w).flatMapToDouble(Arrays::stream).boxed(),
                Arrays.stream(a.b).boxed()).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    /** ReLU written in place, as hand-written code often is. */
    static final class InPlaceRelu implements Layer<double[], double[]> {
        double[] y;

        @Override
        public double[] forward(double[] x) {
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.max(0, x[i]);
            }
            y = x;
            return x;
        }

        @Override
        public double[] backward(double[] dy) {
            double[] dx = dy.clone();
            for (int i = 0; i < dx.length; i++) {
                dx[i] = y[i] > 0 ? dx[i] : 0;
            }
            return dx;
        }
    }

    @Test
    void aLayerThatModifiesItsInputIsReported() {
        GraphSubject net = Sequential.of("in place", new Affine(3, 3, 5, false), new InPlaceRelu(), new SquaredNorm());
        assertThatThrownBy(() -> GradCheck.check(net, X))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("subject 'in place', node 'InPlaceRelu': the forward of layer 'InPlaceRelu'"
                        + " modified its input array in place");
    }
}
