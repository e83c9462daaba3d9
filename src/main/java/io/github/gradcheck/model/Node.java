package io.github.gradcheck.model;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * SPI: one named value of a forward trace, as cached at the checked point.
 *
 * @param name the name the user gave it, unique within the trace
 * @param kind its role
 * @param value the value the forward computed; immutable, so nothing the user's code does later
 *     changes it
 * @param producers the names of the nodes it was computed from, in argument order, when
 *     the subject knows them ({@link io.github.gradcheck.subject.Subject#knowsProducers()}:
 *     graphs of ops and layers); empty otherwise
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record Node(String name, NodeKind kind, Value value, List<String> producers) {

    /**
     * Validates and copies the producers list.
     *
     * @param name the name the user gave it, unique within the trace
     * @param kind its role
     * @param value the value the forward computed
     * @param producers the names of the nodes it was computed from, in argument order, or empty
     * @throws NullPointerException when the name, kind, value or producers are null
     */
    public Node {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        producers = List.copyOf(producers);
    }

    /**
     * {@return a node whose producers are unknown or that has none}
     *
     * @param name the name the user gave it, unique within the trace
     * @param kind its role
     * @param value the value the forward computed
     */
    public static Node of(String name, NodeKind kind, Value value) {
        return new Node(name, kind, value, List.of());
    }
}
