package io.github.gradcheck.subject;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * SPI: what a {@link ForwardSubject} claims about its derivative at one point, as the engine reads
 * it: the claimed matrix, when the subject returns one, and products with it (J·t always, Jᵀ·u
 * when the subject also has a vector–Jacobian product). Made by the subjects of this package;
 * every call of the user's code through it is counted.
 *
 * <p>The matrix has one row per output element and one column per element of the differentiable
 * inputs, flattened and concatenated in the point's order (see {@link JacobianFunction}).
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Linearization {

    private final List<String> inputs;
    private final List<Shape> shapes;
    private final Shape outputShape;
    private final Precision outputPrecision;
    private final Value matrix;
    private final Function<Map<String, Value>, Value> jvp;
    private final Function<Value, Map<String, Value>> vjp;
    private int calls;

    private Linearization(List<String> inputs, List<Shape> shapes, Shape outputShape, Precision outputPrecision,
                          Value matrix, Function<Map<String, Value>, Value> jvp,
                          Function<Value, Map<String, Value>> vjp, int calls) {
        this.inputs = List.copyOf(inputs);
        this.shapes = List.copyOf(shapes);
        this.outputShape = outputShape;
        this.outputPrecision = outputPrecision;
        this.matrix = matrix;
        this.jvp = jvp;
        this.vjp = vjp;
        this.calls = calls;
    }

    /** A claimed matrix, computed with {@code calls} calls of user code. */
    static Linearization ofMatrix(List<String> inputs, List<Shape> shapes, Shape outputShape,
                                  Precision outputPrecision, Value matrix, int calls) {
        return new Linearization(inputs, shapes, outputShape, outputPrecision, Objects.requireNonNull(matrix), null,
                null, calls);
    }

    /** Claimed products: {@code jvp} always, {@code vjp} or null. */
    static Linearization ofProducts(List<String> inputs, List<Shape> shapes, Shape outputShape,
                                    Precision outputPrecision, Function<Map<String, Value>, Value> jvp,
                                    Function<Value, Map<String, Value>> vjp) {
        return new Linearization(inputs, shapes, outputShape, outputPrecision, null, Objects.requireNonNull(jvp), vjp,
                0);
    }

    /** {@return the differentiable inputs, in the order of the matrix's columns} */
    public List<String> inputs() {
        return inputs;
    }

    /** {@return the shapes of the differentiable inputs, in the same order} */
    public List<Shape> shapes() {
        return shapes;
    }

    /** {@return the shape of the output, whose elements are the matrix's rows} */
    public Shape outputShape() {
        return outputShape;
    }

    /**
     * {@return the claimed matrix, of shape [rows x columns], when the subject returns one; empty
     * when it claims products only}
     */
    public Optional<Value> matrix() {
        return Optional.ofNullable(matrix);
    }

    /**
     * The claimed J·t: from the matrix, or from the user's JVP (one call, counted).
     *
     * @param tangents a tangent for every differentiable input, by name, of its shape
     * @return the output's tangent, of the output's shape
     * @throws io.github.gradcheck.model.SubjectException when the user's JVP fails or returns
     *     something unusable
     */
    public Value jvp(Map<String, Value> tangents) {
        if (matrix == null) {
            calls++;
            return jvp.apply(tangents);
        }
        int n = matrix.shape().dim(1);
        int m = matrix.shape().dim(0);
        double[] t = new double[n];
        int at = 0;
        for (int p = 0; p < inputs.size(); p++) {
            Value v = tangents.get(inputs.get(p));
            for (int j = 0; j < shapes.get(p).size(); j++) {
                t[at++] = v.get(j);
            }
        }
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += matrix.get(i * n + j) * t[j];
            }
            out[i] = s;
        }
        return Value.of(outputShape, outputPrecision, out);
    }

    /** {@return whether {@link #vjp} is available: the subject claims reverse mode too} */
    public boolean hasVjp() {
        return vjp != null;
    }

    /**
     * The claimed Jᵀ·u from the user's VJP (one call, counted).
     *
     * @param cotangent a cotangent of the output's shape
     * @return the gradient of ⟨u, output⟩ for every differentiable input, by name
     * @throws IllegalStateException when the subject has no VJP
     * @throws io.github.gradcheck.model.SubjectException when the user's VJP fails or returns
     *     something unusable
     */
    public Map<String, Value> vjp(Value cotangent) {
        if (vjp == null) {
            throw new IllegalStateException("this subject claims no vector–Jacobian product");
        }
        calls++;
        return new LinkedHashMap<>(vjp.apply(cotangent));
    }

    /** {@return how many times the user's derivative code was called through this object} */
    public int calls() {
        return calls;
    }
}
