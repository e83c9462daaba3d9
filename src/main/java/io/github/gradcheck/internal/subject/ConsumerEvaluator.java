package io.github.gradcheck.internal.subject;

import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import org.apiguardian.api.API;

/**
 * Internal: a subject whose consumers can be evaluated one at a time, so that a single edge's
 * local backward can be checked in isolation (graphs of ops and stacks of layers). The engine
 * checks the edges into a blamed node with it when the subject is one.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public interface ConsumerEvaluator {

    /**
     * {@return the output of {@code edge.consumer()} alone, with its argument
     * {@code edge.argument()} replaced by {@code replacement} and every other argument at its
     * value in {@code trace}} Anything perturbed in place is restored exactly before this method
     * returns, also when it throws.
     *
     * @param trace the subject's forward at the checked point
     * @param edge the edge whose producer is replaced, as an argument of its consumer
     * @param replacement the value the argument takes, of its shape
     */
    Value consumerOutput(Trace trace, Edge edge, Value replacement);

    /**
     * {@return what the consumer is, for reports: e.g. "op 'invden'" or "layer 'dense1'"}
     *
     * @param consumer the name of a node that consumes others
     */
    String describeConsumer(String consumer);
}
