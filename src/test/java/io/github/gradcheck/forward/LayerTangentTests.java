package io.github.gradcheck.forward;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import io.github.gradcheck.examples.forward.LayerTangents;
import io.github.gradcheck.examples.forward.LayerTangents.Bug;
import io.github.gradcheck.examples.network.Dense;
import io.github.gradcheck.examples.network.Tanh;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Forward mode layer by layer: the tangent rules of a Sequential's layers, blamed on a layer and an argument. */
class LayerTangentTests {

    @Test
    void rightLayerTangentsPassLayerByLayerAndAgreeWithTheirBackwards() {
        TangentReport r = GradCheck.checkTangents(LayerTangents.network(Bug.NONE), LayerTangents.POINT);
        Assertions.assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
        Assertions.assertThat(r.nodes()).extracting(n -> n.name())
                .containsExactly("Dense#1", "Tanh", "Dense#2", "SoftmaxCrossEntropy");
        // every layer's rule against its own backward, parameters included
        Assertions.assertThat(r.identities()).hasSize(16).allSatisfy(i -> Assertions.assertThat(i.where())
                .startsWith("layer '"));
        Assertions.assertThat(r.producers().get("Dense#2")).containsExactly("Tanh", "Dense#2.W", "Dense#2.b");
        assertThat(LayerTangents.network(Bug.NONE)).at(LayerTangents.POINT).hasCorrectTangents();
    }

    @Test
    void aForgottenBiasTangentIsBlamedOnTheLayerAndItsBias() {
        TangentReport r = GradCheck.checkTangents(LayerTangents.network(Bug.FORGOTTEN_BIAS_TANGENT),
                LayerTangents.POINT);
        Assertions.assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        Assertions.assertThat(r.blame().origin()).contains("Dense#2");
        Assertions.assertThat(r.blame().consequences()).containsExactly("SoftmaxCrossEntropy");
        EdgeReport wrong = Assertions.assertThat(r.blame().wrongEdges()).singleElement().actual();
        Assertions.assertThat(wrong.edge().producer()).isEqualTo("Dense#2.b");
        Assertions.assertThat(wrong.consumer()).isEqualTo("the tangent rule of layer 'Dense#2'");
        Assertions.assertThat(Diagnoses.of(r).all()).anySatisfy(d -> {
            Assertions.assertThat(d.kind()).isEqualTo(DiagnosisKind.ZERO_WHERE_NONZERO);
            Assertions.assertThat(d.sentence()).contains("with respect to argument 2 ('Dense#2.b')");
        });
        Assertions.assertThat(r.failedIdentities()).isNotEmpty().allSatisfy(i -> Assertions.assertThat(i.where())
                .startsWith("layer 'Dense#2'"));
        Assertions.assertThat(TextReport.render(r))
                .contains("verdict: WRONG: the first wrong node going forward is 'Dense#2'")
                .contains("edge:  the tangent rule of layer 'Dense#2' with respect to argument 2 ('Dense#2.b') is"
                        + " WRONG: along the tangent of 'Dense#2.b' alone it gave 0.0, the layer alone measures")
                .contains("right: Dense#1, Tanh");
        assertThat(LayerTangents.network(Bug.FORGOTTEN_BIAS_TANGENT)).at(LayerTangents.POINT)
                .hasWrongTangentAt("Dense#2");
    }

    @Test
    void transposedWeightsAreBlamedOnTheLayerAndItsInput() {
        TangentReport r = GradCheck.checkTangents(LayerTangents.network(Bug.TRANSPOSED_WEIGHTS), LayerTangents.POINT);
        Assertions.assertThat(r.blame().origin()).contains("Dense#2");
        Assertions.assertThat(r.blame().wrongEdges()).extracting(e -> e.edge().producer()).containsExactly("Tanh");
        Assertions.assertThat(r.blame().edges()).extracting(e -> e.edge().producer())
                .containsExactly("Tanh", "Dense#2.W", "Dense#2.b");
    }

    @Test
    void aRightTangentWithAWrongBackwardFailsOnlyThatLayersAdjointTest() {
        TangentReport r = GradCheck.checkTangents(LayerTangents.network(Bug.NONE, Dense.Backward.MISSING_TRANSPOSE),
                LayerTangents.POINT);
        Assertions.assertThat(r.tangentVerdict()).isEqualTo(Verdict.PASS);
        Assertions.assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        Assertions.assertThat(r.failedIdentities()).isNotEmpty().extracting(IdentityCheck::where)
                .allMatch(w -> w.startsWith("layer 'Dense#2'"));
        Assertions.assertThat(TextReport.render(r)).contains("WRONG: the tangent rule of layer 'Dense#2' disagrees with"
                + " its backward");
    }

    @Test
    void theParametersAreLeftAsTheyWere() {
        double[][] w = {{0.4, -0.7}, {0.9, 0.1}};
        double[] b = {0.1, -0.2};
        double[][] wBefore = {w[0].clone(), w[1].clone()};
        double[] bBefore = b.clone();
        GraphSubject net = Sequential.of("dense", LayerTangents.dense(w, b, Dense.Backward.RIGHT,
                Bug.FORGOTTEN_BIAS_TANGENT));
        GradCheck.checkTangents(net, Point.of("x", new double[] {0.3, -0.6}));
        Assertions.assertThat(w).isDeepEqualTo(wBefore);
        Assertions.assertThat(b).isEqualTo(bBefore);
    }

    @Test
    void aLayerOfFunctionsTakesATangentRuleToo() {
        double[] scale = {2.0, -0.5};
        double[][] grad = new double[1][];
        double[][] input = new double[1][];
        Layer<double[], double[]> scaled = Layer.<double[], double[]>of("scale", x -> {
            input[0] = x.clone();
            return new double[] {scale[0] * x[0], scale[1] * x[1]};
        }, g -> {
            grad[0] = new double[] {g[0] * input[0][0], g[1] * input[0][1]};
            return new double[] {scale[0] * g[0], scale[1] * g[1]};
        }, Parameter.of("s", scale, () -> grad[0])).withTangent((x, y, dx, dp) -> new double[] {
            dp.vector("s")[0] * x[0] + scale[0] * dx[0], dp.vector("s")[1] * x[1] + scale[1] * dx[1]});
        Assertions.assertThat(scaled.name()).isEqualTo("scale");
        Assertions.assertThat(scaled.parameters()).extracting(Parameter::name).containsExactly("s");
        TangentReport r = GradCheck.checkTangents(Sequential.of("scaled", scaled), Point.of("x", new double[] {1.5,
            -0.25}));
        Assertions.assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
    }

    @Test
    void layersWithoutATangentRuleAndUnusableRulesAreErrorsThatNameTheLayer() {
        GraphSubject noRule = Sequential.of("no rule", LayerTangents.tanh(), new Tanh());
        assertThatThrownBy(() -> GradCheck.checkTangents(noRule, Point.of("x", new double[] {0.1, 0.2})))
                .isInstanceOf(SubjectException.class).hasMessageContaining("node 'Tanh#2': has no tangent rule")
                .hasMessageContaining("every layer one with layer.withTangent((x, y, dx, dp) -> ...)");
        GraphSubject wrongShape = Sequential.of("wrong shape", new Tanh().withTangent((x, y, dx, dp) -> new double[1]));
        assertThatThrownBy(() -> GradCheck.checkTangents(wrongShape, Point.of("x", new double[] {0.1, 0.2})))
                .isInstanceOf(SubjectException.class).hasMessageContaining("the tangent rule of layer 'Tanh' returned"
                        + " a tangent of shape [1] but the layer's output has shape [2]");
        GraphSubject throwing = Sequential.of("throws", new Tanh().withTangent((x, y, dx, dp) -> {
            throw new IllegalStateException("not yet");
        }));
        assertThatThrownBy(() -> GradCheck.checkTangents(throwing, Point.of("x", new double[] {0.1, 0.2})))
                .isInstanceOf(SubjectException.class).hasMessageContaining("the tangent rule of layer 'Tanh' threw"
                        + " java.lang.IllegalStateException: not yet");
        GraphSubject noParameter = Sequential.of("no such parameter", new Tanh().withTangent((x, y, dx, dp) ->
                dp.vector("W")));
        assertThatThrownBy(() -> GradCheck.checkTangents(noParameter, Point.of("x", new double[] {0.1, 0.2})))
                .isInstanceOf(SubjectException.class).hasMessageContaining("the tangent rule of layer 'Tanh' threw");
    }

    @Test
    void theSameCheckMeasuresTheSame() {
        TangentReport a = GradCheck.checkTangents(LayerTangents.network(Bug.TRANSPOSED_WEIGHTS), LayerTangents.POINT);
        TangentReport b = GradCheck.checkTangents(LayerTangents.network(Bug.TRANSPOSED_WEIGHTS), LayerTangents.POINT);
        Assertions.assertThat(a.nodes()).isEqualTo(b.nodes());
        Assertions.assertThat(a.identities()).isEqualTo(b.identities());
    }
}
