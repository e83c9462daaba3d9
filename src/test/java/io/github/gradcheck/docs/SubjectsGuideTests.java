package io.github.gradcheck.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import io.github.gradcheck.examples.network.Tanh;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code of docs/subjects.md, run: each snippet is here, and what the page says it does is asserted. */
class SubjectsGuideTests {

    @Test
    void aFunctionWithSeveralInputs() {
        Subject weightedSum = FunctionSubject.of("weighted sum",
                in -> {
                    double[] w = in.vector("w");
                    double[] x = in.vector("x");
                    double s = 0;
                    for (int i = 0; i < w.length; i++) {
                        s += w[i] * x[i];
                    }
                    return s;
                },
                (in, out, gOut) -> {
                    double[] w = in.vector("w");
                    double[] x = in.vector("x");
                    double[] dw = new double[w.length];
                    double[] dx = new double[x.length];
                    for (int i = 0; i < w.length; i++) {
                        dw[i] = x[i] * gOut.asScalar();
                        dx[i] = w[i] * gOut.asScalar();
                    }
                    return new Object[] {dw, dx};           // one gradient per input, in the point's order
                });
        GradientReport report = GradCheck.check(weightedSum,
                Point.of("w", new double[] {0.5, -1.0, 2.0}, "x", new double[] {1.5, 0.25, -0.75}));

        assertThat(report.passed()).isTrue();
        assertThat(report.nodes()).extracting(n -> n.name()).containsExactly("output", "x", "w");
    }

    @Test
    void aConstantInputIsNeverPerturbed() {
        Subject pick = FunctionSubject.of("3 z[label]",
                in -> 3 * in.vector("z")[(int) in.scalar("label")],
                (in, out, gOut) -> {
                    double[] dz = new double[3];
                    dz[(int) in.scalar("label")] = 3 * gOut.asScalar();
                    return new Object[] {dz, null};         // a constant's gradient may be null
                });
        Point p = Point.builder().input("z", new double[] {0.1, 0.2, 0.3}).constant("label", 1).build();
        GradientReport report = GradCheck.check(pick, p);

        assertThat(report.passed()).isTrue();
        assertThat(report.node("label")).isEmpty();
        assertThat(p.isConstant("label")).isTrue();
    }

    @Test
    void theTracedWorkedExampleIsBlamedAtDenWithAFlippedSign() {
        Subject f = TracedSubject.of("worked example",
                t -> {                                       // the forward
                    double x = t.scalar("x");
                    double y = t.scalar("y");
                    double sigy = t.node("sigy", 1 / (1 + Math.exp(-y)));
                    double num = t.node("num", x + sigy);
                    double sigx = t.node("sigx", 1 / (1 + Math.exp(-x)));
                    double xpy = t.node("xpy", x + y);
                    double xpysqr = t.node("xpysqr", xpy * xpy);
                    double den = t.node("den", sigx + xpysqr);
                    double invden = t.node("invden", 1 / den);
                    t.output("f", num * invden);
                },
                t -> {                                       // the backward
                    double df = t.seed();
                    double dnum = t.scalar("invden") * df;
                    double dinvden = t.scalar("num") * df;
                    double dden = 1 / (t.scalar("den") * t.scalar("den")) * dinvden;   // BUG: the sign
                    double dsigx = dden;
                    double dxpysqr = dden;
                    double dxpy = 2 * t.scalar("xpy") * dxpysqr;
                    double sigx = t.scalar("sigx");
                    double sigy = t.scalar("sigy");
                    double dsigy = dnum;
                    t.grad("num", dnum);
                    t.grad("invden", dinvden);
                    t.grad("den", dden);
                    t.grad("sigx", dsigx);
                    t.grad("xpysqr", dxpysqr);
                    t.grad("xpy", dxpy);
                    t.grad("sigy", dsigy);
                    t.grad("x", dnum + sigx * (1 - sigx) * dsigx + dxpy);
                    t.grad("y", sigy * (1 - sigy) * dsigy + dxpy);
                });
        GradientReport report = GradCheck.check(f, Point.of("x", 3.0, "y", -4.0));

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.blame().origin()).contains("den");
        assertThat(Diagnoses.of(report).forNode("den").orElseThrow().kind()).isEqualTo(DiagnosisKind.WRONG_SIGN);
        assertThat(report.nodes()).extracting(n -> n.name())
                .containsExactly("f", "invden", "den", "xpysqr", "xpy", "sigx", "num", "sigy", "y", "x");
    }

    @Test
    void forwardAndBackwardInOneBody() {
        Subject cube = TracedSubject.of("x cubed", t -> {
            double x = t.scalar("x");
            double sq = t.node("sq", x * x);
            t.output("f", sq * x);
            // the backward, in the same body
            double df = t.seed();
            t.grad("sq", x * df);
            t.grad("x", sq * df + 2 * x * x * df);
        });
        GradientReport report = GradCheck.check(cube, Point.of("x", 1.5));

        assertThat(report.passed()).isTrue();
        assertThat(report.nodes()).extracting(n -> n.name()).containsExactly("f", "sq", "x");
    }

    @Test
    void tracedArrays() {
        Subject sumOfSquares = TracedSubject.of("sum of tanh squared",
                t -> {
                    double[] x = t.vector("x");
                    double[] h = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        h[i] = Math.tanh(x[i]);
                    }
                    h = t.node("h", h);                      // from here on, use the array node returned
                    double s = 0;
                    for (double v : h) {
                        s += v * v;
                    }
                    t.output("f", s);
                },
                t -> {
                    double[] h = t.vector("h");
                    double[] dh = new double[h.length];
                    double[] dx = new double[h.length];
                    for (int i = 0; i < h.length; i++) {
                        dh[i] = 2 * h[i] * t.seed();
                        dx[i] = (1 - h[i] * h[i]) * dh[i];
                    }
                    t.grad("h", dh);
                    t.grad("x", dx);
                });
        GradientReport report = GradCheck.check(sumOfSquares, Point.of("x", new double[] {0.3, -1.2, 0.8}));

        assertThat(report.passed()).isTrue();
        assertThat(report.node("h").orElseThrow().shape().size()).isEqualTo(3);
    }

    @Test
    void aGraphOfOpsWithFanOut() {
        Op sigmoid = Op.of(
                in -> 1 / (1 + Math.exp(-in.scalar(0))),
                (in, out, gOut) -> gOut.asScalar() * out.asScalar() * (1 - out.asScalar()));
        Op times = Op.of(
                in -> in.scalar(0) * in.scalar(1),
                (in, out, gOut) -> new double[] {in.scalar(1) * gOut.asScalar(), in.scalar(0) * gOut.asScalar()});
        GraphSubject swish = GraphSubject.builder("swish")
                .input("x")
                .op("s", sigmoid, "x")
                .op("f", times, "x", "s")                    // x feeds s and f: gradcheck sums both
                .build();
        GradientReport report = GradCheck.check(swish, Point.of("x", 0.7));

        assertThat(report.passed()).isTrue();
        assertThat(report.node("x").orElseThrow().consumers()).containsExactlyInAnyOrder("s", "f");
    }

    @Test
    void aWrongOpIsBlamedOnItsEdge() {
        Op sigmoid = Op.of(
                in -> 1 / (1 + Math.exp(-in.scalar(0))),
                (in, out, gOut) -> gOut.asScalar() * out.asScalar());  // forgets the (1 - σ)
        Op times = Op.of(
                in -> in.scalar(0) * in.scalar(1),
                (in, out, gOut) -> new double[] {in.scalar(1) * gOut.asScalar(), in.scalar(0) * gOut.asScalar()});
        GradientReport report = GradCheck.check(GraphSubject.builder("swish").input("x").op("s", sigmoid, "x")
                .op("f", times, "x", "s").build(), Point.of("x", 0.7));

        assertThat(report.blame().origin()).contains("x");
        assertThat(report.blame().wrongEdges()).extracting(e -> e.edge()).containsExactly(new Edge("x", "s", 0));
    }

    /** y = w ⊙ x with a parameter w, as docs/subjects.md shows a layer. */
    static final class Scale implements Layer<double[], double[]> {
        private final double[] w;
        private double[] dw;
        private double[] x;                                 // cached by forward for backward

        Scale(double... w) {
            this.w = w;
        }

        @Override
        public double[] forward(double[] input) {
            x = input.clone();
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = w[i] * x[i];
            }
            return y;
        }

        @Override
        public double[] backward(double[] gradOutput) {
            dw = new double[w.length];                      // overwrite, never +=
            double[] dx = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                dw[i] = gradOutput[i] * x[i];
                dx[i] = gradOutput[i] * w[i];
            }
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.of("w", w, () -> dw));
        }
    }

    @Test
    void aStackOfLayers() {
        Subject net = Sequential.of("scale, tanh, scale", new Scale(0.5, -2.0, 1.5), new Tanh(), new Scale(1.0, 0.3, -0.7));
        GradientReport report = GradCheck.check(net, Point.of("x", new double[] {0.2, 0.4, -1.0}));

        assertThat(report.passed()).isTrue();
        assertThat(report.nodes()).extracting(n -> n.name())
                .containsExactly("Scale#2", "Scale#2.w", "Tanh", "Scale#1", "Scale#1.w", "x");
        assertThat(report.node("Scale#1.w").orElseThrow().kind()).isEqualTo(NodeKind.PARAMETER);
    }

    @Test
    void layersInAGraph() {
        Scale scale = new Scale(0.5, -2.0, 1.5);
        GraphSubject g = GraphSubject.builder("scaled tanh")
                .input("x")
                .layer("scale", scale, "x")
                .layer("tanh", new Tanh(), "scale")
                .build();
        GradientReport report = GradCheck.check(g, Point.of("x", new double[] {0.2, 0.4, -1.0}));

        assertThat(report.passed()).isTrue();
        assertThat(report.node("scale.w")).isPresent();
    }
}
