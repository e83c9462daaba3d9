package io.github.gradcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.examples.network.Networks;
import io.github.gradcheck.model.Edge;
import org.junit.jupiter.api.Test;

class EveryOpCheckedTests {

    @Test
    void twoBrokenLayersAreBothNamedInOneRun() {
        GradientReport r = GradCheck.check(Networks.broken(Networks.Bug.TWO_BROKEN_LAYERS), Networks.POINT);

        assertThat(r.blame().wrongEdges()).extracting(EdgeReport::edge).containsExactly(
                new Edge("Dense#2", "SoftmaxCrossEntropy", 0), new Edge("Tanh", "Dense#2", 0));
        assertThat(r.whatIsWrong()).containsExactly(
                "the backward of layer 'SoftmaxCrossEntropy' with respect to argument 0 ('Dense#2') is wrong",
                "the backward of layer 'Dense#2' with respect to argument 0 ('Tanh') is wrong");
    }

    @Test
    void endToEndAloneNamesOnlyTheFirstAndCallsTheSecondAConsequence() {
        GradientReport r = GradCheck.check(Networks.broken(Networks.Bug.TWO_BROKEN_LAYERS), Networks.POINT,
                CheckOptions.defaults().withGraphChecks(GraphChecks.END_TO_END));

        assertThat(r.blame().wrongEdges()).extracting(EdgeReport::edge)
                .containsExactly(new Edge("Dense#2", "SoftmaxCrossEntropy", 0));
        assertThat(r.blame().consequences()).contains("Tanh");
    }

    @Test
    void aRightNetworkPassesEveryOpCheck() {
        GradientReport r = GradCheck.check(Networks.correct(), Networks.POINT);

        assertThat(r.passed()).isTrue();
        assertThat(r.blame().edges()).hasSize(8).allMatch(e -> e.verdict() == Verdict.PASS);
        assertThat(r.whatIsWrong()).isEmpty();
    }
}
