package io.github.gradcheck.subject;

import java.util.List;
import java.util.Objects;
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
 * <p>A layer of a library need not implement this interface: {@link #of} makes one of its
 * forward and backward methods and its parameters.
 *
 * <pre>{@code
 * Layer<double[], double[]> dense = Layer.of("dense", lib::forward, lib::backward,
 *         Parameter.of("W", lib.weights(), Shape.of(3, 4), Parameter.Order.COLUMN_MAJOR, lib::weightGradients));
 * }</pre>
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

    /**
     * One pass of a layer: its forward (input to output) or its backward (output gradient to
     * input gradient).
     *
     * @param <A> what the pass takes
     * @param <B> what it returns
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    @FunctionalInterface
    interface Pass<A, B> {

        /**
         * Runs the pass.
         *
         * @param a the input, or the gradient of the output
         * @return the output, or the gradient of the input
         * @throws Exception anything; gradcheck reports it as a
         *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
         */
        B apply(A a) throws Exception;
    }

    /**
     * {@return a layer made of a forward, a backward and the parameters they use}, with the
     * protocol of this interface: the backward follows a forward at the checked point and sets the
     * parameters' gradients.
     *
     * @param <I> the input type
     * @param <O> the output type
     * @param name the name used in reports
     * @param forward computes the output and caches what the backward needs
     * @param backward computes the gradient of the last forward's input and sets the parameter
     *     gradients
     * @param parameters the parameters the layer owns, each with its own array
     * @throws NullPointerException when an argument or a parameter is null
     */
    static <I, O> Layer<I, O> of(String name, Pass<I, O> forward, Pass<O, I> backward, Parameter... parameters) {
        Objects.requireNonNull(name, "layer name");
        Objects.requireNonNull(forward, () -> "layer '" + name + "' has a null forward");
        Objects.requireNonNull(backward, () -> "layer '" + name + "' has a null backward");
        Objects.requireNonNull(parameters, () -> "layer '" + name + "' has null parameters");
        for (Parameter p : parameters) {
            Objects.requireNonNull(p, () -> "layer '" + name + "' has a null parameter");
        }
        return new FunctionalLayer<>(name, forward, backward, List.of(parameters));
    }

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
