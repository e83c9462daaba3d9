package io.github.gradcheck.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Subject#replayHolding}: traced code keeps held nodes at their cached values. */
class HeldReplayTests {

    /** f = a + b with a = 2x and b = x², so x feeds a and b. */
    static final TracedSubject FAN_OUT = TracedSubject.of("fan-out",
            t -> {
                double x = t.scalar("x");
                double a = t.node("a", 2 * x);
                double b = t.node("b", x * x);
                t.output("f", a + b);
            },
            t -> {
                double x = t.scalar("x");
                t.grad("a", 1.0);
                t.grad("b", 1.0);
                t.grad("x", 2 + 2 * x);
            });

    @Test
    void heldNodesKeepTheirCachedValuesAndTheOthersFollowThePerturbation() {
        Trace trace = FAN_OUT.forward(Point.of("x", 3.0));
        Trace throughA = FAN_OUT.replayHolding(trace, "x", Value.scalar(4.0), Set.of("b")).orElseThrow();
        assertThat(throughA.node("a").value().asScalar()).isEqualTo(8.0);
        assertThat(throughA.node("b").value().asScalar()).isEqualTo(9.0);
        assertThat(throughA.output().value().asScalar()).isEqualTo(17.0);
        Trace throughB = FAN_OUT.replayHolding(trace, "x", Value.scalar(4.0), Set.of("a")).orElseThrow();
        assertThat(throughB.output().value().asScalar()).isEqualTo(6.0 + 16.0);
    }

    @Test
    void holdingNothingIsAnOrdinaryReplay() {
        Trace trace = FAN_OUT.forward(Point.of("x", 3.0));
        Trace held = FAN_OUT.replayHolding(trace, "x", Value.scalar(4.0), Set.of()).orElseThrow();
        assertThat(held.output().value()).isEqualTo(FAN_OUT.replay(trace, "x", Value.scalar(4.0)).output().value());
    }

    @Test
    void anUnknownHeldNodeIsNamed() {
        Trace trace = FAN_OUT.forward(Point.of("x", 3.0));
        assertThatThrownBy(() -> FAN_OUT.replayHolding(trace, "x", Value.scalar(4.0), Set.of("c")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot hold 'c' of subject 'fan-out': the forward recorded no node of that name;"
                        + " the names are [x, a, b, f]");
    }

    @Test
    void otherSubjectsCannotHoldNodes() {
        Subject graph = GraphSubject.builder("g").input("x")
                .op("y", Op.of(in -> 2 * in.scalar(0), (in, out, g) -> 2 * g.asScalar()), "x").build();
        Trace trace = graph.forward(Point.of("x", 1.0));
        assertThat(graph.replayHolding(trace, "x", Value.scalar(2.0), Set.of())).isEmpty();
    }
}
