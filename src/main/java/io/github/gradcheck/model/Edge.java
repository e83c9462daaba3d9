package io.github.gradcheck.model;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A use of one node by another: {@code consumer} takes {@code producer} as its
 * {@code argument}-th argument (0-based). A parameter of a layer is an argument after the
 * layer's input.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record Edge(String producer, String consumer, int argument) {

    /** Validates the names. */
    public Edge {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(consumer, "consumer");
    }

    /** {@code "den -> invden (argument 0)"}. */
    @Override
    public String toString() {
        return producer + " -> " + consumer + " (argument " + argument + ")";
    }
}
