package io.github.gradcheck.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where a wrong gradient starts. Walking back from the output, the {@linkplain #origin()
 * origin} is the first node whose claimed gradient is wrong while the gradients of all its
 * consumers are right: the backward rule that maps their gradients to it is broken. Other
 * wrong nodes are either {@linkplain #otherOrigins() further origins} (also wrong with right
 * consumers: a second, independent bug) or {@linkplain #consequences() consequences} (wrong
 * because a consumer's gradient is wrong). For graph subjects the {@linkplain #wrongEdges()
 * edges} that fail their local check name the broken backwards exactly; with
 * {@link GraphChecks#LOCAL} they are all there is (no origin).
 *
 * @param origin the first wrong node with right consumers, if any node is wrong
 * @param otherOrigins further wrong nodes whose consumers are all right
 * @param consequences wrong nodes with a wrong consumer, in backward order
 * @param edges the op checks of graph subjects: every op's backward with respect to every argument
 *     (the default {@link GraphChecks}), or the edges into every origin ({@link GraphChecks#END_TO_END});
 *     empty for other subjects
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record Blame(Optional<String> origin, List<String> otherOrigins, List<String> consequences,
                    List<EdgeReport> edges) {

    /**
     * Copies the lists.
     *
     * @param origin see {@link #origin()}
     * @param otherOrigins see {@link #otherOrigins()}
     * @param consequences see {@link #consequences()}
     * @param edges see {@link #edges()}
     */
    public Blame {
        otherOrigins = List.copyOf(otherOrigins);
        consequences = List.copyOf(consequences);
        edges = List.copyOf(edges);
    }

    /** {@return the blame of a check in which no node is wrong}: no origin, no consequence, no edge */
    public static Blame none() {
        return new Blame(Optional.empty(), List.of(), List.of(), List.of());
    }

    /** {@return every origin: {@link #origin()} first, then {@link #otherOrigins()}} (empty when no node is wrong) */
    public List<String> origins() {
        List<String> all = new ArrayList<>(otherOrigins.size() + 1);
        origin.ifPresent(all::add);
        all.addAll(otherOrigins);
        return List.copyOf(all);
    }

    /**
     * {@return whether {@code node} is an origin: the first or a further one}
     *
     * @param node a node's name
     * @throws NullPointerException when {@code node} is null
     */
    public boolean isOrigin(String node) {
        Objects.requireNonNull(node, "the node to ask about must not be null: pass a node's name, e.g. \"den\"");
        return origin.map(node::equals).orElse(false) || otherOrigins.contains(node);
    }

    /** {@return the edges whose local check failed}, in the order they were checked */
    public List<EdgeReport> wrongEdges() {
        return edges.stream().filter(e -> e.verdict() == Verdict.FAIL).toList();
    }
}
