package io.github.gradcheck.subject;

import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A scalar function with a claimed Hessian, as Newton's method and trust-region solvers need it: as
 * a matrix (H[i][j] = ∂²f/∂x<sub>i</sub>∂x<sub>j</sub>, see {@link HessianFunction}) or as
 * Hessian–vector products ({@link HvpFunction}), with or without the claimed gradient.
 *
 * <p>With a gradient, gradcheck checks the gradient first (in reverse mode, as a
 * {@link FunctionSubject}), then the Hessian against differences of the verified gradient, which
 * have the fine resolution of first differences. Without one, or when the gradient is wrong, it
 * measures the Hessian by second differences of the function, whose resolution is much coarser
 * (the report says so). Either way the claimed Hessian's symmetry is checked for free.
 *
 * <pre>{@code
 * HessianSubject loss = HessianSubject.of("logistic loss",
 *         in -> loss(in.vector("w")), in -> gradient(in.vector("w")), in -> hessian(in.vector("w")));
 * JacobianReport report = GradCheck.checkHessian(loss, Point.of("w", new double[] {0.1, -0.2, 0.3}));
 * }</pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class HessianSubject {

    /** The name of the node errors about the claimed Hessian name. */
    static final String HESSIAN = "hessian";

    private final FunctionSubject function;
    private final ForwardFunction forward;
    private final GradientFunction gradient;
    private final HessianFunction hessian;
    private final HvpFunction hvp;

    private HessianSubject(FunctionSubject function, ForwardFunction forward, GradientFunction gradient,
                           HessianFunction hessian, HvpFunction hvp) {
        this.function = function;
        this.forward = forward;
        this.gradient = gradient;
        this.hessian = hessian;
        this.hvp = hvp;
    }

    /**
     * {@return a scalar function with its claimed gradient and Hessian matrix}
     *
     * @param name the subject's name, for reports and error messages
     * @param function computes the scalar value from the inputs
     * @param gradient computes the claimed gradient
     * @param hessian computes the claimed Hessian
     * @throws NullPointerException when an argument is null
     */
    public static HessianSubject of(String name, ForwardFunction function, GradientFunction gradient,
                                    HessianFunction hessian) {
        return new HessianSubject(FunctionSubject.of(name, function, JacobianSubject.noBackward()), function,
                Objects.requireNonNull(gradient, "gradient"), Objects.requireNonNull(hessian, "hessian"), null);
    }

    /**
     * {@return a scalar function with its claimed Hessian matrix and no gradient}: the Hessian is
     * measured by second differences of the function
     *
     * @param name the subject's name, for reports and error messages
     * @param function computes the scalar value from the inputs
     * @param hessian computes the claimed Hessian
     * @throws NullPointerException when an argument is null
     */
    public static HessianSubject of(String name, ForwardFunction function, HessianFunction hessian) {
        return new HessianSubject(FunctionSubject.of(name, function, JacobianSubject.noBackward()), function, null,
                Objects.requireNonNull(hessian, "hessian"), null);
    }

    /**
     * {@return a scalar function with its claimed gradient and Hessian–vector products}
     *
     * @param name the subject's name, for reports and error messages
     * @param function computes the scalar value from the inputs
     * @param gradient computes the claimed gradient
     * @param hvp computes the claimed H·v
     * @throws NullPointerException when an argument is null
     */
    public static HessianSubject ofProducts(String name, ForwardFunction function, GradientFunction gradient,
                                            HvpFunction hvp) {
        return new HessianSubject(FunctionSubject.of(name, function, JacobianSubject.noBackward()), function,
                Objects.requireNonNull(gradient, "gradient"), null, Objects.requireNonNull(hvp, "hvp"));
    }

    /**
     * {@return a scalar function with its claimed Hessian–vector products and no gradient}: H·v is
     * measured by second differences of the function
     *
     * @param name the subject's name, for reports and error messages
     * @param function computes the scalar value from the inputs
     * @param hvp computes the claimed H·v
     * @throws NullPointerException when an argument is null
     */
    public static HessianSubject ofProducts(String name, ForwardFunction function, HvpFunction hvp) {
        return new HessianSubject(FunctionSubject.of(name, function, JacobianSubject.noBackward()), function, null, null,
                Objects.requireNonNull(hvp, "hvp"));
    }

    /**
     * The same subject, declared pure: its functions depend on their arguments alone and may run on
     * several threads at once. Declare it only when that is true.
     *
     * @return the same subject, pure
     */
    public HessianSubject pure() {
        return new HessianSubject(function.pure(), forward, gradient, hessian, hvp);
    }

    /** {@return the name used in reports and error messages} */
    public String name() {
        return function.name();
    }

    /** {@return whether the function may be evaluated from several threads at once} */
    public boolean isPure() {
        return function.isPure();
    }

    /** {@return whether a gradient was given} */
    public boolean hasGradient() {
        return gradient != null;
    }

    /** {@return whether the Hessian is claimed as products H·v rather than as a matrix} */
    public boolean claimsProducts() {
        return hvp != null;
    }

    // ---- what the engine reads ----------------------------------------------------------------

    /**
     * SPI: runs the function at {@code point}.
     *
     * @param point the inputs, each differentiable or constant
     * @return the trace: one node per input and the scalar output, named {@value FunctionSubject#OUTPUT}
     * @throws SubjectException when the function fails or its value is not a scalar
     */
    public Trace forward(Point point) {
        Trace t = function.forward(point);
        Value out = t.output().value();
        if (out.size() != 1) {
            throw new SubjectException(name(), FunctionSubject.OUTPUT, "a Hessian is the second derivative of a scalar"
                    + " function, but the function returned shape " + out.shape() + "; for a vector function check"
                    + " its Jacobian with JacobianSubject, or the Hessian of each component (or of a weighted sum)");
        }
        return t;
    }

    /**
     * SPI: the function at a point, for second differences.
     *
     * @param point the inputs
     * @return the scalar value
     */
    public double value(Point point) {
        return forward(point).output().value().get(0);
    }

    /**
     * SPI: what the subject claims about its Hessian at the trace's point: the matrix (one call of
     * the Hessian function) or its products. The rows are the gradient's components: one per
     * element of the differentiable inputs.
     *
     * @param trace a trace of {@link #forward} (or of {@link #gradientFunction()}) at the checked point
     * @return the claimed Hessian, as a {@link Linearization} of the gradient
     * @throws SubjectException when the Hessian function fails or returns something unusable
     */
    public Linearization hessian(Trace trace) {
        TraceArgs args = new TraceArgs(trace);
        Args in = args.args();
        int n = args.columns();
        Shape rows = Shape.of(n);
        Precision precision = JacobianSubject.precisionOf(args.differentiableValues, trace.output().value());
        if (hessian != null) {
            Object returned = UserCode.call(name(), HESSIAN, "the Hessian function", () -> hessian.apply(in));
            MatrixReader reader = new MatrixReader(name(), HESSIAN, "the Hessian function", "H[i][j] = ∂²f/∂x_i∂x_j",
                    n, "the gradient (" + n + ")", args.differentiable, args.shapes);
            Value matrix = reader.read(returned, precision);
            return Linearization.ofMatrix(args.differentiable, args.shapes, rows, precision, matrix, 1);
        }
        return Linearization.ofProducts(args.differentiable, args.shapes, rows, precision, tangents -> {
            Args v = args.tangents(tangents);
            Object returned = UserCode.call(name(), HESSIAN, "the HVP", () -> hvp.apply(in, v));
            Value[] products = perArgument(args, "the HVP", returned);
            return GradientAsFunction.flatten(args, products).withPrecision(precision);
        }, null);
    }

    /** The claimed gradient at the inputs of {@code args}: one per input, null for constants. */
    Value[] readGradient(TraceArgs args) {
        Args in = args.args();
        Object returned = UserCode.call(name(), null, "the gradient function", () -> gradient.apply(in));
        return perArgument(args, "the gradient function", returned);
    }

    /**
     * What a gradient function or an HVP returned, one value per argument (null for constants): as
     * {@link BackwardFunction} returns gradients, or, when only one argument is differentiable, the
     * value for that argument alone.
     */
    private Value[] perArgument(TraceArgs args, String what, Object returned) {
        if (args.differentiable.size() == 1 && args.names.size() > 1 && returned != null) {
            int only = args.names.indexOf(args.differentiable.get(0));
            try {
                Value v = Value.fromJava(returned);
                if (v.shape().equals(args.values.get(only).shape())) {
                    Value[] out = new Value[args.names.size()];
                    out[only] = v.withPrecision(args.values.get(only).precision());
                    return out;
                }
            } catch (IllegalArgumentException e) {
                // not a single value: read it as one per argument
            }
        }
        return ArgumentGradients.read(name(), null, what, returned, args.names, args.values, args.constant);
    }

    /**
     * SPI: the function with its claimed gradient as a reverse-mode subject (its backward is the
     * gradient times the output's gradient), which is checked first; empty without a gradient.
     *
     * @return the subject, for {@code GradCheck.check}
     */
    public Optional<Subject> gradientSubject() {
        if (gradient == null) {
            return Optional.empty();
        }
        HessianSubject self = this;
        return Optional.of(new Subject() {
            @Override
            public String name() {
                return self.name();
            }

            @Override
            public Trace forward(Point point) {
                return self.forward(point);
            }

            @Override
            public Gradients backward(Trace trace, Value cotangent) {
                TraceArgs args = new TraceArgs(trace);
                Value[] grads = readGradient(args);
                double g = cotangent.asScalar();
                Map<String, Value> byNode = new LinkedHashMap<>();
                for (int i = 0; i < grads.length; i++) {
                    if (grads[i] != null) {
                        double[] d = grads[i].toArray();
                        for (int k = 0; k < d.length; k++) {
                            d[k] *= g;
                        }
                        byNode.put(args.names.get(i), Value.of(grads[i].shape(), grads[i].precision(), d));
                    }
                }
                byNode.put(FunctionSubject.OUTPUT, cotangent);
                return new Gradients(byNode, Map.of());
            }

            @Override
            public Trace replay(Trace trace, String node, Value replacement) {
                return function.replay(trace, node, replacement);
            }

            @Override
            public Value replayOutput(Trace trace, String node, Value replacement) {
                return function.replayOutput(trace, node, replacement);
            }

            @Override
            public boolean isPure() {
                return self.isPure();
            }

            @Override
            public String replayScope() {
                return function.replayScope();
            }
        });
    }

    /**
     * SPI: the claimed gradient as a function of the inputs (its output the gradient flattened),
     * whose Jacobian is the claimed Hessian; empty without a gradient.
     *
     * @return the gradient as a forward-mode subject
     */
    public Optional<ForwardSubject> gradientFunction() {
        return gradient == null ? Optional.empty() : Optional.of(new GradientAsFunction(this));
    }
}
