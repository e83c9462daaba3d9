package io.github.gradcheck.model;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * SPI: a use of one node by another: {@code consumer} takes {@code producer} as its
 * {@code argument}-th argument (0-based). A parameter of a layer is an argument after the
 * layer's input. {@link Gradients} may hold the contribution a consumer's local backward made
 * along each edge.
 *
 * @param producer the name of the node used
 * @param consumer the name of the node that uses it
 * @param argument which of the consumer's arguments it is, from 0
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record Edge(String producer, String consumer, int argument) {

    /**
     * Validates the names.
     *
     * @param producer the name of the node used
     * @param consumer the name of the node that uses it
     * @param argument which of the consumer's arguments it is, from 0
     * @throws NullPointerException when a name is null
     */
    public Edge {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(consumer, "consumer");
    }

    /** {@return the edge as reports write it: {@code "den -> invden (argument 0)"}} */
    @Override
    public String toString() {
        return producer + " -> " + consumer + " (argument " + argument + ")";
    }
}
