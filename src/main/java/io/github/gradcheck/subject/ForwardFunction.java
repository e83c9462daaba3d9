package io.github.gradcheck.subject;

import org.apiguardian.api.API;

/**
 * A forward computation: arguments in, a number or array out ({@code double},
 * {@code double[]}, {@code double[][]}, their {@code float} forms, or a
 * {@link io.github.gradcheck.model.Value}).
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface ForwardFunction {

    /**
     * Computes the output from the arguments.
     *
     * @param in the arguments, read by name or position; fresh copies
     * @return the output: a number or an array, or a {@code Value}
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    Object apply(Args in) throws Exception;
}
