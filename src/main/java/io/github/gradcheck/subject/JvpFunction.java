package io.github.gradcheck.subject;

import io.github.gradcheck.model.Value;
import org.apiguardian.api.API;

/**
 * A claimed Jacobian–vector product (forward mode): given the arguments, the output the forward
 * computed from them and a tangent of each differentiable argument, returns the output's
 * tangent J·t, of the output's shape.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface JvpFunction {

    /**
     * Computes the output's tangent.
     *
     * @param in the arguments the forward was called with
     * @param output the output the forward computed from them
     * @param tangents the tangent of each differentiable argument, by the argument's name and of
     *     its shape (constant arguments have none)
     * @return the output's tangent: a number or an array of the output's shape, or a {@code Value}
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    Object apply(Args in, Value output, Args tangents) throws Exception;
}
