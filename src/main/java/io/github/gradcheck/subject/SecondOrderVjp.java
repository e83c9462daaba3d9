package io.github.gradcheck.subject;

import io.github.gradcheck.model.Value;
import org.apiguardian.api.API;

/**
 * The claimed backward of an op's backward (a double backward, as PyTorch's {@code gradgradcheck}
 * checks it). The op's backward b(x, g) = J(x)ᵀ·g maps its arguments x and the output's gradient g
 * to the arguments' gradients; given a cotangent w of those gradients (one per differentiable
 * argument, of its shape), its VJP is the gradient of ⟨w, b(x, g)⟩ with respect to each argument x
 * (through J(x), including through the op's output) and with respect to g (which is J(x)·w).
 *
 * <p>What to return: an {@code Object[]} or a {@code List} with one gradient per argument of the op,
 * in order ({@code null} for constants), followed by the gradient with respect to the output's
 * gradient g, of the op's output's shape.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface SecondOrderVjp {

    /**
     * Computes the gradients of ⟨w, backward(x, g)⟩.
     *
     * @param in the op's arguments
     * @param output the op's output at them
     * @param gradOutput the output's gradient g the backward was called with
     * @param gradGradInputs the cotangent w of the backward's result: one value per differentiable
     *     argument, by its name, of its shape
     * @return one gradient per argument of the op (null for constants), then the gradient of g
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    Object apply(Args in, Value output, Value gradOutput,
                 Args gradGradInputs) throws Exception;
}
