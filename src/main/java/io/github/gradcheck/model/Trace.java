package io.github.gradcheck.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The nodes of one forward pass in the order they were computed, with the output last.
 * Immutable.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Trace {

    private final Map<String, Node> byName;
    private final List<Node> order;
    private final String output;

    /**
     * A trace of the given nodes, in forward order.
     *
     * @throws IllegalArgumentException when two nodes share a name or {@code output} is not one of them
     */
    public Trace(List<Node> nodes, String output) {
        Map<String, Node> map = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (map.put(n.name(), n) != null) {
                throw new IllegalArgumentException("two nodes are named '" + n.name() + "'");
            }
        }
        if (!map.containsKey(output)) {
            throw new IllegalArgumentException("the output '" + output + "' is not a node of the trace");
        }
        this.byName = Collections.unmodifiableMap(map);
        this.order = List.copyOf(nodes);
        this.output = output;
    }

    /** The nodes in forward order. */
    public List<Node> nodes() {
        return order;
    }

    /** The nodes in backward order: the output first, inputs last. */
    public List<Node> backwardOrder() {
        List<Node> reversed = new ArrayList<>(order);
        Collections.reverse(reversed);
        return reversed;
    }

    /** The node with this name. */
    public Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node is named '" + name + "'; nodes are " + byName.keySet());
        }
        return n;
    }

    /** Whether a node has this name. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** The output node. */
    public Node output() {
        return byName.get(output);
    }

    /** The names of all nodes, in forward order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
