package io.github.gradcheck.subject;

import org.apiguardian.api.API;

/**
 * The claimed vector–Jacobian product of a function with several outputs
 * ({@link FunctionSubject#withOutputs}): from the gradient of the objective with respect to each
 * output, the gradient with respect to each input.
 *
 * <pre>{@code
 * (in, out, gOut) -> {
 *     double[] dh = gOut.vector("h"), dc = gOut.vector("c");   // one cotangent per output
 *     ...
 *     return new Object[] {dx, dhPrev, dcPrev};
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface OutputsBackward {

    /**
     * Computes the gradient with respect to each input.
     *
     * @param in the inputs the forward was called with
     * @param outputs the outputs it computed, by name
     * @param gradOutputs the gradient of the objective with respect to each output, by the
     *     output's name and of its shape
     * @return the gradient of each input, as a {@link BackwardFunction} returns them
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    Object apply(Args in, Args outputs, Args gradOutputs) throws Exception;
}
