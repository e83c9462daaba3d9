package io.github.gradcheck.subject;

import org.apiguardian.api.API;

/**
 * A claimed gradient of a scalar function: the gradient with respect to each differentiable
 * argument, as {@link BackwardFunction} returns them for an output gradient of 1 (a single
 * argument's gradient; an {@code Object[]} or a {@code List} with one per argument; a
 * {@code double[]} with one entry per argument when every argument is a scalar; {@code null} for
 * constants).
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface GradientFunction {

    /**
     * Computes the gradient at the arguments.
     *
     * @param in the arguments, read by name or position; fresh copies
     * @return the gradient of each argument, as the class comment says
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    Object apply(Args in) throws Exception;
}
