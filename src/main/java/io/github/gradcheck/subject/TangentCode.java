package io.github.gradcheck.subject;

import org.apiguardian.api.API;

/**
 * Hand-written forward-mode code of a {@link TracedSubject}: reads the forward's values and the
 * inputs' tangents from a {@link TangentTape} and reports the tangent it computes for every node,
 * in the order the forward records them.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface TangentCode {

    /**
     * Computes and reports the tangent of every node.
     *
     * @param t the tape: forward values and tangents to read, tangents to report
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    void run(TangentTape t) throws Exception;
}
