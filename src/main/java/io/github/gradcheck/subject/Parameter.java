package io.github.gradcheck.subject;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.Value;
import java.util.Objects;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * A parameter array a {@link Layer} owns, with the gradient its backward computes.
 * gradcheck perturbs the array <em>in place</em> to measure the true gradient and restores
 * every element bit for bit from a saved copy, also when the layer throws.
 *
 * <pre>{@code
 * public List<Parameter> parameters() {
 *     return List.of(Parameter.of("W", W, () -> dW), Parameter.of("b", b, () -> db));
 * }
 * }</pre>
 *
 * The gradient is a supplier because layers often allocate a new gradient array in every
 * backward; it is read right after the backward returns.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Parameter {

    private final String name;
    private final Object array;
    private final Supplier<?> gradient;

    private Parameter(String name, Object array, Supplier<?> gradient) {
        this.name = Objects.requireNonNull(name, "Parameter.of needs the parameter's name, got null; e.g."
                + " Parameter.of(\"W\", w, () -> dW)");
        this.array = Objects.requireNonNull(array, () -> "Parameter.of(\"" + name + "\", ...) needs the layer's live"
                + " array, got null; create the array before the layer's parameters() is called");
        this.gradient = Objects.requireNonNull(gradient, () -> "Parameter.of(\"" + name + "\", ...) needs a supplier"
                + " of the gradient, got null; e.g. Parameter.of(\"" + name + "\", w, () -> dW)");
    }

    /**
     * {@return a vector parameter}
     *
     * @param name its name within its layer; the graph names it {@code layer.name}
     * @param values the layer's live array, which gradcheck perturbs in place and restores
     * @param gradient supplies the gradient the layer's last backward computed, of the array's
     *     shape (a {@code double[]}, {@code float[]}, {@code double[][]}, {@code float[][]} or a
     *     {@code Value})
     * @throws NullPointerException when an argument is null
     */
    public static Parameter of(String name, double[] values, Supplier<?> gradient) {
        return new Parameter(name, values, gradient);
    }

    /**
     * {@return a matrix parameter, whose rows all have the same length}
     *
     * @param name its name within its layer; the graph names it {@code layer.name}
     * @param values the layer's live array, which gradcheck perturbs in place and restores
     * @param gradient supplies the gradient the layer's last backward computed, of the array's
     *     shape (a {@code double[]}, {@code float[]}, {@code double[][]}, {@code float[][]} or a
     *     {@code Value})
     * @throws NullPointerException when an argument is null
     */
    public static Parameter of(String name, double[][] values, Supplier<?> gradient) {
        return new Parameter(name, values, gradient);
    }

    /**
     * {@return a float vector parameter}
     *
     * @param name its name within its layer; the graph names it {@code layer.name}
     * @param values the layer's live array, which gradcheck perturbs in place and restores
     * @param gradient supplies the gradient the layer's last backward computed, of the array's
     *     shape (a {@code double[]}, {@code float[]}, {@code double[][]}, {@code float[][]} or a
     *     {@code Value})
     * @throws NullPointerException when an argument is null
     */
    public static Parameter of(String name, float[] values, Supplier<?> gradient) {
        return new Parameter(name, values, gradient);
    }

    /**
     * {@return a float matrix parameter, whose rows all have the same length}
     *
     * @param name its name within its layer; the graph names it {@code layer.name}
     * @param values the layer's live array, which gradcheck perturbs in place and restores
     * @param gradient supplies the gradient the layer's last backward computed, of the array's
     *     shape (a {@code double[]}, {@code float[]}, {@code double[][]}, {@code float[][]} or a
     *     {@code Value})
     * @throws NullPointerException when an argument is null
     */
    public static Parameter of(String name, float[][] values, Supplier<?> gradient) {
        return new Parameter(name, values, gradient);
    }

    /** {@return the parameter's name within its layer} */
    public String name() {
        return name;
    }

    /** The live array object (for identity checks). */
    Object array() {
        return array;
    }

    /** A copy of the current contents. */
    Value read() {
        return Value.fromJava(array);
    }

    /** The gradient the layer's last backward produced (not yet converted). */
    Object gradient() {
        return gradient.get();
    }

    /** Overwrites the live array with {@code v}, which has this parameter's shape. */
    void write(Value v) {
        if (array instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                a[i] = v.get(i);
            }
        } else if (array instanceof float[] a) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) v.get(i);
            }
        } else if (array instanceof double[][] a) {
            int k = 0;
            for (double[] row : a) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = v.get(k++);
                }
            }
        } else if (array instanceof float[][] a) {
            int k = 0;
            for (float[] row : a) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) v.get(k++);
                }
            }
        }
    }

    /** The shape and precision the array has now. */
    Shape shape() {
        return read().shape();
    }

    Precision precision() {
        return array instanceof float[] || array instanceof float[][] ? Precision.FLOAT : Precision.DOUBLE;
    }
}
