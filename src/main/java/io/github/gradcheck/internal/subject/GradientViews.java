package io.github.gradcheck.internal.subject;

import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The gradients one backward claimed, as {@link Gradients} holds them but viewed where they lie
 * ({@link GradientView}): what a backward run only to be compared with the first claims returns,
 * so that the user's arrays are read in place rather than copied. Valid only until the user's code
 * runs again; never kept. Internal: not part of the API.
 *
 * @param nodes the claimed gradient of each node, by name, in the order claimed
 * @param edges the claimed contribution along each edge; empty when the subject records none
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public record GradientViews(Map<String, GradientView> nodes, Map<Edge, GradientView> edges) {

    /**
     * Views per node and per edge; both maps are copied, in their order.
     *
     * @param nodes the claimed gradient of each node, by name
     * @param edges the claimed contribution along each edge
     */
    public GradientViews {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = Collections.unmodifiableMap(new LinkedHashMap<>(edges));
    }

    /**
     * {@return views of gradients already copied into values}
     *
     * @param gradients the gradients
     */
    public static GradientViews of(Gradients gradients) {
        Map<String, GradientView> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : gradients.nodes().entrySet()) {
            nodes.put(e.getKey(), GradientView.of(e.getValue()));
        }
        Map<Edge, GradientView> edges = new LinkedHashMap<>();
        for (Map.Entry<Edge, Value> e : gradients.edges().entrySet()) {
            edges.put(e.getKey(), GradientView.of(e.getValue()));
        }
        return new GradientViews(nodes, edges);
    }

    /**
     * {@return the claimed gradient at a node, if one was claimed}
     *
     * @param node the node's name
     */
    public Optional<GradientView> of(String node) {
        return Optional.ofNullable(nodes.get(node));
    }

    /**
     * {@return the claimed contribution along an edge, if the subject records edges}
     *
     * @param edge the edge
     */
    public Optional<GradientView> of(Edge edge) {
        return Optional.ofNullable(edges.get(edge));
    }
}
