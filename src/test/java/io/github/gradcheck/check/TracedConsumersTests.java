package io.github.gradcheck.check;

import io.github.gradcheck.GradientChecker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The consumers of traced nodes: learned by perturbation, settled exactly by replays that hold nodes. */
class TracedConsumersTests {

    /** f = s·x + x² with s = sin x, p = s·x, q = x²: x feeds p directly and through s. */
    static TracedSubject fanOut(AtomicInteger runs) {
        return TracedSubject.of("fan-out", t -> {
            runs.incrementAndGet();
            double x = t.scalar("x");
            double s = t.node("s", Math.sin(x));
            double p = t.node("p", s * x);
            double q = t.node("q", x * x);
            t.output("f", p + q);
        }, t -> {
            double x = t.scalar("x");
            double s = t.scalar("s");
            double g = t.seed();
            t.grad("p", g);
            t.grad("q", g);
            t.grad("s", x * g);
            t.grad("x", (s + 2 * x + Math.cos(x) * x) * g);
        });
    }

    /**
     * f = d + s² with s = x0 + x1 and d = s·(x0 − x1): x feeds d directly and through s. Moving
     * both elements of x by the same step (exact at these values) leaves x0 − x1 as it was.
     */
    static TracedSubject difference() {
        return TracedSubject.of("difference", t -> {
            double[] x = t.vector("x");
            double s = t.node("s", x[0] + x[1]);
            double d = t.node("d", s * (x[0] - x[1]));
            t.output("f", d + s * s);
        }, t -> {
            double[] x = t.vector("x");
            double s = t.scalar("s");
            double g = t.seed();
            double ds = ((x[0] - x[1]) + 2 * s) * g;
            t.grad("d", g);
            t.grad("s", ds);
            t.grad("x", new double[] {ds + s * g, ds - s * g});
        });
    }

    static final Point AT = Point.of("x", 0.7);
    static final Point VECTOR_AT = Point.of("x", new double[] {0.75, -0.5});

    /** A traced subject seen through a wrapper that counts held replays per node, or refuses to hold. */
    static final class Holding implements Subject {
        final Subject inner;
        final boolean canHold;
        final Map<String, Integer> heldReplays = new TreeMap<>();

        Holding(Subject inner, boolean canHold) {
            this.inner = inner;
            this.canHold = canHold;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Trace forward(Point point) {
            return inner.forward(point);
        }

        @Override
        public Gradients backward(Trace trace, Value cotangent) {
            return inner.backward(trace, cotangent);
        }

        @Override
        public Trace replay(Trace trace, String node, Value replacement) {
            return inner.replay(trace, node, replacement);
        }

        @Override
        public Optional<Trace> replayHolding(Trace trace, String node, Value replacement, Set<String> held) {
            if (!canHold) {
                return Optional.empty();
            }
            heldReplays.merge(node, 1, Integer::sum);
            return inner.replayHolding(trace, node, replacement, held);
        }

        @Override
        public boolean knowsProducers() {
            return false;
        }

        @Override
        public String replayScope() {
            return inner.replayScope();
        }
    }

    @Test
    void aNodeReadDirectlyAndThroughAnotherIsAConsumerOfBoth() {
        GradientReport r = new GradientChecker().check(fanOut(new AtomicInteger()), AT);
        assertThat(r.passed()).as(TextReport.render(r)).isTrue();
        assertThat(r.node("x").orElseThrow().consumers()).containsExactly("s", "p", "q");
        assertThat(r.node("s").orElseThrow().consumers()).containsExactly("p");
        assertThat(r.node("p").orElseThrow().consumers()).containsExactly("f");
    }

    @Test
    void aSubjectThatCannotHoldNodesKeepsTheNearestDescendants() {
        Holding cannot = new Holding(fanOut(new AtomicInteger()), false);
        GradientReport r = new GradientChecker().check(cannot, AT);
        assertThat(r.node("x").orElseThrow().consumers()).containsExactly("s", "q");
    }

    @Test
    void everyHeldReplayIsCountedOnThePerturbedNode() {
        AtomicInteger runs = new AtomicInteger();
        Holding holding = new Holding(fanOut(runs), true);
        GradientReport r = new GradientChecker().check(holding, AT);
        GradientReport without = new GradientChecker().check(new Holding(fanOut(new AtomicInteger()), false), AT);

        // x: one replay finds p, one more finds that f does not read x; s: one finds that f does not read s
        assertThat(holding.heldReplays).isEqualTo(Map.of("x", 2, "s", 1));
        for (NodeReport n : r.nodes()) {
            assertThat(n.forwardEvaluations()).as(n.name()).isEqualTo(without.node(n.name()).orElseThrow()
                    .forwardEvaluations() + holding.heldReplays.getOrDefault(n.name(), 0));
        }
        int byNode = r.forwardEvaluationsByNode().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(r.forwardEvaluations()).isEqualTo(2 + byNode).isEqualTo(without.forwardEvaluations() + 3);
        assertThat(runs.get()).isEqualTo(r.forwardEvaluations());
    }

    @Test
    void theElementsOfAnArrayAreMovedTogetherWithoutCancelling() {
        GradientReport r = new GradientChecker().check(difference(), VECTOR_AT);
        assertThat(r.passed()).as(TextReport.render(r)).isTrue();
        // moved by one common step, x0 − x1 would not change and d would look like a node of s alone
        assertThat(r.node("x").orElseThrow().consumers()).containsExactly("s", "d");
        assertThat(r.node("s").orElseThrow().consumers()).containsExactly("d", "f");
    }

    @Test
    void parallelProbesOnCopiesSettleTheSameConsumersAtTheSameCost() {
        CheckOptions options = CheckOptions.defaults().withMode(CheckMode.FULL);
        GradientReport sequential = new GradientChecker(options).check(difference(), VECTOR_AT);
        GradientReport parallel = new GradientChecker(options.withParallelism(3)
                .withSubjectCopies(TracedConsumersTests::difference)).check(difference(), VECTOR_AT);
        assertThat(parallel.nodes()).isEqualTo(sequential.nodes());
        assertThat(parallel.blame()).isEqualTo(sequential.blame());
        assertThat(parallel.forwardEvaluations()).isEqualTo(sequential.forwardEvaluations());
    }
}
