package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.TracedSubject;
import org.junit.jupiter.api.Test;

/**
 * Buffers shared between calls and arrays changed in place: gradcheck copies what it caches,
 * so reused buffers cannot corrupt a check, and where an in-place change would make the
 * user's own computation inconsistent it says so.
 */
class AliasingTests {

    static final Point X = Point.of("x", new double[] {0.4, -1.2, 0.7});

    /** y = x², written with one output buffer and one gradient buffer reused by every call. */
    static final class SquareWithBuffers implements Layer<double[], double[]> {
        final double[] out = new double[3];
        final double[] dx = new double[3];
        double[] x;

        @Override
        public double[] forward(double[] input) {
            x = input;
            for (int i = 0; i < 3; i++) {
                out[i] = input[i] * input[i];
            }
            return out;
        }

        @Override
        public double[] backward(double[] g) {
            for (int i = 0; i < 3; i++) {
                dx[i] = 2 * x[i] * g[i];
                g[i] = 0;              // scribbles over the gradient it was given
            }
            return dx;
        }
    }

    /** The sum, as a loss. */
    static final class Sum implements Layer<double[], Double> {
        @Override
        public Double forward(double[] x) {
            double s = 0;
            for (double v : x) {
                s += v;
            }
            return s;
        }

        @Override
        public double[] backward(Double g) {
            return new double[] {g, g, g};
        }
    }

    @Test
    void reusedOutputAndGradientBuffersDoNotCorruptTheCheck() {
        GradientReport report = GradCheck.check(Sequential.of("buffers", new SquareWithBuffers(), new Sum()), X);
        assertThat(report.passed()).as(TextReport.render(report)).isTrue();
        assertThat(report.node("x").orElseThrow().worst().analytic()).isIn(0.8, -2.4, 1.4);
    }

    @Test
    void aFunctionMayChangeTheCopiesItIsHandedAndReuseItsOutputBuffer() {
        double[] buffer = new double[3];
        FunctionSubject s = FunctionSubject.of("in place on copies", in -> {
            double[] x = in.vector("x");
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.sin(x[i]);      // changes the copy it was handed
                buffer[i] = x[i];
            }
            return buffer;                  // the same array every call
        }, (in, out, g) -> {
            double[] x = in.vector("x");
            double[] u = g.asVector();
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.cos(x[i]) * u[i];
            }
            return x;
        });
        GradientReport report = GradCheck.check(s, X);
        assertThat(report.passed()).as(TextReport.render(report)).isTrue();
    }

    @Test
    void tracedCodeThatChangesANodeAfterRecordingItIsReported() {
        TracedSubject s = TracedSubject.of("late change", t -> {
            double[] x = t.vector("x");
            double[] h = t.node("h", new double[] {x[0] * x[0], x[1] * x[1], x[2] * x[2]});
            h[1] = 0;                                   // changes the recorded node afterwards
            t.output("f", h[0] + h[1] + h[2]);
        }, t -> {
        });
        assertThatThrownBy(() -> GradCheck.check(s, X))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("subject 'late change', node 'h': the forward changed the array of node 'h'"
                        + " after recording it");
    }

    @Test
    void aFunctionWhoseOutputChangesShapeUnderPerturbationIsReported() {
        FunctionSubject s = FunctionSubject.of("shape shifter",
                in -> in.scalar("x") > 1.0 ? new double[] {1, 2, 3} : new double[] {1, 2},
                (in, out, g) -> 0.0);
        assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", 1.0)))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("subject 'shape shifter', node 'output': the forward returned shape [3] when"
                        + " 'x' was perturbed, but [2] at the point");
    }
}
