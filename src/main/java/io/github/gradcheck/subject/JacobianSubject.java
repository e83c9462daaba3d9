package io.github.gradcheck.subject;

import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A function that returns a claimed Jacobian matrix with its value, as least-squares fitting,
 * extended Kalman filters and physics codes do: J[i][j] = ∂out<sub>i</sub>/∂in<sub>j</sub>,
 * one row per output element and one column per element of the differentiable inputs (see
 * {@link JacobianFunction} for the layout). gradcheck measures every column by differencing the
 * function and names each wrong entry.
 *
 * <pre>{@code
 * JacobianSubject decay = JacobianSubject.of("exponential decay",
 *         in -> model(in.vector("theta"), T),
 *         in -> jacobian(in.vector("theta"), T));
 * JacobianReport report = GradCheck.checkForward(decay, Point.of("theta", new double[] {2.0, 0.5}));
 * }</pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class JacobianSubject extends FunctionBackedForward {

    /** The name of the node errors about the claimed matrix name. */
    static final String JACOBIAN = "jacobian";

    private final JacobianFunction jacobian;

    private JacobianSubject(FunctionSubject function, JacobianFunction jacobian) {
        super(function);
        this.jacobian = jacobian;
    }

    /**
     * {@return a function with its claimed Jacobian}; the inputs come from the point it is
     * checked at, in its order, and the Jacobian's columns follow that order
     *
     * @param name the subject's name, for reports and error messages
     * @param value computes the output from the inputs
     * @param jacobian computes the claimed Jacobian from the inputs
     * @throws NullPointerException when an argument is null
     */
    public static JacobianSubject of(String name, ForwardFunction value, JacobianFunction jacobian) {
        Objects.requireNonNull(jacobian, "jacobian");
        return new JacobianSubject(FunctionSubject.of(name, value, noBackward()), jacobian);
    }

    /**
     * {@return a function that returns its value and its claimed Jacobian together}, as Apache
     * Commons Math's {@code MultivariateJacobianFunction} does; it is called once for every
     * evaluation of the value, and once more for the Jacobian at the checked point
     *
     * @param name the subject's name, for reports and error messages
     * @param valueAndJacobian computes both from the inputs
     * @throws NullPointerException when an argument is null
     */
    public static JacobianSubject of(String name, ValueAndJacobian.Function valueAndJacobian) {
        Objects.requireNonNull(valueAndJacobian, "valueAndJacobian");
        ForwardFunction value = in -> requireBoth(valueAndJacobian.apply(in)).value();
        JacobianFunction jacobian = in -> requireBoth(valueAndJacobian.apply(in)).jacobian();
        return new JacobianSubject(FunctionSubject.of(name, value, noBackward()), jacobian);
    }

    private static ValueAndJacobian requireBoth(ValueAndJacobian both) {
        if (both == null) {
            throw new IllegalStateException("the function returned null instead of a ValueAndJacobian");
        }
        return both;
    }

    static BackwardFunction noBackward() {
        return (in, out, gOut) -> {
            throw new IllegalStateException("a forward-mode subject has no backward");
        };
    }

    /**
     * The same subject, declared pure: its functions depend on their arguments alone and may run
     * on several threads at once. Declare it only when that is true.
     *
     * @return the same subject, pure
     */
    public JacobianSubject pure() {
        return new JacobianSubject(function.pure(), jacobian);
    }

    @Override
    public Linearization linearize(Trace trace) {
        TraceArgs args = new TraceArgs(trace);
        Value out = trace.output().value();
        Args in = args.args();
        Object returned = UserCode.call(name(), JACOBIAN, "the Jacobian function", () -> jacobian.apply(in));
        MatrixReader reader = new MatrixReader(name(), JACOBIAN, "the Jacobian function", "J[i][j] = ∂out_i/∂in_j",
                out.size(), "the output (" + out.size() + ")", args.differentiable, args.shapes);
        Value matrix = reader.read(returned, precisionOf(args.differentiableValues, out));
        return Linearization.ofMatrix(args.differentiable, args.shapes, out.shape(), out.precision(), matrix, 1);
    }

    /** Float when the output or an input is float: the precision a claimed derivative is computed in. */
    static Precision precisionOf(List<Value> inputs, Value out) {
        if (out.precision() == Precision.FLOAT) {
            return Precision.FLOAT;
        }
        for (Value v : inputs) {
            if (v.precision() == Precision.FLOAT) {
                return Precision.FLOAT;
            }
        }
        return Precision.DOUBLE;
    }

    /**
     * {@return the same function as a reverse-mode subject}, whose backward is the transpose of the
     * claimed Jacobian applied to the output's gradient, for {@code GradCheck.check}
     */
    public Subject asSubject() {
        JacobianSubject self = this;
        return new Subject() {
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
                return transposed(self.linearize(trace), trace, cotangent);
            }

            @Override
            public Trace replay(Trace trace, String node, Value replacement) {
                return self.function.replay(trace, node, replacement);
            }

            @Override
            public Value replayOutput(Trace trace, String node, Value replacement) {
                return self.function.replayOutput(trace, node, replacement);
            }

            @Override
            public boolean isPure() {
                return self.isPure();
            }

            @Override
            public String replayScope() {
                return self.function.replayScope();
            }
        };
    }

    private static Gradients transposed(Linearization lin, Trace trace, Value u) {
        Value m = lin.matrix().orElseThrow();
        int rows = m.shape().dim(0);
        int cols = m.shape().dim(1);
        Map<String, Value> byNode = new LinkedHashMap<>();
        int at = 0;
        for (int p = 0; p < lin.inputs().size(); p++) {
            int n = lin.shapes().get(p).size();
            double[] g = new double[n];
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    s += m.get(i * cols + at + j) * u.get(i);
                }
                g[j] = s;
            }
            String input = lin.inputs().get(p);
            byNode.put(input, Value.of(lin.shapes().get(p), trace.node(input).value().precision(), g));
            at += n;
        }
        byNode.put(FunctionSubject.OUTPUT, u);
        return new Gradients(byNode, Map.of());
    }
}
