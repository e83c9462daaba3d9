package io.github.gradcheck.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The values of the trace SPI: {@link Gradients} copies its maps in their order, looks up by node
 * and by edge and compares by value; a {@link Node} copies its producers.
 */
class TraceSpiTests {

    final Edge xToF = new Edge("x", "f", 0);

    @Test
    void theMapsAreCopiedInTheirOrderAndCannotBeChanged() {
        Map<String, Value> byNode = new LinkedHashMap<>();
        byNode.put("f", Value.scalar(1));
        byNode.put("x", Value.scalar(2));
        Map<Edge, Value> byEdge = new LinkedHashMap<>(Map.of(xToF, Value.scalar(2)));
        Gradients g = new Gradients(byNode, byEdge);
        byNode.put("y", Value.scalar(3));
        byEdge.clear();
        assertThat(g.nodes().keySet()).containsExactly("f", "x");
        assertThat(g.edges()).containsOnlyKeys(xToF);
        assertThatThrownBy(() -> g.nodes().put("y", Value.scalar(3))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> g.edges().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void lookupsByNodeAndByEdge() {
        Gradients g = new Gradients(Map.of("x", Value.scalar(2)), Map.of(xToF, Value.scalar(2)));
        assertThat(g.of("x")).contains(Value.scalar(2));
        assertThat(g.of("y")).isEmpty();
        assertThat(g.of(xToF)).contains(Value.scalar(2));
        assertThat(g.of(new Edge("x", "f", 1))).isEmpty();
    }

    @Test
    void gradientsWithEqualClaimsAreEqual() {
        Gradients a = new Gradients(Map.of("x", Value.vector(1, 2)), Map.of());
        Gradients b = new Gradients(Map.of("x", Value.vector(1, 2)), Map.of());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Gradients(Map.of("x", Value.vector(1, 3)), Map.of()));
    }

    @Test
    void aNodeListsCopiesOfItsProducers() {
        List<String> producers = new java.util.ArrayList<>(List.of("x"));
        Node n = new Node("f", NodeKind.OUTPUT, Value.scalar(1), producers);
        producers.add("y");
        assertThat(n.producers()).containsExactly("x");
        assertThat(Node.of("x", NodeKind.INPUT, Value.scalar(1)).producers()).isEmpty();
    }
}
