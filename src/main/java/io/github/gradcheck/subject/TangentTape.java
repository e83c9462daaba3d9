package io.github.gradcheck.subject;

import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What {@link TangentCode} reads and reports: the values the forward computed at the checked point
 * (every input and node, by name), the tangents of the inputs, and the tangents the code reports for
 * its nodes, in forward order.
 *
 * <pre>{@code
 * TracedSubject f = TracedSubject.of("f", forward, backward).withTangents(t -> {
 *     double y = t.scalar("y");
 *     double sigy = t.scalar("sigy");
 *     t.tangent("sigy", sigy * (1 - sigy) * t.scalarTangent("y"));
 *     ...
 * });
 * }</pre>
 *
 * <p>Every reader returns a fresh copy. A tangent can be read for an input (the random tangent the
 * check drew), a constant (0) or a node whose tangent was reported before.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class TangentTape {

    private final String subject;
    private final Trace trace;
    private final Map<String, Value> tangents = new LinkedHashMap<>();

    TangentTape(String subject, Trace trace, Map<String, Value> inputTangents) {
        this.subject = subject;
        this.trace = trace;
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.INPUT || n.kind() == NodeKind.PARAMETER) {
                Value t = inputTangents.get(n.name());
                tangents.put(n.name(), t != null ? t : Value.zeros(n.value().shape(), n.value().precision()));
            } else if (n.kind() == NodeKind.CONSTANT) {
                tangents.put(n.name(), Value.zeros(n.value().shape(), n.value().precision()));
            }
        }
    }

    // ---- forward values -----------------------------------------------------------------------

    /**
     * {@return the forward value of an input or node, immutable}
     *
     * @param name its name
     * @throws IllegalArgumentException naming the nodes there are, when there is none of that name
     */
    public Value value(String name) {
        if (!trace.has(name)) {
            throw new IllegalArgumentException("there is no input or node named '" + name + "'; the names are "
                    + trace.names());
        }
        return trace.node(name).value();
    }

    /**
     * {@return the forward value of a scalar input or node}
     *
     * @param name its name
     */
    public double scalar(String name) {
        return value(name).asScalar();
    }

    /**
     * {@return the forward value of a vector input or node, a fresh copy}
     *
     * @param name its name
     */
    public double[] vector(String name) {
        return value(name).asVector();
    }

    /**
     * {@return the forward value of a matrix input or node, a fresh copy}
     *
     * @param name its name
     */
    public double[][] matrix(String name) {
        return value(name).asMatrix();
    }

    // ---- tangents -----------------------------------------------------------------------------

    /**
     * {@return the tangent of an input (the one the check drew), a constant (0) or a node reported
     * before}
     *
     * @param name its name
     * @throws IllegalArgumentException when there is no such input or node, or the node's tangent has
     *     not been reported yet
     */
    public Value tangentOf(String name) {
        Value t = tangents.get(name);
        if (t == null) {
            value(name);
            throw new IllegalArgumentException("the tangent of node '" + name + "' was read before it was reported;"
                    + " report tangents in the order the forward computes the nodes");
        }
        return t;
    }

    /**
     * {@return the tangent of a scalar input or node}
     *
     * @param name its name
     */
    public double scalarTangent(String name) {
        return tangentOf(name).asScalar();
    }

    /**
     * {@return the tangent of a vector input or node, a fresh copy}
     *
     * @param name its name
     */
    public double[] vectorTangent(String name) {
        return tangentOf(name).asVector();
    }

    /**
     * {@return the tangent of a matrix input or node, a fresh copy}
     *
     * @param name its name
     */
    public double[][] matrixTangent(String name) {
        return tangentOf(name).asMatrix();
    }

    /**
     * Reports the tangent of a node.
     *
     * @param node the node's name, as the forward records it
     * @param tangent its tangent: a number or an array of the node's shape, or a {@code Value}
     * @throws SubjectException when there is no such node, it is an input, the tangent was reported
     *     before, or it has another shape
     */
    public void tangent(String node, Object tangent) {
        if (!trace.has(node)) {
            throw new SubjectException(subject, node, "the tangent code reported a tangent for '" + node + "' but the"
                    + " forward recorded no node of that name; the names are " + trace.names());
        }
        Node n = trace.node(node);
        if (n.kind() != NodeKind.INTERMEDIATE && n.kind() != NodeKind.OUTPUT) {
            throw new SubjectException(subject, node, "the tangent code reported a tangent for input '" + node
                    + "'; an input's tangent is given, read it with tangentOf(\"" + node + "\")");
        }
        if (tangents.containsKey(node)) {
            throw new SubjectException(subject, node, "the tangent code reported the tangent of '" + node
                    + "' twice; report each node's tangent once");
        }
        Value v = UserCode.toValue(subject, node, "the tangent code", tangent);
        if (!v.shape().equals(n.value().shape())) {
            throw new SubjectException(subject, node, "the tangent code reported a tangent of shape " + v.shape()
                    + " for '" + node + "', which has shape " + n.value().shape() + "; a tangent has its node's shape");
        }
        tangents.put(node, v.withPrecision(n.value().precision()));
    }

    /**
     * Reports the tangent of a scalar node.
     *
     * @param node the node's name
     * @param tangent its tangent
     */
    public void tangent(String node, double tangent) {
        tangent(node, (Object) tangent);
    }

    /** Every node's tangent, in forward order; a missing one is the user's mistake. */
    Map<String, Value> tangents() {
        Map<String, Value> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Node n : trace.nodes()) {
            Value t = tangents.get(n.name());
            if (t == null) {
                missing.add(n.name());
            } else {
                out.put(n.name(), t);
            }
        }
        if (!missing.isEmpty()) {
            throw new SubjectException(subject, missing.get(0), "the tangent code reported no tangent for "
                    + (missing.size() == 1 ? "node " : "nodes ") + missing + "; call tangent(name, value) for each");
        }
        return out;
    }
}
