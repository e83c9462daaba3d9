package io.github.gradcheck.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * SPI: the gradients a backward pass claims for one output cotangent, as
 * {@link io.github.gradcheck.subject.Subject#backward} returns them. Immutable.
 *
 * <p>There is one gradient per node: the gradient of ⟨cotangent, output⟩ with respect to that
 * node, with the node's shape. Where the subject knows its edges (graphs of ops and layers)
 * there is also the contribution each consumer's local backward made to each of its arguments;
 * a node with fan-out has the sum of its edges' contributions.
 *
 * <p>What the engine relies on: a gradient for every node it checks (every node of the trace
 * but the constants; the output's is the cotangent itself), each with its node's shape, and,
 * where there are edges, a gradient for every edge's consumer. A subject that does not record
 * edges passes an empty map; the engine then blames nodes, not edges.
 *
 * @param nodes the claimed gradient of each node, by name, in the order given
 * @param edges the claimed contribution along each edge, in the order given; empty when the
 *     subject does not record edges
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record Gradients(Map<String, Value> nodes, Map<Edge, Value> edges) {

    /**
     * Gradients per node and, possibly empty, per edge; both maps are copied, in their order.
     *
     * @param nodes the claimed gradient of each node, by name
     * @param edges the claimed contribution along each edge; empty when the subject does not
     *     record edges
     */
    public Gradients {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = Collections.unmodifiableMap(new LinkedHashMap<>(edges));
    }

    /**
     * {@return the claimed gradient at a node, if one was claimed}
     *
     * @param node the node's name
     */
    public Optional<Value> of(String node) {
        return Optional.ofNullable(nodes.get(node));
    }

    /**
     * {@return the claimed contribution along an edge, if the subject records edges}
     *
     * @param edge the edge
     */
    public Optional<Value> of(Edge edge) {
        return Optional.ofNullable(edges.get(edge));
    }
}
