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

    /**
     * Runs the code, recording nodes or gradients on {@code tape}.
     *
     * @param tape the tape to read inputs and nodes from and to record on
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    void run(Tape tape) throws Exception;
}
