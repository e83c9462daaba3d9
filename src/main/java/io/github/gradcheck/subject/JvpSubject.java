package io.github.gradcheck.subject;

import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A function with a claimed Jacobian–vector product (forward mode): tangents of the inputs in, the
 * output's tangent out. gradcheck compares J·t with directional differences of the function: one
 * column at a time in full mode (t a unit vector), random Gaussian tangents and sampled columns in
 * fast mode. With a vector–Jacobian product as well ({@link #withVjp}), it also runs the adjoint
 * test ⟨u, J·t⟩ = ⟨Jᵀ·u, t⟩, which needs no finite differences and catches a forward and a
 * backward that disagree.
 *
 * <pre>{@code
 * JvpSubject sinCos = JvpSubject.of("sin-cos",
 *         in -> new double[] {Math.sin(in.scalar("x")), Math.cos(in.scalar("x"))},
 *         (in, out, t) -> new double[] {Math.cos(in.scalar("x")) * t.scalar("x"),
 *                                       -Math.sin(in.scalar("x")) * t.scalar("x")});
 * JacobianReport report = GradCheck.checkForward(sinCos, Point.of("x", 0.3));
 * }</pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class JvpSubject extends FunctionBackedForward {

    private final ForwardFunction forward;
    private final JvpFunction jvp;
    private final BackwardFunction vjp;

    private JvpSubject(FunctionSubject function, ForwardFunction forward, JvpFunction jvp, BackwardFunction vjp) {
        super(function);
        this.forward = forward;
        this.jvp = jvp;
        this.vjp = vjp;
    }

    /**
     * {@return a function with its claimed Jacobian–vector product}
     *
     * @param name the subject's name, for reports and error messages
     * @param forward computes the output from the inputs
     * @param jvp computes the output's tangent from the inputs' tangents
     * @throws NullPointerException when an argument is null
     */
    public static JvpSubject of(String name, ForwardFunction forward, JvpFunction jvp) {
        Objects.requireNonNull(jvp, "jvp");
        return new JvpSubject(FunctionSubject.of(name, forward, JacobianSubject.noBackward()), forward, jvp, null);
    }

    /**
     * The same function with a claimed vector–Jacobian product as well (reverse mode, as
     * {@link FunctionSubject} takes it): the check then runs the adjoint test, and
     * {@link #asSubject()} checks the VJP in reverse mode.
     *
     * @param backward computes each input's gradient from the output's
     * @return the same function with both products
     * @throws NullPointerException when {@code backward} is null
     */
    public JvpSubject withVjp(BackwardFunction backward) {
        Objects.requireNonNull(backward, "backward");
        FunctionSubject f = FunctionSubject.of(function.name(), forward, backward);
        return new JvpSubject(function.isPure() ? f.pure() : f, forward, jvp, backward);
    }

    /**
     * The same subject, declared pure: its functions depend on their arguments alone and may run
     * on several threads at once. Declare it only when that is true.
     *
     * @return the same subject, pure
     */
    public JvpSubject pure() {
        return new JvpSubject(function.pure(), forward, jvp, vjp);
    }

    /** {@return whether a vector–Jacobian product was given ({@link #withVjp})} */
    public boolean hasVjp() {
        return vjp != null;
    }

    /**
     * {@return the function with its VJP as a reverse-mode subject, for {@code GradCheck.check};
     * empty without a VJP}
     */
    public Optional<Subject> asSubject() {
        return vjp == null ? Optional.empty() : Optional.of(function);
    }

    @Override
    public Linearization linearize(Trace trace) {
        TraceArgs args = new TraceArgs(trace);
        Value out = trace.output().value();
        Args in = args.args();
        String name = name();
        return Linearization.ofProducts(args.differentiable, args.shapes, out.shape(), out.precision(),
                tangents -> {
                    Args t = args.tangents(tangents);
                    Object returned = UserCode.call(name, FunctionSubject.OUTPUT, "the JVP", () -> jvp.apply(in, out, t));
                    Value v = UserCode.toValue(name, FunctionSubject.OUTPUT, "the JVP", returned);
                    if (!v.shape().equals(out.shape())) {
                        throw new SubjectException(name, FunctionSubject.OUTPUT, "the JVP returned a tangent of shape "
                                + v.shape() + " but the output has shape " + out.shape() + "; the output's tangent"
                                + " J·t has the output's shape");
                    }
                    return v.withPrecision(out.precision());
                },
                vjp == null ? null : cotangent -> {
                    Object returned = UserCode.call(name, null, "the VJP", () -> vjp.apply(in, out, cotangent));
                    Value[] grads = ArgumentGradients.read(name, null, "the VJP", returned, args.names, args.values,
                            args.constant);
                    Map<String, Value> byName = new LinkedHashMap<>();
                    for (int i = 0; i < grads.length; i++) {
                        if (grads[i] != null) {
                            byName.put(args.names.get(i), grads[i]);
                        }
                    }
                    return byName;
                });
    }
}
