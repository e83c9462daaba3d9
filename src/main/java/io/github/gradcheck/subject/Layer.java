package io.github.gradcheck.subject;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * <p>A layer may also bring a tangent rule (forward mode) beside its backward, by overriding
 * {@link #tangent()} or with {@link #withTangent}: a {@link Sequential} or graph of such layers is
 * then checked in forward mode layer by layer ({@code GradCheck.checkTangents}), and each layer's
 * tangent rule against its backward (the adjoint test).
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
     * A layer's tangent rule (forward mode): the output's tangent for a tangent of the input and a
     * tangent of each parameter, J·t. gradcheck calls it right after a {@code forward} of the same
     * layer at the checked point, as it calls {@code backward}, so the rule may use what that
     * forward cached.
     *
     * <pre>{@code
     * // y = W·x + b:  dy = dW·x + W·dx + db
     * (x, y, dx, dp) -> plus(plus(times(dp.matrix("W"), x), times(w, dx)), dp.vector("b"))
     * }</pre>
     *
     * @param <I> the input type
     * @param <O> the output type
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    @FunctionalInterface
    interface TangentRule<I, O> {

        /**
         * Computes the output's tangent.
         *
         * @param input the input of the forward at the checked point, a private copy
         * @param output the output that forward returned, a private copy
         * @param inputTangent the input's tangent, of the input's type and shape (zeros when the
         *     input is a constant)
         * @param parameterTangents the tangent of each parameter of {@link #parameters()}, by the
         *     parameter's name and of its shape, e.g. {@code parameterTangents.matrix("W")}
         * @return the output's tangent, of the output's shape
         * @throws Exception anything; gradcheck reports it as a
         *     {@link io.github.gradcheck.model.SubjectException} with it as the cause
         */
        O apply(I input, O output, I inputTangent, Args parameterTangents) throws Exception;
    }

    /**
     * {@return the layer's tangent rule (forward mode), when it has one} Empty by default: a layer
     * without one is checked in reverse mode only. Override it, or use {@link #withTangent}.
     *
     * @since 0.1.0
     */
    default Optional<TangentRule<I, O>> tangent() {
        return Optional.empty();
    }

    /**
     * {@return this layer with a tangent rule (forward mode) beside its backward} The layer
     * returned has this layer's forward, backward, parameters and name.
     *
     * <pre>{@code
     * Layer<double[], double[]> tanh = new Tanh().withTangent((x, y, dx, dp) -> {
     *     double[] dy = new double[dx.length];
     *     for (int i = 0; i < dx.length; i++) {
     *         dy[i] = (1 - y[i] * y[i]) * dx[i];
     *     }
     *     return dy;
     * });
     * }</pre>
     *
     * @param rule the tangent rule
     * @throws NullPointerException when {@code rule} is null
     * @since 0.1.0
     */
    default Layer<I, O> withTangent(TangentRule<I, O> rule) {
        Objects.requireNonNull(rule, () -> "layer '" + name() + "' got a null tangent rule");
        return new LayerWithTangent<>(this instanceof LayerWithTangent<I, O> w ? w.layer() : this, rule);
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
