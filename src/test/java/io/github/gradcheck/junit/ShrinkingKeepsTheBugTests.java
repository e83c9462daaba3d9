package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static io.github.gradcheck.junit.GradientCheckTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.Subject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shrink step is kept only when the failure keeps its signature (the same broken places with the
 * same kinds of diagnosis) and the point shows it as clearly (nothing newly measured 0, unused or
 * inconclusive): subjects whose bug disappears or changes at zero, run the JUnit way.
 */
class ShrinkingKeepsTheBugTests {

    @TempDir
    Path output;

    /** h = relu(W x) with W 3×2 owned by the layer; its W gradient is twice what it should be. */
    static final class ReluDense implements Layer<double[], double[]> {
        final double[][] w = {{0.8, -0.5}, {-0.3, 0.9}, {0.6, 0.4}};
        double[][] dw;
        double[] x;
        double[] z;

        @Override
        public double[] forward(double[] input) {
            x = input.clone();
            z = new double[w.length];
            double[] y = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                z[i] = w[i][0] * x[0] + w[i][1] * x[1];
                y[i] = Math.max(0, z[i]);
            }
            return y;
        }

        @Override
        public double[] backward(double[] g) {
            dw = new double[w.length][2];
            double[] dx = new double[2];
            for (int i = 0; i < w.length; i++) {
                double gz = z[i] > 0 ? g[i] : 0;
                for (int j = 0; j < 2; j++) {
                    dw[i][j] = 2 * gz * x[j];          // the bug: a factor of 2
                    dx[j] += w[i][j] * gz;
                }
            }
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.of("W", w, () -> dw));
        }

        @Override
        public String name() {
            return "ReluDense";
        }
    }

    /** ½‖h‖² + Σh: a loss whose gradient is never zero where h is not. */
    static final class Loss implements Layer<double[], Double> {
        double[] h;

        @Override
        public Double forward(double[] input) {
            h = input.clone();
            double s = 0;
            for (double v : h) {
                s += 0.5 * v * v + v;
            }
            return s;
        }

        @Override
        public double[] backward(Double g) {
            double[] d = new double[h.length];
            for (int i = 0; i < h.length; i++) {
                d[i] = (h[i] + 1) * g;
            }
            return d;
        }
    }

    /**
     * y = (x − mean) / sqrt(var + ε) with ε = 1e-3, whose backward forgets the terms through the
     * variance: right only where the elements are all equal (y = 0), wrong elsewhere.
     */
    static final class LayerNorm implements Layer<double[], double[]> {
        static final double EPS = 1e-3;
        double[] y;
        double sigma;

        @Override
        public double[] forward(double[] x) {
            int n = x.length;
            double mean = 0;
            for (double v : x) {
                mean += v / n;
            }
            double var = 0;
            for (double v : x) {
                var += (v - mean) * (v - mean) / n;
            }
            sigma = Math.sqrt(var + EPS);
            y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = (x[i] - mean) / sigma;
            }
            return y;
        }

        @Override
        public double[] backward(double[] g) {
            int n = g.length;
            double meanG = 0;
            for (double v : g) {
                meanG += v / n;
            }
            double meanGy = 0;
            for (int i = 0; i < n; i++) {
                meanGy += g[i] * y[i] / n;
            }
            double[] dx = new double[n];
            for (int i = 0; i < n; i++) {
                dx[i] = (g[i] - y[i] * meanGy) / sigma;      // the bug: the term −mean(g) is missing
            }
            return dx;
        }

        @Override
        public String name() {
            return "LayerNorm";
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class ReluTestCases {
        @GradientCheck(tries = 5, seed = 1)
        void reluWeightGradient(CheckSpec check) {
            check.subject(Sequential.of("relu layer", new ReluDense(), new Loss()))
                 .input("x", Domain.uniform(-2, 2).shape(2));
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class LayerNormTestCases {
        @GradientCheck(tries = 5, seed = 5)
        void layerNorm(CheckSpec check) {
            check.subject(Sequential.of("layer norm", new LayerNorm(), new Loss()))
                 .input("x", Domain.uniform(-2, 2).shape(4));
        }
    }

    private static final Subject RELU = Sequential.of("relu layer", new ReluDense(), new Loss());

    @Test
    void shrinkingStopsBeforeTheUnitsThatShowTheBugDie() {
        GradientCheckFailure failure = onlyFailure(run(output, ReluTestCases.class));
        GradientReport first = failure.firstReport().orElseThrow();
        GradientReport shrunk = failure.shrunkReport().orElseThrow();

        // at the point as drawn all three units are alive: every element of W shows the factor of 2
        assertThat(first.node("ReluDense.W").orElseThrow().failedElements()).isEqualTo(6);
        assertThat(failure.shrunkPoint()).isNotEqualTo(failure.firstPoint());
        assertThat(shrunk.node("ReluDense.W").orElseThrow().failedElements()).isEqualTo(6);
        assertThat(FailureSignature.of(shrunk).keeps(FailureSignature.of(first))).isTrue();
        assertThat(failure.getMessage())
                .containsPattern("shrinking: \\d+ simpler failing points refused because they showed the failure less"
                        + " clearly or another one \\(the first: .*newly unused")
                .contains("report at the shrunk input:\ngradcheck: subject 'relu layer' at "
                        + failure.shrunkPoint().orElseThrow())
                .contains("report at the input as first found:\ngradcheck: subject 'relu layer' at "
                        + failure.firstPoint().orElseThrow());
    }

    @Test
    void aSimplerPointWhereUnitsDieIsRefusedThoughTheSameNodeIsBlamed() {
        GradientReport first = GradCheck.check(RELU, Point.of("x", new double[] {1.7742569234594177, 1.109747673920341}));
        // x[0] = 0: unit 0 dies (z = -0.5) and the W column of x[0] is 0; W is still wrong, by the same factor
        GradientReport dead = GradCheck.check(RELU, Point.of("x", new double[] {0, 1}));
        assertThat(dead.blame().origin()).isEqualTo(first.blame().origin()).hasValue("ReluDense.W");
        assertThat(dead.node("ReluDense.W").orElseThrow().failedElements()).isLessThan(6);

        assertThat(FailureSignature.of(dead).lost(FailureSignature.of(first)))
                .hasValueSatisfying(why -> assertThat(why).containsPattern("newly (unused|measured 0)"));
        // a point where every unit lives keeps it
        GradientReport alive = GradCheck.check(RELU, Point.of("x", new double[] {1, 1}));
        assertThat(FailureSignature.of(alive).keeps(FailureSignature.of(first))).isTrue();
    }

    @Test
    void aLayerNormIsNeverShrunkToEqualElementsWhereItsBugVanishes() {
        GradientCheckFailure failure = onlyFailure(run(output, LayerNormTestCases.class));
        double[] shrunk = failure.shrunkPoint().orElseThrow().get("x").toArray();
        assertThat(java.util.Arrays.stream(shrunk).distinct().count()).isGreaterThan(1);
        GradientReport first = failure.firstReport().orElseThrow();
        assertThat(FailureSignature.of(failure.shrunkReport().orElseThrow()).keeps(FailureSignature.of(first)))
                .isTrue();

        // where the elements are equal the variance is 0, y = 0 and the missing term's effect is hidden
        Subject norm = Sequential.of("layer norm", new LayerNorm(), new Loss());
        GradientReport equal = GradCheck.check(norm, Point.of("x", new double[] {0, 0, 0, 0}));
        assertThat(FailureSignature.of(equal).keeps(FailureSignature.of(first))).isFalse();
        assertThat(failure.getMessage()).contains("report at the shrunk input:", "report at the input as first found:");
    }

    @Test
    void anotherDiagnosisOrAnotherBrokenPlaceIsAnotherFailure() {
        FailureSignature graph = FailureSignature.of(GradCheck.check(WorkedExample.graph(true), WorkedExample.POINT));
        FailureSignature traced = FailureSignature.of(GradCheck.check(WorkedExample.traced(true), WorkedExample.POINT));
        assertThat(traced.bug()).contains("node 'den': WRONG_SIGN");
        assertThat(graph.bug()).anySatisfy(b -> assertThat(b).contains("WRONG_SIGN"));
        // the relu net's factor of 2 is not the worked example's sign
        FailureSignature relu = FailureSignature.of(GradCheck.check(RELU, Point.of("x", new double[] {1, 1})));
        assertThat(relu.lost(traced)).hasValueSatisfying(why -> assertThat(why).startsWith("another failure"));
        FailureSignature fixed = FailureSignature.of(GradCheck.check(WorkedExample.traced(false), WorkedExample.POINT));
        assertThat(fixed.lost(traced)).contains("nothing is wrong there");
    }

    @Test
    void theWorkedExampleShrinksOnlyWhileTheSameBugShowsAsClearly() {
        GradientCheckFailure failure = onlyFailure(run(output, Map.of("gradcheck.seed", "77"),
                GradientCheckExtensionTests.BrokenWorkedExampleTestCases.class));
        GradientReport first = failure.firstReport().orElseThrow();
        GradientReport shrunk = failure.shrunkReport().orElseThrow();
        assertThat(FailureSignature.of(shrunk).keeps(FailureSignature.of(first))).isTrue();
        Value x = failure.shrunkPoint().orElseThrow().get("x");
        Value y = failure.shrunkPoint().orElseThrow().get("y");
        // x + y = 0 makes the gradient of xpy zero, and y's gradient right: never the shrunk point
        assertThat(x.get(0) + y.get(0)).isNotZero();
    }
}
