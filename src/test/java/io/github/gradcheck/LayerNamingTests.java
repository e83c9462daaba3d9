package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Layers are named so that a person can find them: an anonymous class by the name Java gives it
 * (the class it is written in and its number), a layer whose {@code name()} is blank by its
 * position and class; a node without a name is refused naming its position and class.
 */
class LayerNamingTests {

    /** y = 2x, anonymous. */
    static Layer<double[], double[]> doubling() {
        return new Layer<>() {
            @Override
            public double[] forward(double[] x) {
                double[] y = x.clone();
                for (int i = 0; i < y.length; i++) {
                    y[i] *= 2;
                }
                return y;
            }

            @Override
            public double[] backward(double[] g) {
                return doublingBackward(g);
            }
        };
    }

    static double[] doublingBackward(double[] g) {
        double[] d = g.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] *= 2;
        }
        return d;
    }

    /** y = 3x, another anonymous class. */
    static Layer<double[], double[]> tripling() {
        return new Layer<>() {
            @Override
            public double[] forward(double[] x) {
                double[] y = x.clone();
                for (int i = 0; i < y.length; i++) {
                    y[i] *= 3;
                }
                return y;
            }

            @Override
            public double[] backward(double[] g) {
                double[] d = g.clone();
                for (int i = 0; i < d.length; i++) {
                    d[i] *= 3;
                }
                return d;
            }
        };
    }

    static List<String> nodes(GradientReport r) {
        return r.nodes().stream().map(NodeReport::name).toList();
    }

    @Test
    void anonymousLayersAreNamedByTheClassTheyAreWrittenInAndTheirNumber() {
        GradientReport r = GradCheck.check(Sequential.of("anonymous", doubling(), tripling(),
                new RobustnessTests.Sum()), RobustnessTests.X);
        assertThat(r.passed()).isTrue();
        assertThat(nodes(r)).containsExactlyInAnyOrder("Sum", "LayerNamingTests$2", "LayerNamingTests$1", "x");
    }

    @Test
    void theSameAnonymousClassTwiceIsNumberedInStackOrder() {
        GradientReport r = GradCheck.check(Sequential.of("twice", doubling(), doubling(), new RobustnessTests.Sum()),
                RobustnessTests.X);
        assertThat(nodes(r)).contains("LayerNamingTests$1#1", "LayerNamingTests$1#2");
    }

    @Test
    void aLayerWithABlankNameIsNamedByItsPositionAndClass() {
        Layer<double[], double[]> blank = new Layer<>() {
            @Override
            public double[] forward(double[] x) {
                return x.clone();
            }

            @Override
            public double[] backward(double[] g) {
                return g.clone();
            }

            @Override
            public String name() {
                return " ";
            }
        };
        GradientReport r = GradCheck.check(Sequential.of("blank", doubling(), blank, new RobustnessTests.Sum()),
                RobustnessTests.X);
        assertThat(nodes(r)).contains("layer 2 (LayerNamingTests$3)");
    }

    @Test
    void aGraphLayerWithoutANodeNameIsRefusedNamingItsPositionAndClass() {
        assertThatThrownBy(() -> GraphSubject.builder("g").input("x").layer("", doubling(), "x"))
                .isInstanceOf(SubjectException.class)
                .hasMessage("subject 'g': The layer added as definition 2 of the graph (a LayerNamingTests$1) needs a"
                        + " non-empty name, got \"\"; give every input, op and layer its own name, e.g."
                        + " .layer(\"dense1\", layer, \"x\")");
        assertThatThrownBy(() -> GraphSubject.builder("g").input(null))
                .isInstanceOf(SubjectException.class).hasMessageContaining("Input 1 of the graph needs a non-empty"
                        + " name, got null");
    }
}
