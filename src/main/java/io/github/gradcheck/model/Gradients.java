package io.github.gradcheck.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The gradients a backward pass claims for one output cotangent: one per node (the
 * gradient of ⟨cotangent, output⟩ with respect to that node) and, where the subject knows
 * its edges, the contribution each consumer's local backward made to each of its
 * arguments. A node with fan-out has the sum of its edges' contributions. Immutable.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Gradients {

    private final Map<String, Value> byNode;
    private final Map<Edge, Value> byEdge;

    /** Gradients per node and, possibly empty, per edge; both maps are copied. */
    public Gradients(Map<String, Value> byNode, Map<Edge, Value> byEdge) {
        this.byNode = Collections.unmodifiableMap(new LinkedHashMap<>(byNode));
        this.byEdge = Collections.unmodifiableMap(new LinkedHashMap<>(byEdge));
    }

    /** The claimed gradient at a node, if one was claimed. */
    public Optional<Value> of(String node) {
        return Optional.ofNullable(byNode.get(node));
    }

    /** The claimed contribution along an edge, if the subject records edges. */
    public Optional<Value> of(Edge edge) {
        return Optional.ofNullable(byEdge.get(edge));
    }

    /** All claimed node gradients. */
    public Map<String, Value> nodes() {
        return byNode;
    }

    /** All claimed edge contributions. */
    public Map<Edge, Value> edges() {
        return byEdge;
    }
}
