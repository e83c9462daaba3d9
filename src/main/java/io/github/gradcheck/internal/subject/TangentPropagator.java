package io.github.gradcheck.internal.subject;

import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Internal: a subject whose nodes bring tangent rules (forward mode) beside their local backwards,
 * so that claimed tangents can be propagated node by node and each node's rules evaluated alone
 * (graphs of ops with {@code Op.withTangent}). The engine checks forward mode node by node with it.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public interface TangentPropagator {

    /** {@return the computed nodes that have no tangent rule, in definition order; empty when all do} */
    List<String> withoutTangentRule();

    /**
     * The claimed tangent of every node: the given tangents of the inputs (zero for an input not
     * given and for constants), then each computed node's tangent rule applied to its arguments'
     * claimed tangents, in definition order.
     *
     * @param trace the subject's forward at the checked point
     * @param inputTangents a tangent for each differentiable input, by name, of its shape
     * @return every node's claimed tangent, by name, in definition order
     */
    Map<String, Value> tangents(Trace trace, Map<String, Value> inputTangents);

    /**
     * {@return one node's tangent rule alone, at its arguments' values in {@code trace}, for the
     * given tangents of its arguments}
     *
     * @param trace the subject's forward at the checked point
     * @param node a computed node
     * @param argumentTangents a tangent per argument, in argument order
     */
    Value localTangent(Trace trace, String node, List<Value> argumentTangents);

    /**
     * {@return one node's local backward alone, at its arguments' values in {@code trace}: its
     * contribution to each argument's gradient, in argument order (null for constants)}
     *
     * @param trace the subject's forward at the checked point
     * @param node a computed node
     * @param gradOut the gradient of its output
     */
    List<Value> localBackward(Trace trace, String node, Value gradOut);

    /**
     * {@return the names of a computed node's arguments, in order}
     *
     * @param node a computed node
     */
    List<String> arguments(String node);
}
