package io.github.gradcheck.subject;

import io.github.gradcheck.model.Value;
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
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Op {

    /** Computes the output from the arguments. */
    Object forward(Args in) throws Exception;

    /** Computes the gradient with respect to each argument from the output's gradient. */
    Object backward(Args in, Value output, Value gradOutput) throws Exception;

    /** An op from a forward and a backward function. */
    static Op of(ForwardFunction forward, BackwardFunction backward) {
        java.util.Objects.requireNonNull(forward, "forward");
        java.util.Objects.requireNonNull(backward, "backward");
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
}
