package io.github.gradcheck.subject;

import io.github.gradcheck.model.Value;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A stateless operation of a {@link GraphSubject}: a forward and its local backward, a
 * vector–Jacobian product with respect to each argument. See {@link BackwardFunction} for
 * what the backward returns.
 *
 * <pre>{@code
 * Op sigmoid = Op.of(
 *         in -> 1 / (1 + Math.exp(-in.scalar(0))),
 *         (in, out, gOut) -> gOut.asScalar() * out.asScalar() * (1 - out.asScalar()));
 * }</pre>
 *
 * <p>An op may also bring a tangent rule (its Jacobian–vector product, forward mode) beside its
 * backward, {@link #withTangent}: a graph of such ops is then checked in forward mode node by node
 * ({@code GradCheck.checkTangents}), and each op's two rules against each other (the adjoint test).
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Op {

    /**
     * Computes the output from the arguments.
     *
     * @param in the arguments, in the order the graph names them; fresh copies
     * @return the output: a number or an array, or a {@code Value}
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    Object forward(Args in) throws Exception;

    /**
     * Computes the gradient with respect to each argument from the output's gradient.
     *
     * @param in the arguments the forward was called with at the checked point
     * @param output the output the forward computed from them
     * @param gradOutput the gradient of the objective with respect to the output, of its shape
     * @return the gradient of each argument, as {@link BackwardFunction} describes
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    Object backward(Args in, Value output, Value gradOutput) throws Exception;

    /**
     * {@return an op from a forward and a backward function}
     *
     * @param forward computes the output from the arguments
     * @param backward computes the gradient with respect to each argument
     * @throws NullPointerException when either is null
     */
    static Op of(ForwardFunction forward, BackwardFunction backward) {
        java.util.Objects.requireNonNull(forward, "Op.of needs a forward function, got null; e.g."
                + " in -> Math.tanh(in.scalar(0))");
        java.util.Objects.requireNonNull(backward, "Op.of needs a backward function, got null; e.g."
                + " (in, out, gOut) -> gOut.asScalar() * (1 - out.asScalar() * out.asScalar())");
        return new Op() {
            @Override
            public Object forward(Args in) throws Exception {
                return forward.apply(in);
            }

            @Override
            public Object backward(Args in, Value output, Value gradOutput) throws Exception {
                return backward.apply(in, output, gradOutput);
            }
        };
    }

    /**
     * {@return the op's tangent rule, when it has one} Empty by default; {@link #withTangent} gives
     * an op one.
     *
     * @since 0.1.0
     */
    default Optional<JvpFunction> tangent() {
        return Optional.empty();
    }

    /**
     * {@return this op with a tangent rule (forward mode) beside its backward} The rule gets the
     * op's arguments, its output and the tangents of all its arguments, in argument order (read them
     * by position, e.g. {@code t.scalar(0)}; a constant argument's tangent is 0), and returns the
     * output's tangent, of the output's shape.
     *
     * <pre>{@code
     * Op sigmoid = Op.of(in -> 1 / (1 + Math.exp(-in.scalar(0))),
     *                 (in, out, gOut) -> gOut.asScalar() * out.asScalar() * (1 - out.asScalar()))
     *         .withTangent((in, out, t) -> out.asScalar() * (1 - out.asScalar()) * t.scalar(0));
     * }</pre>
     *
     * @param tangent the tangent rule
     * @throws NullPointerException when {@code tangent} is null
     * @since 0.1.0
     */
    default Op withTangent(JvpFunction tangent) {
        Objects.requireNonNull(tangent, "tangent");
        Op self = this;
        return new Op() {
            @Override
            public Object forward(Args in) throws Exception {
                return self.forward(in);
            }

            @Override
            public Object backward(Args in, Value output, Value gradOutput) throws Exception {
                return self.backward(in, output, gradOutput);
            }

            @Override
            public Optional<JvpFunction> tangent() {
                return Optional.of(tangent);
            }
        };
    }
}
