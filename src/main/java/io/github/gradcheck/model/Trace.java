package io.github.gradcheck.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * SPI: the nodes of one forward pass in the order they were computed, as
 * {@link io.github.gradcheck.subject.Subject#forward} and its replays return them. Immutable.
 *
 * <p>The order matters: the engine checks the nodes from the output back and blames the node
 * where the gradient first goes wrong in that order, so a subject lists its inputs first and
 * every node after the nodes it is computed from, usually with the output last. A trace of a
 * replay has the nodes of the trace it replays, in the same order.
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
     * @param nodes the nodes, each after the nodes it is computed from; the list is copied
     * @param output the name of the node the gradients are taken of
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

    /** {@return the nodes in forward order, unmodifiable} */
    public List<Node> nodes() {
        return order;
    }

    /** {@return the nodes in backward order, a new list: the last computed first, inputs last} */
    public List<Node> backwardOrder() {
        List<Node> reversed = new ArrayList<>(order);
        Collections.reverse(reversed);
        return reversed;
    }

    /**
     * {@return the node with this name}
     *
     * @param name a node's name
     * @throws IllegalArgumentException naming the nodes there are, when none has this name
     */
    public Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node is named '" + name + "'; nodes are " + byName.keySet());
        }
        return n;
    }

    /**
     * {@return whether a node has this name}
     *
     * @param name a name
     */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** {@return the output node: the value the gradients are taken of} */
    public Node output() {
        return byName.get(output);
    }

    /** {@return the names of all nodes, in forward order} */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
