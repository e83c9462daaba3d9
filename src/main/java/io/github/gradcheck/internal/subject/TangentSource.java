package io.github.gradcheck.internal.subject;

import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Internal: a subject that claims a tangent (forward mode) for every node it records, given
 * tangents of its inputs: traced code with tangent code, a graph of ops with tangent rules. The
 * engine checks forward mode node by node with it.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public interface TangentSource {

    /** {@return the computed nodes that have no tangent rule, in order; empty when all do} */
    List<String> withoutTangentRule();

    /**
     * The claimed tangent of every node for the given tangents of the inputs.
     *
     * @param trace the subject's forward at the checked point
     * @param inputTangents a tangent for each differentiable input, by name, of its shape
     * @return every node's claimed tangent, by name, in forward order (inputs: the given tangents,
     *     constants: zero)
     */
    Map<String, Value> tangents(Trace trace, Map<String, Value> inputTangents);
}
