package io.github.gradcheck.subject;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import org.apiguardian.api.API;

/**
 * A function whose claimed derivative is checked in forward mode: a Jacobian matrix returned with
 * the value ({@link JacobianSubject}, the least-squares and Kalman-filter form) or Jacobian–vector
 * products ({@link JvpSubject}). Check one with {@code GradCheck.checkForward(subject, point)}; the
 * report names every wrong Jacobian entry by its row (the output component) and its column (the
 * input element).
 *
 * <p>The engine calls, at one point: {@link #forward} twice (the traces must agree),
 * {@link #linearize} on the first trace, its products as often as the check needs, and
 * {@link #replayOutput} many times with one input perturbed. Only when {@link #isPure} is true
 * may these calls come from several threads at once. Like every subject, a forward subject
 * copies what it returns, restores what it perturbs and reports problems of the user's code as
 * {@link io.github.gradcheck.model.SubjectException} naming the subject.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public sealed interface ForwardSubject permits FunctionBackedForward, GradientAsFunction {

    /** {@return the name used in reports and error messages} */
    String name();

    /**
     * Runs the function at {@code point}.
     *
     * @param point the inputs, each differentiable or constant
     * @return the trace: one node per input (named and ordered as in the point, constants as
     *     {@link io.github.gradcheck.model.NodeKind#CONSTANT}) and the output, named
     *     {@value FunctionSubject#OUTPUT}
     */
    Trace forward(Point point);

    /**
     * The output with one input replaced and the others as in {@code trace}.
     *
     * @param trace a trace {@link #forward} returned at the checked point
     * @param input the name of the input to replace
     * @param replacement its value, of its shape and precision
     * @return the output, of the shape it has at the point
     */
    Value replayOutput(Trace trace, String input, Value replacement);

    /**
     * What the subject claims about its derivative at the trace's point; for a
     * {@link JacobianSubject} this calls the user's Jacobian function once.
     *
     * @param trace a trace {@link #forward} returned at the checked point
     * @return the claimed matrix or products
     */
    Linearization linearize(Trace trace);

    /**
     * {@return whether the function may be evaluated from several threads at once} False by default.
     */
    default boolean isPure() {
        return false;
    }
}
