package io.github.gradcheck.subject;

import io.github.gradcheck.model.Value;
import org.apiguardian.api.API;

/**
 * A claimed vector–Jacobian product: given the arguments, the output the forward computed
 * and the gradient of the objective with respect to that output, returns the gradient with
 * respect to each argument.
 *
 * <p>What to return: with a single argument, its gradient (a number or an array of the
 * argument's shape). With several, an {@code Object[]} or a {@code List} holding one
 * gradient per argument in order, e.g. {@code new Object[] {dW, dx}} or, for two vectors,
 * {@code new double[][] {dx, dy}}; when every argument is a scalar, a {@code double[]} with one
 * entry per argument will do. Constant arguments (labels, indices) may have
 * {@code null}.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface BackwardFunction {

    /**
     * Computes the gradient with respect to each argument.
     *
     * @param in the arguments the forward was called with
     * @param output the output the forward computed from them
     * @param gradOutput the gradient of the objective with respect to the output, of its shape
     * @return the gradient of each argument, as the class comment says
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    Object apply(Args in, Value output, Value gradOutput) throws Exception;
}
