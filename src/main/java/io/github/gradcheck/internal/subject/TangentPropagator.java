package io.github.gradcheck.internal.subject;

import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Internal: a subject whose nodes bring tangent rules (forward mode) beside their local backwards,
 * each of which can be evaluated alone (graphs of ops with {@code Op.withTangent} and layers with
 * {@code Layer.withTangent}), whose parameters can be moved as its inputs can: the engine then
 * also checks the edges into a wrong node and each op's tangent rule against its backward.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public interface TangentPropagator extends TangentSource {

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
     * {@return the trace with some inputs and parameters moved: {@code trace}'s values, with every
     * node computed from a moved one evaluated again} The subject's state (its parameter arrays) is
     * as it was afterwards.
     *
     * @param trace the subject's forward at the checked point
     * @param sources the new values of some inputs and parameters, by name, each of its shape
     */
    Trace replaySources(Trace trace, Map<String, Value> sources);

    /**
     * {@return the names of a computed node's arguments, in order}
     *
     * @param node a computed node
     */
    List<String> arguments(String node);
}
