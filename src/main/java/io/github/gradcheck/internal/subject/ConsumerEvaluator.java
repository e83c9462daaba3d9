package io.github.gradcheck.internal.subject;

import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import org.apiguardian.api.API;

/**
 * A subject whose consumers can be evaluated one at a time, so that a single edge's local
 * backward can be checked in isolation (graphs of ops and stacks of layers).
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface ConsumerEvaluator {

    /**
     * The output of {@code edge.consumer()} alone, with its argument {@code edge.argument()}
     * replaced by {@code replacement} and every other argument at its value in {@code trace}.
     * Anything perturbed in place is restored exactly before this method returns.
     */
    Value consumerOutput(Trace trace, Edge edge, Value replacement);

    /** What the consumer is, for reports: e.g. "op 'invden'" or "layer 'dense1'". */
    String describeConsumer(String consumer);
}
