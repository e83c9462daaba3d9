package io.github.gradcheck.examples.network;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.examples.network.Networks.Bug;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NetworksTests {

    private static final long SEED = 0xC0FFEEL;

    @Test
    void theRightNetworkPassesAt200RandomPointsAndWeights() {
        SplittableRandom random = new SplittableRandom(SEED);
        int inconclusive = 0;

        for (int i = 0; i < 200; i++) {
            long weights = random.nextLong();
            int label = random.nextInt(Networks.CLASSES);
            Point p = Networks.randomPoint(random);
            GradientReport report = GradCheck.check(Networks.network(Bug.NONE, weights, label), p);
            if (report.verdict() == Verdict.INCONCLUSIVE) {
                inconclusive++; // too coarse to decide: no evidence either way, as a user would resample
                continue;
            }
            assertThat(report).as("point %d (weights %d, label %d)", i, weights, label).isCorrect();
        }

        assertThat(inconclusive).as("inconclusive points of 200").isLessThanOrEqualTo(10);
    }

    @Test
    void theMissingTransposeIsBlamedOnTheInputOfDense2AndItsBackward() {
        GradientReport report = GradCheck.check(Networks.broken(Bug.DENSE_MISSING_TRANSPOSE), Networks.POINT);

        assertThat(report).hasVerdict(Verdict.FAIL).blames("Tanh").blamesEdge("Tanh", "Dense#2")
                .hasCorrectGradientAt("Dense#2.W").hasCorrectGradientAt("Dense#2.b");
        assertThat(report.blame().wrongEdges()).extracting(EdgeReport::edge, EdgeReport::consumer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(new Edge("Tanh", "Dense#2", 0), "layer 'Dense#2'"));
        assertThat(report.blame().otherOrigins()).isEmpty();
        assertThat(report.blame().consequences()).containsExactly("Dense#1", "Dense#1.b", "Dense#1.W", "x");
    }

    @Test
    void theMissingTransposeIsCaughtAtEveryRandomPoint() {
        SplittableRandom random = new SplittableRandom(SEED);

        for (int i = 0; i < 50; i++) {
            long weights = random.nextLong();
            Point p = Networks.randomPoint(random);
            assertThat(Networks.network(Bug.DENSE_MISSING_TRANSPOSE, weights, 1)).as("point %d: %s", i, p)
                    .at(p).hasWrongGradientAt("Tanh").hasCorrectGradientAt("Dense#2");
        }
    }

    @Test
    void theMissingOneHotIsBlamedOnTheLogitsAndTheLossBackward() {
        GradientReport report = GradCheck.check(Networks.broken(Bug.SOFTMAX_CE_MISSING_ONE_HOT), Networks.POINT);

        assertThat(report).blames("Dense#2").blamesEdge("Dense#2", "SoftmaxCrossEntropy")
                .hasCorrectGradientAt("SoftmaxCrossEntropy");
        assertThat(report.blame().wrongEdges()).extracting(EdgeReport::edge)
                .containsExactly(new Edge("Dense#2", "SoftmaxCrossEntropy", 0));
        // only the label's logit is wrong: the other entries of softmax − onehot equal softmax
        assertThat(report.node("Dense#2").orElseThrow().failedElements()).isEqualTo(1);
    }

    @Test
    void anAccumulatingWeightGradientIsCaughtAtTheFirstCheck() {
        GraphSubject net = Networks.broken(Bug.DENSE_ACCUMULATING_WEIGHT_GRADIENT);

        // gradcheck runs the backward twice with the same cotangent: += into dW shows as doubling
        assertThatExceptionOfType(SubjectException.class)
                .isThrownBy(() -> GradCheck.check(net, Networks.POINT))
                .withMessageContaining("subject 'two-layer net (bug: dense accumulating weight gradient)'")
                .withMessageContaining("the backward is not reentrant")
                .withMessageContaining("accumulates");
    }

    @ParameterizedTest
    @EnumSource(Bug.class)
    void theParametersAreLeftBitForBitUnchanged(Bug bug) {
        List<Layer<?, ?>> layers = Networks.layers(bug, SEED, 0);
        GraphSubject net = Sequential.of("net", layers);
        List<long[]> before = parameterBits(layers);

        for (int run = 0; run < 2; run++) {
            try {
                GradCheck.check(net, Networks.POINT);
            } catch (SubjectException expectedForTheAccumulatingBug) {
                assertThat(bug).isEqualTo(Bug.DENSE_ACCUMULATING_WEIGHT_GRADIENT);
            }
        }

        assertUnchanged(before, parameterBits(layers));
    }

    @Test
    void theMissingTransposeInANonSquareLayerIsAClearErrorNamingTheLayer() {
        SplittableRandom random = new SplittableRandom(SEED);
        Dense nonSquare = new Dense(Networks.matrix(random, 3, 4), Networks.vector(random, 3),
                Dense.Backward.MISSING_TRANSPOSE);
        List<Layer<?, ?>> layers = List.of(nonSquare, new Tanh(), new SoftmaxCrossEntropy(0));
        List<long[]> before = parameterBits(layers);

        assertThatExceptionOfType(SubjectException.class)
                .isThrownBy(() -> GradCheck.check(Sequential.of("non-square", layers), Networks.POINT))
                .withMessageStartingWith("subject 'non-square', node 'Dense': the backward of layer 'Dense' threw"
                        + " java.lang.ArrayIndexOutOfBoundsException")
                .withCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertUnchanged(before, parameterBits(layers));
    }

    private static void assertUnchanged(List<long[]> before, List<long[]> after) {
        assertThat(after).hasSameSizeAs(before);
        for (int k = 0; k < before.size(); k++) {
            assertThat(after.get(k)).as("raw bits of parameter row %d", k).containsExactly(before.get(k));
        }
    }

    private static List<long[]> parameterBits(List<Layer<?, ?>> layers) {
        List<long[]> bits = new ArrayList<>();
        for (Layer<?, ?> layer : layers) {
            if (layer instanceof Dense) {
                Dense d = (Dense) layer;
                for (double[] row : d.weights()) {
                    bits.add(rawBits(row));
                }
                bits.add(rawBits(d.bias()));
            }
        }
        return bits;
    }

    private static long[] rawBits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
