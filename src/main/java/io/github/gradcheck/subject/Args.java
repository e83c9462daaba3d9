package io.github.gradcheck.subject;

import io.github.gradcheck.model.Value;
import java.util.List;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The arguments handed to a user's forward or backward function, by position or by name.
 * Every reader returns a fresh copy: changing it cannot change what gradcheck cached.
 *
 * <pre>{@code
 * FunctionSubject.of("dense", in -> matvec(in.matrix("W"), in.vector("x")), ...)
 * }</pre>
 *
 * <p>The readers by name are those of {@link NamedValues}; where two arguments have the same
 * name (an op applied to one node twice) a name reads the first of them. Every reader throws
 * {@link IllegalArgumentException} naming the arguments there are when there is no such
 * argument, and naming the argument's position, name and shape when it has another shape.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Args implements NamedValues {

    private final List<String> names;
    private final List<Value> values;

    Args(List<String> names, List<Value> values) {
        this.names = List.copyOf(names);
        this.values = List.copyOf(values);
    }

    /** {@return the number of arguments} */
    public int size() {
        return values.size();
    }

    /**
     * {@return the name of argument {@code i}}
     *
     * @param i a position, from 0
     */
    public String name(int i) {
        return names.get(checkIndex(i));
    }

    /**
     * {@return argument {@code i}, immutable}
     *
     * @param i a position, from 0
     */
    public Value value(int i) {
        return values.get(checkIndex(i));
    }

    /**
     * {@return the argument named {@code name}, immutable}
     *
     * @param name the name of an argument
     */
    @Override
    public Value value(String name) {
        return values.get(indexOf(name));
    }

    /**
     * {@return argument {@code i}, a scalar}
     *
     * @param i a position, from 0
     */
    public double scalar(int i) {
        return read(i, "a scalar", Value::asScalar);
    }

    /**
     * {@return argument {@code i}, a scalar, as a {@code float}}
     *
     * @param i a position, from 0
     */
    public float floatScalar(int i) {
        return read(i, "a scalar", v -> (float) v.asScalar());
    }

    /**
     * {@return argument {@code i}, a vector, as a fresh {@code double[]}}
     *
     * @param i a position, from 0
     */
    public double[] vector(int i) {
        return read(i, "a vector", Value::asVector);
    }

    /**
     * {@return argument {@code i}, a matrix, as a fresh {@code double[][]}}
     *
     * @param i a position, from 0
     */
    public double[][] matrix(int i) {
        return read(i, "a matrix", Value::asMatrix);
    }

    /**
     * {@return argument {@code i}, a vector, as a fresh {@code float[]}}
     *
     * @param i a position, from 0
     */
    public float[] floatVector(int i) {
        return read(i, "a vector", Value::asFloatVector);
    }

    /**
     * {@return argument {@code i}, a matrix, as a fresh {@code float[][]}}
     *
     * @param i a position, from 0
     */
    public float[][] floatMatrix(int i) {
        return read(i, "a matrix", Value::asFloatMatrix);
    }

    /**
     * {@return argument {@code i}, a rank-3 array, as a fresh {@code double[][][]}}
     *
     * @param i a position, from 0
     */
    public double[][][] tensor3(int i) {
        return read(i, "a rank-3 array", v -> v.toJava(double[][][].class));
    }

    /**
     * {@return argument {@code i}, a rank-4 array, as a fresh {@code double[][][][]}}
     *
     * @param i a position, from 0
     */
    public double[][][][] tensor4(int i) {
        return read(i, "a rank-4 array", v -> v.toJava(double[][][][].class));
    }

    /**
     * {@return argument {@code i}, a vector of whole numbers, as a fresh {@code int[]}}
     *
     * @param i a position, from 0
     */
    public int[] intVector(int i) {
        return read(i, "an int[]", v -> v.toJava(int[].class));
    }

    /**
     * {@return argument {@code i} as a fresh object of {@code type}}, as
     * {@link NamedValues#as(String, Class)} reads it
     *
     * @param <T> the type
     * @param i a position, from 0
     * @param type the type to read it as
     */
    public <T> T as(int i, Class<T> type) {
        return read(i, "a " + type.getSimpleName(), v -> v.toJava(type));
    }

    /** How errors name the argument {@code name}: {@code argument 1 ('h')}. */
    String describe(String name) {
        return describe(indexOf(name));
    }

    private String describe(int i) {
        return "argument " + i + " ('" + names.get(i) + "')";
    }

    private <T> T read(int i, String what, Function<Value, T> as) {
        Value v = value(i);
        try {
            return as.apply(v);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(describe(i) + " is not " + what + ": "
                    + (e.getMessage().startsWith("element") ? e.getMessage() : "it has shape " + v.shape()), e);
        }
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= values.size()) {
            throw new IllegalArgumentException("there is no argument " + i + "; the arguments are " + names);
        }
        return i;
    }

    private int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("there is no argument named '" + name + "'; the arguments are " + names);
        }
        return i;
    }
}
