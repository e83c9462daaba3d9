package io.github.gradcheck.subject;

import org.apiguardian.api.API;

/**
 * A claimed Jacobian matrix, as least-squares and Kalman-filter code computes it: J[i][j] =
 * ∂out<sub>i</sub>/∂in<sub>j</sub>, one row per output component and one column per element of
 * the differentiable inputs.
 *
 * <p>What to return: a {@code double[][]} (or {@code float[][]}) with one row per output element
 * (the output flattened in row-major order) and one column per input element (the differentiable
 * inputs flattened and concatenated in the point's order, constants left out). For a scalar
 * output a {@code double[]} row will do, for a single scalar input a {@code double[]} column.
 * With several inputs you may instead return an {@code Object[]} or a {@code List} with one
 * block per differentiable input, each with one row per output element and one column per
 * element of that input (e.g. {@code new double[][][] {dFdState, dFdBias}}).
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface JacobianFunction {

    /**
     * Computes the Jacobian at the arguments.
     *
     * @param in the arguments, read by name or position; fresh copies
     * @return the Jacobian, as the class comment says
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    Object apply(Args in) throws Exception;
}
