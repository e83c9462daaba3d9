package io.github.gradcheck.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a replay saves must not cost a promise: a perturbed parameter element is written alone and
 * restored alone, in every kind of array a parameter may live in; the output a layer returned is
 * handed on to the next layer as it is, and a layer that changes it in place is still caught; a
 * layer that reuses its output array is still replayed right.
 */
class ReplayBookkeepingTests {

    /** y = tanh(W·x + b) for a vector x, W kept as the test says. */
    static final class Dense implements Layer<double[], double[]> {
        private final Parameter weights;
        private final double[] b;
        private final int out;
        private final int in;
        private final boolean wrongBias;
        private double[] x;
        private double[] y;
        private double[] dw;
        private double[] db;

        Dense(Parameter weights, double[] b, int in, boolean wrongBias) {
            this.weights = weights;
            this.b = b;
            this.out = b.length;
            this.in = in;
            this.wrongBias = wrongBias;
        }

        double w(int i, int j) {
            Object a = weights.array();
            if (a instanceof double[][] m) {
                return m[i][j];
            }
            if (a instanceof float[][] m) {
                return m[i][j];
            }
            return ((double[]) a)[j * out + i]; // column-major flat
        }

        @Override
        public double[] forward(double[] input) {
            x = input.clone();
            y = new double[out];
            for (int i = 0; i < out; i++) {
                double z = b[i];
                for (int j = 0; j < in; j++) {
                    z += w(i, j) * x[j];
                }
                y[i] = Math.tanh(z);
            }
            return y;
        }

        @Override
        public double[] backward(double[] g) {
            double[] gz = new double[out];
            for (int i = 0; i < out; i++) {
                gz[i] = g[i] * (1 - y[i] * y[i]);
            }
            dw = new double[out * in];
            double[] dx = new double[in];
            for (int i = 0; i < out; i++) {
                for (int j = 0; j < in; j++) {
                    dw[i * in + j] = gz[i] * x[j];
                    dx[j] += w(i, j) * gz[i];
                }
            }
            db = gz.clone();
            if (wrongBias) {
                db[0] *= 2;
            }
            return dx;
        }

        Object weightGradient() {
            Object a = weights.array();
            if (a instanceof double[][]) {
                double[][] m = new double[out][in];
                for (int i = 0; i < out; i++) {
                    m[i] = Arrays.copyOfRange(dw, i * in, (i + 1) * in);
                }
                return m;
            }
            if (a instanceof float[][]) {
                float[][] m = new float[out][in];
                for (int i = 0; i < out; i++) {
                    for (int j = 0; j < in; j++) {
                        m[i][j] = (float) dw[i * in + j];
                    }
                }
                return m;
            }
            return Value.of(Shape.of(out, in), dw); // row-major, of the parameter's shape
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(weights, Parameter.of("b", b, () -> db));
        }
    }

    /** ½‖h‖², times the output's gradient. */
    private static Layer<double[], Double> loss() {
        double[][] last = new double[1][];
        return Layer.of("loss", h -> {
            last[0] = h.clone();
            double s = 0;
            for (double e : h) {
                s += e * e;
            }
            return 0.5 * s;
        }, g -> {
            double[] d = last[0].clone();
            for (int i = 0; i < d.length; i++) {
                d[i] *= g;
            }
            return d;
        });
    }

    private static Dense[] layersOf(String kind, boolean wrongBias) {
        Dense[] d = new Dense[2];
        for (int k = 0; k < 2; k++) {
            double[][] w = {{0.3 + k, -0.7, 0.2}, {0.5, 0.1 - k, -0.4}, {-0.2, 0.6, 0.9 * k}};
            Dense[] holder = new Dense[1];
            Parameter p = switch (kind) {
                case "double[][]" -> Parameter.of("W", w, () -> holder[0].weightGradient());
                case "float[][]" -> {
                    float[][] f = new float[3][3];
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            f[i][j] = (float) w[i][j];
                        }
                    }
                    yield Parameter.of("W", f, () -> holder[0].weightGradient());
                }
                default -> {
                    double[] flat = new double[9];
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            flat[j * 3 + i] = w[i][j];
                        }
                    }
                    yield Parameter.of("W", flat, Shape.of(3, 3), Parameter.Order.COLUMN_MAJOR,
                            () -> holder[0].weightGradient());
                }
            };
            holder[0] = new Dense(p, new double[] {0.1, -0.2, 0.05 * k}, 3, wrongBias && k == 0);
            d[k] = holder[0];
        }
        return d;
    }

    private static Object copyOf(Object array) {
        if (array instanceof double[][] m) {
            return Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
        }
        if (array instanceof float[][] m) {
            float[][] c = new float[m.length][];
            for (int i = 0; i < m.length; i++) {
                c[i] = m[i].clone();
            }
            return c;
        }
        return ((double[]) array).clone();
    }

    @Test
    void everyKindOfParameterArrayIsMeasuredRightAndRestoredBitForBitWhenItsElementsAreWrittenOneAtATime() {
        for (String kind : List.of("double[][]", "float[][]", "column-major double[]")) {
            for (boolean wrongBias : new boolean[] {false, true}) {
                Dense[] d = layersOf(kind, wrongBias);
                Object[] before = {copyOf(d[0].weights.array()), copyOf(d[1].weights.array())};
                GraphSubject net = Sequential.of("net (" + kind + ")", d[0], d[1], loss());
                GradientReport r = GradCheck.check(net, Point.of("x", new double[] {0.4, -1.1, 0.7}),
                        CheckOptions.defaults().withMode(CheckMode.FULL));
                assertThat(r.verdict()).as(kind + (wrongBias ? ", wrong bias" : "")).isEqualTo(
                        wrongBias ? Verdict.FAIL : Verdict.PASS);
                if (wrongBias) {
                    assertThat(r.whatIsWrong()).as(kind).anySatisfy(line -> assertThat(line).contains("Dense#1"));
                } else if (!kind.startsWith("float")) {
                    assertThat(r.node("Dense#1.W").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
                }
                for (int k = 0; k < 2; k++) {
                    assertThat(d[k].weights.array()).as(kind + ", layer " + k).isEqualTo(before[k]);
                }
            }
        }
    }

    /** Changes its input in place from its {@code from}-th forward on. */
    static final class ChangesItsInputLater implements Layer<double[], double[]> {
        private final int from;
        private int calls;

        ChangesItsInputLater(int from) {
            this.from = from;
        }

        @Override
        public double[] forward(double[] x) {
            if (++calls >= from) {
                x[0] = 0;
            }
            return new double[] {x[0] + x[1], x[1]};
        }

        @Override
        public double[] backward(double[] g) {
            return new double[] {g[0], g[0] + g[1]};
        }
    }

    @Test
    void aLayerThatChangesTheArrayTheLayerBeforeItReturnedIsCaughtInAReplay() {
        Dense[] d = layersOf("double[][]", false);
        ChangesItsInputLater bad = new ChangesItsInputLater(4);
        Layer<double[], double[]> narrow = Layer.of("narrow", (double[] x) -> new double[] {x[0] * x[1], x[2]},
                (double[] g) -> new double[] {0, 0, 0});
        GraphSubject net = Sequential.of("net", d[0], narrow, bad, loss());
        Point p = Point.of("x", new double[] {0.4, -1.1, 0.7});
        Trace t = net.forward(p);
        net.forward(p);
        net.forward(p); // three forwards at the point: the next call changes its input
        assertThatThrownBy(() -> net.replayOutput(t, "Dense.W", t.node("Dense.W").value().with(0, 0.31)))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("ChangesItsInputLater").hasMessageContaining("modified its input array in place");
    }

    /** Returns the same output array from every forward, as layers with a preallocated buffer do. */
    static final class ReusesItsOutput implements Layer<double[], double[]> {
        private final double[] y = new double[3];

        @Override
        public double[] forward(double[] x) {
            for (int i = 0; i < 3; i++) {
                y[i] = 2 * x[i] + x[(i + 1) % 3];
            }
            return y;
        }

        @Override
        public double[] backward(double[] g) {
            double[] dx = new double[3];
            for (int i = 0; i < 3; i++) {
                dx[i] += 2 * g[i];
                dx[(i + 1) % 3] += g[i];
            }
            return dx;
        }
    }

    @Test
    void aLayerThatReusesItsOutputArrayIsReplayedAsItIsComputedFresh() {
        Dense[] d = layersOf("double[][]", false);
        ReusesItsOutput reuse = new ReusesItsOutput();
        GraphSubject net = Sequential.of("net", d[0], reuse, d[1], reuse, loss());
        Point p = Point.of("x", new double[] {0.4, -1.1, 0.7});
        Trace t = net.forward(p);
        Value perturbed = t.node("Dense#1.W").value().with(4, 0.17);
        Value replayed = net.replayOutput(t, "Dense#1.W", perturbed);
        d[0].weights.write(perturbed);
        double fresh = net.forward(p).output().value().asScalar();
        d[0].weights.write(t.node("Dense#1.W").value());
        assertThat(replayed.asScalar()).isEqualTo(fresh);
        GradientReport r = GradCheck.check(net, p, CheckOptions.defaults().withMode(CheckMode.FULL));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }
}
