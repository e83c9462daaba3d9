package io.github.gradcheck.subject;

import org.apiguardian.api.API;

/**
 * A claimed Hessian–vector product of a scalar function: given the arguments and a direction v
 * (one value per differentiable argument, of its shape), returns H·v split by argument, in the
 * form {@link GradientFunction} returns a gradient (the derivative of the gradient along v).
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface HvpFunction {

    /**
     * Computes H·v at the arguments.
     *
     * @param in the arguments, read by name or position; fresh copies
     * @param direction the direction v for every differentiable argument, by its name
     * @return H·v for each argument, as {@link GradientFunction} returns a gradient
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    Object apply(Args in, Args direction) throws Exception;
}
