package io.github.gradcheck.subject;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A value and its Jacobian computed together, as a least-squares model returns them (the form of
 * Apache Commons Math's {@code MultivariateJacobianFunction}, which returns a pair of a vector and
 * a matrix).
 *
 * @param value the function's value: a number or an array, or a {@code Value}
 * @param jacobian its Jacobian, in a form {@link JacobianFunction} describes
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record ValueAndJacobian(Object value, Object jacobian) {

    /**
     * Validates.
     *
     * @param value see {@link #value()}
     * @param jacobian see {@link #jacobian()}
     * @throws NullPointerException when either is null
     */
    public ValueAndJacobian {
        Objects.requireNonNull(value, "the value of a ValueAndJacobian must not be null");
        Objects.requireNonNull(jacobian, "the Jacobian of a ValueAndJacobian must not be null");
    }

    /**
     * {@return a value with its Jacobian}
     *
     * @param value the function's value
     * @param jacobian its Jacobian
     */
    public static ValueAndJacobian of(Object value, Object jacobian) {
        return new ValueAndJacobian(value, jacobian);
    }

    /**
     * A function that returns its value with its Jacobian.
     *
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    @FunctionalInterface
    public interface Function {

        /**
         * Computes the value and its Jacobian at the arguments.
         *
         * @param in the arguments, read by name or position; fresh copies
         * @return both, e.g. {@code ValueAndJacobian.of(residuals, jacobian)}
         * @throws Exception anything; gradcheck reports it as a
         *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
         */
        ValueAndJacobian apply(Args in) throws Exception;
    }
}
