package io.github.gradcheck.subject;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A stateful layer as hand-written networks have them: {@code forward} caches what it needs,
 * {@code backward} uses that cache to return the gradient with respect to the input and to
 * set the gradients of its {@link Parameter}s.
 *
 * <p>The protocol gradcheck follows, which a layer may rely on: {@code backward} is always
 * called immediately after a {@code forward} of the same layer at the checked point, with a
 * gradient of the output's shape. {@code forward} may be called many more times (at
 * perturbed inputs and parameter values) without a {@code backward} after it. Parameter
 * gradients are read right after {@code backward} returns; a layer must overwrite them, not
 * add to them.
 *
 * <p>{@code I} and {@code O} are the Java types of the input and output: {@code double[]},
 * {@code double[][]}, {@code float[]}, ... gradcheck hands the input back in the form the
 * previous layer (or the point) gave it.
 *
 * @param <I> the input type
 * @param <O> the output type
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Layer<I, O> {

    /**
     * Computes the output and caches what the backward needs.
     *
     * @param input the input, a private copy the layer must not change
     * @return the output
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    O forward(I input) throws Exception;

    /**
     * Computes the gradient with respect to the last forward's input, and sets the parameter
     * gradients.
     *
     * @param gradOutput the gradient of the objective with respect to the output, of its shape
     * @return the gradient with respect to the input, of its shape
     * @throws Exception anything; gradcheck reports it as a
     *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
     */
    I backward(O gradOutput) throws Exception;

    /** {@return the parameters this layer owns, each with its own array; none by default} */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * {@return the name used in reports} By default the class's simple name; for an anonymous
     * class the name Java gives it, e.g. {@code NetworkTests$1}. A layer whose name is null or
     * blank is named by its position and class, e.g. {@code "layer 2 (NetworkTests$1)"}.
     */
    default String name() {
        return LayerNames.readable(getClass());
    }
}
