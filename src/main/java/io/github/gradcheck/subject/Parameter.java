package io.github.gradcheck.subject;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.Value;
import java.lang.reflect.Array;
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
 * <p>Arrays of rank 1 to 4 are parameters as they are ({@code double[]}, {@code float[][]},
 * a convolution kernel {@code double[][][]}, ...). A library that keeps a matrix or a kernel in
 * one flat array says its shape and storage order, and reports then name real indices
 * ({@code W[1,2]}, not {@code W[7]}):
 *
 * <pre>{@code
 * Parameter.of("W", weights, Shape.of(3, 4), Parameter.Order.COLUMN_MAJOR, () -> gradWeights)
 * }</pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Parameter {

    /**
     * How a flat array stores the elements of a parameter of higher rank.
     *
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    public enum Order {
        /** The last index varies fastest (C, Java's nested arrays, most Java libraries): {@code W[i][j]} at {@code i * columns + j}. */
        ROW_MAJOR,
        /** The first index varies fastest (Fortran, BLAS, LAPACK, some matrix libraries): {@code W[i][j]} at {@code j * rows + i}. */
        COLUMN_MAJOR
    }

    private final String name;
    private final Object array;
    private final Supplier<?> gradient;
    /** The shape of a flat array read as a tensor, or null when the array's own shape is the shape. */
    private final Shape shape;
    private final Order order;

    private Parameter(String name, Object array, Supplier<?> gradient) {
        this(name, array, gradient, null, Order.ROW_MAJOR);
    }

    private Parameter(String name, Object array, Supplier<?> gradient, Shape shape, Order order) {
        this.name = Objects.requireNonNull(name, "Parameter.of needs the parameter's name, got null; e.g."
                + " Parameter.of(\"W\", w, () -> dW)");
        this.array = Objects.requireNonNull(array, () -> "Parameter.of(\"" + name + "\", ...) needs the layer's live"
                + " array, got null; create the array before the layer's parameters() is called");
        this.gradient = Objects.requireNonNull(gradient, () -> "Parameter.of(\"" + name + "\", ...) needs a supplier"
                + " of the gradient, got null; e.g. Parameter.of(\"" + name + "\", w, () -> dW)");
        this.shape = shape;
        this.order = Objects.requireNonNull(order, () -> "Parameter.of(\"" + name + "\", ...) needs a storage order,"
                + " got null; use Parameter.Order.ROW_MAJOR or Parameter.Order.COLUMN_MAJOR");
    }

    /**
     * {@return a vector parameter}
     *
     * @param name its name within its layer; the graph names it {@code layer.name}
     * @param values the layer's live array, which gradcheck perturbs in place and restores
     * @param gradient supplies the gradient the layer's last backward computed, of the array's
     *     shape (a {@code double[]}, {@code float[]}, {@code double[][]}, {@code float[][]}, ... or a
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
     *     shape (a {@code double[]}, {@code float[]}, {@code double[][]}, {@code float[][]}, ... or a
     *     {@code Value})
     * @throws NullPointerException when an argument is null
     */
    public static Parameter of(String name, double[][] values, Supplier<?> gradient) {
        return new Parameter(name, values, gradient);
    }

    /**
     * {@return a rank-3 parameter (a convolution kernel: channels × rows × columns), not ragged}
     *
     * @param name its name within its layer; the graph names it {@code layer.name}
     * @param values the layer's live array, which gradcheck perturbs in place and restores
     * @param gradient supplies the gradient the layer's last backward computed, of the array's shape
     * @throws NullPointerException when an argument is null
     */
    public static Parameter of(String name, double[][][] values, Supplier<?> gradient) {
        return new Parameter(name, values, gradient);
    }

    /**
     * {@return a rank-4 parameter (a convolution kernel: out channels × in channels × rows ×
     * columns), not ragged}
     *
     * @param name its name within its layer; the graph names it {@code layer.name}
     * @param values the layer's live array, which gradcheck perturbs in place and restores
     * @param gradient supplies the gradient the layer's last backward computed, of the array's shape
     * @throws NullPointerException when an argument is null
     */
    public static Parameter of(String name, double[][][][] values, Supplier<?> gradient) {
        return new Parameter(name, values, gradient);
    }

    /**
     * {@return a float vector parameter}
     *
     * @param name its name within its layer; the graph names it {@code layer.name}
     * @param values the layer's live array, which gradcheck perturbs in place and restores
     * @param gradient supplies the gradient the layer's last backward computed, of the array's
     *     shape (a {@code double[]}, {@code float[]}, {@code double[][]}, {@code float[][]}, ... or a
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
     *     shape (a {@code double[]}, {@code float[]}, {@code double[][]}, {@code float[][]}, ... or a
     *     {@code Value})
     * @throws NullPointerException when an argument is null
     */
    public static Parameter of(String name, float[][] values, Supplier<?> gradient) {
        return new Parameter(name, values, gradient);
    }

    /**
     * {@return a float rank-3 parameter, not ragged}
     *
     * @param name its name within its layer; the graph names it {@code layer.name}
     * @param values the layer's live array, which gradcheck perturbs in place and restores
     * @param gradient supplies the gradient the layer's last backward computed, of the array's shape
     * @throws NullPointerException when an argument is null
     */
    public static Parameter of(String name, float[][][] values, Supplier<?> gradient) {
        return new Parameter(name, values, gradient);
    }

    /**
     * {@return a float rank-4 parameter, not ragged}
     *
     * @param name its name within its layer; the graph names it {@code layer.name}
     * @param values the layer's live array, which gradcheck perturbs in place and restores
     * @param gradient supplies the gradient the layer's last backward computed, of the array's shape
     * @throws NullPointerException when an argument is null
     */
    public static Parameter of(String name, float[][][][] values, Supplier<?> gradient) {
        return new Parameter(name, values, gradient);
    }

    /**
     * {@return a parameter of {@code shape} that a library keeps in one flat array, in
     * {@code order}}: reports show it with its shape and real indices, and the gradient the
     * supplier gives is read in the same storage order.
     *
     * @param name its name within its layer; the graph names it {@code layer.name}
     * @param flat the layer's live flat array, {@code shape.size()} elements, which gradcheck
     *     perturbs in place and restores
     * @param shape the parameter's shape, e.g. {@code Shape.of(rows, columns)}
     * @param order how {@code flat} stores the elements
     * @param gradient supplies the gradient the layer's last backward computed: a flat
     *     {@code double[]} or {@code float[]} in the same order, or a nested array or
     *     {@code Value} of {@code shape}
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code flat} does not have {@code shape.size()} elements
     */
    public static Parameter of(String name, double[] flat, Shape shape, Order order, Supplier<?> gradient) {
        return flat(name, flat, shape, order, gradient);
    }

    /**
     * {@return a float parameter of {@code shape} kept in one flat array, in {@code order}}, as
     * {@link #of(String, double[], Shape, Order, Supplier)}
     *
     * @param name its name within its layer; the graph names it {@code layer.name}
     * @param flat the layer's live flat array, {@code shape.size()} elements
     * @param shape the parameter's shape
     * @param order how {@code flat} stores the elements
     * @param gradient supplies the gradient, flat in the same order or of {@code shape}
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code flat} does not have {@code shape.size()} elements
     */
    public static Parameter of(String name, float[] flat, Shape shape, Order order, Supplier<?> gradient) {
        return flat(name, flat, shape, order, gradient);
    }

    private static Parameter flat(String name, Object flat, Shape shape, Order order, Supplier<?> gradient) {
        Objects.requireNonNull(shape, () -> "parameter '" + name + "' has a null shape");
        Objects.requireNonNull(flat, () -> "parameter '" + name + "' has a null array");
        int length = Array.getLength(flat);
        if (length != shape.size()) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + shape + " (" + shape.size()
                    + " elements) but its flat array has " + length + " elements");
        }
        return new Parameter(name, flat, gradient, shape, order);
    }

    /** {@return the parameter's name within its layer} */
    public String name() {
        return name;
    }

    /** The live array object (for identity checks). */
    Object array() {
        return array;
    }

    /** A copy of the current contents, in its shape. */
    Value read() {
        return shape == null ? Value.fromJava(array) : fromStorage(Value.fromJava(array));
    }

    /** The gradient the layer's last backward produced (not yet converted). */
    Object gradient() {
        return gradient.get();
    }

    /**
     * The gradient {@code raw} in this parameter's shape: a flat array of a flat parameter is read
     * in its storage order; anything else is returned as it is.
     */
    Object inShape(Object raw) {
        boolean flatRaw = raw instanceof double[] || raw instanceof float[];
        return shape != null && flatRaw && Array.getLength(raw) == shape.size() ? fromStorage(Value.fromJava(raw)) : raw;
    }

    /** Overwrites the live array with {@code v}, which has this parameter's shape. */
    void write(Value v) {
        if (shape == null) {
            writeNested(array, v, new int[] {0});
            return;
        }
        for (int logical = 0; logical < v.size(); logical++) {
            int at = storageIndex(logical);
            if (array instanceof double[] a) {
                a[at] = v.get(logical);
            } else {
                ((float[]) array)[at] = (float) v.get(logical);
            }
        }
    }

    /**
     * Overwrites the one element at row-major index {@code logical} of the live array with
     * {@code x}, which is of this parameter's precision. {@return false, writing nothing, for an
     * array of a kind this does not address one element of} (the caller then writes the whole value)
     */
    boolean writeElement(int logical, double x) {
        if (shape != null) {
            int at = storageIndex(logical);
            if (array instanceof double[] a) {
                a[at] = x;
            } else {
                ((float[]) array)[at] = (float) x;
            }
            return true;
        }
        if (array instanceof double[] a) {
            a[logical] = x;
        } else if (array instanceof float[] a) {
            a[logical] = (float) x;
        } else if (array instanceof double[][] m && m.length > 0 && m[0].length > 0) {
            m[logical / m[0].length][logical % m[0].length] = x;
        } else if (array instanceof float[][] m && m.length > 0 && m[0].length > 0) {
            m[logical / m[0].length][logical % m[0].length] = (float) x;
        } else {
            return false;
        }
        return true;
    }

    private static void writeNested(Object array, Value v, int[] k) {
        if (array instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                a[i] = v.get(k[0]++);
            }
        } else if (array instanceof float[] a) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) v.get(k[0]++);
            }
        } else {
            for (Object row : (Object[]) array) {
                writeNested(row, v, k);
            }
        }
    }

    /** A flat value in this parameter's storage order as a value of its shape (row-major). */
    private Value fromStorage(Value stored) {
        double[] logical = new double[shape.size()];
        for (int i = 0; i < logical.length; i++) {
            logical[i] = stored.get(storageIndex(i));
        }
        return Value.of(shape, stored.precision(), logical);
    }

    /** Where the element at row-major index {@code logical} is stored in the flat array. */
    private int storageIndex(int logical) {
        if (order == Order.ROW_MAJOR) {
            return logical;
        }
        int[] dims = shape.dims();
        int rest = logical;
        int at = 0;
        int stride = 1;
        int[] index = new int[dims.length];
        for (int axis = dims.length - 1; axis >= 0; axis--) {
            index[axis] = rest % dims[axis];
            rest /= dims[axis];
        }
        for (int axis = 0; axis < dims.length; axis++) {
            at += index[axis] * stride;
            stride *= dims[axis];
        }
        return at;
    }

    /** The shape and precision the array has now. */
    Shape shape() {
        return read().shape();
    }

    Precision precision() {
        Class<?> leaf = array.getClass();
        while (leaf.isArray()) {
            leaf = leaf.getComponentType();
        }
        return leaf == float.class ? Precision.FLOAT : Precision.DOUBLE;
    }
}
