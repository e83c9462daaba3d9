package io.github.gradcheck.subject;

import org.apiguardian.api.API;

/**
 * User code that runs against a {@link Tape}: a traced forward, a traced backward, or both
 * in one body.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface TapeFunction {

    /** Runs the code, recording nodes or gradients on {@code tape}. */
    void run(Tape tape) throws Exception;
}
