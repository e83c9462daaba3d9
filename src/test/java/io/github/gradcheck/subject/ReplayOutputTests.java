package io.github.gradcheck.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A graph's replay re-evaluates only what lies downstream of the perturbed node, and
 * {@link Subject#replayOutput} returns exactly the output of the full replay.
 */
class ReplayOutputTests {

    /** y = w ⊙ x, element-wise, with its parameter array perturbed in place. */
    static final class Scale implements Layer<double[], double[]> {
        final double[] w = {0.5, -2.0};
        final double[] dw = new double[2];
        int forwardCalls;

        @Override
        public double[] forward(double[] x) {
            forwardCalls++;
            return new double[] {w[0] * x[0], w[1] * x[1]};
        }

        @Override
        public double[] backward(double[] g) {
            return new double[] {w[0] * g[0], w[1] * g[1]};
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.of("w", w, () -> dw));
        }
    }

    private static final Op SUM = Op.of(in -> {
        double[] v = in.vector(0);
        return v[0] + v[1];
    }, (in, out, g) -> new double[] {g.asScalar(), g.asScalar()});

    private static final Op SQUARE = Op.of(in -> {
        double[] v = in.vector(0);
        return new double[] {v[0] * v[0], v[1] * v[1]};
    }, (in, out, g) -> {
        double[] v = in.vector(0);
        double[] gv = g.asVector();
        return new double[] {2 * v[0] * gv[0], 2 * v[1] * gv[1]};
    });

    @Test
    void theOutputOfAReplayIsTheOutputOfTheFullReplayForEveryNodeAndElement() {
        Scale scale = new Scale();
        GraphSubject g = GraphSubject.builder("net").input("x").layer("scale", scale, "x")
                .op("square", SQUARE, "scale").op("sum", SUM, "square").build();
        Trace trace = g.forward(Point.of("x", new double[] {1.5, -0.25}));

        for (Node n : trace.nodes()) {
            for (int j = 0; j < n.value().size(); j++) {
                Value moved = n.value().with(j, n.value().get(j) + 0.125);
                Trace full = g.replay(trace, n.name(), moved);
                assertThat(g.replayOutput(trace, n.name(), moved)).isEqualTo(full.output().value());
                assertThat(full.node(n.name()).value()).isEqualTo(moved);
            }
        }
        assertThat(scale.w).containsExactly(0.5, -2.0);
    }

    @Test
    void aPerturbedIntermediateReEvaluatesOnlyTheNodesAfterIt() {
        Scale scale = new Scale();
        GraphSubject g = GraphSubject.builder("net").input("x").layer("scale", scale, "x")
                .op("square", SQUARE, "scale").op("sum", SUM, "square").build();
        Trace trace = g.forward(Point.of("x", new double[] {1.5, -0.25}));
        int calls = scale.forwardCalls;

        Value out = g.replayOutput(trace, "square", Value.vector(1.0, 4.0));

        assertThat(out.asScalar()).isEqualTo(5.0);
        assertThat(scale.forwardCalls).isEqualTo(calls);
        assertThat(g.replayOutput(trace, "scale.w", Value.vector(1.0, 1.0)).asScalar()).isEqualTo(1.5 * 1.5 + 0.0625);
        assertThat(scale.forwardCalls).isEqualTo(calls + 1);
    }

    @Test
    void replayingANodeTheGraphDoesNotHaveNamesIt() {
        GraphSubject g = GraphSubject.builder("net").input("x").op("sum", SUM, "x").build();
        Trace trace = g.forward(Point.of("x", new double[] {1.0, 2.0}));

        assertThatThrownBy(() -> g.replayOutput(trace, "nope", Value.scalar(1)))
                .isInstanceOf(SubjectException.class).hasMessageContaining("'nope'");
    }
}
