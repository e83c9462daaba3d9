package io.github.gradcheck.subject;

import org.apiguardian.api.API;

/**
 * A claimed Hessian of a scalar function, H[i][j] = ∂²f/∂x<sub>i</sub>∂x<sub>j</sub>, with one row and
 * one column per element of the differentiable inputs (flattened and concatenated in the point's
 * order, constants left out): a {@code double[][]} of N × N, or, with several inputs, an
 * {@code Object[]} or {@code List} of one block of N × n<sub>k</sub> per input (its columns), as
 * {@link JacobianFunction} takes them.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface HessianFunction {

    /**
     * Computes the Hessian at the arguments.
     *
     * @param in the arguments, read by name or position; fresh copies
     * @return the Hessian, as the class comment says
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    Object apply(Args in) throws Exception;
}
