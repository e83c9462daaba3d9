package io.github.gradcheck.subject;

import io.github.gradcheck.model.Value;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The arguments handed to a user's forward or backward function, by position or by name.
 * Every accessor returns a fresh copy: changing it cannot change what gradcheck cached.
 *
 * <pre>{@code
 * FunctionSubject.of("dense", in -> matvec(in.matrix("W"), in.vector("x")), ...)
 * }</pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Args {

    private final List<String> names;
    private final List<Value> values;

    Args(List<String> names, List<Value> values) {
        this.names = List.copyOf(names);
        this.values = List.copyOf(values);
    }

    /** The number of arguments. */
    public int size() {
        return values.size();
    }

    /** The name of argument {@code i}. */
    public String name(int i) {
        return names.get(checkIndex(i));
    }

    /** Argument {@code i} as an immutable value. */
    public Value value(int i) {
        return values.get(checkIndex(i));
    }

    /** The argument named {@code name} as an immutable value. */
    public Value value(String name) {
        return values.get(indexOf(name));
    }

    /** Argument {@code i}, a scalar. */
    public double scalar(int i) {
        return as(i, "a scalar", () -> value(i).asScalar());
    }

    /** The scalar argument named {@code name}. */
    public double scalar(String name) {
        return scalar(indexOf(name));
    }

    /** Argument {@code i}, a scalar, as a {@code float}. */
    public float floatScalar(int i) {
        return as(i, "a scalar", () -> (float) value(i).asScalar());
    }

    /** The scalar argument named {@code name}, as a {@code float}. */
    public float floatScalar(String name) {
        return floatScalar(indexOf(name));
    }

    /** Argument {@code i}, a vector, as a fresh {@code double[]}. */
    public double[] vector(int i) {
        return as(i, "a vector", () -> value(i).asVector());
    }

    /** The vector argument named {@code name}, as a fresh {@code double[]}. */
    public double[] vector(String name) {
        return vector(indexOf(name));
    }

    /** Argument {@code i}, a matrix, as a fresh {@code double[][]}. */
    public double[][] matrix(int i) {
        return as(i, "a matrix", () -> value(i).asMatrix());
    }

    /** The matrix argument named {@code name}, as a fresh {@code double[][]}. */
    public double[][] matrix(String name) {
        return matrix(indexOf(name));
    }

    /** Argument {@code i}, a vector, as a fresh {@code float[]}. */
    public float[] floatVector(int i) {
        return as(i, "a vector", () -> value(i).asFloatVector());
    }

    /** The vector argument named {@code name}, as a fresh {@code float[]}. */
    public float[] floatVector(String name) {
        return floatVector(indexOf(name));
    }

    /** Argument {@code i}, a matrix, as a fresh {@code float[][]}. */
    public float[][] floatMatrix(int i) {
        return as(i, "a matrix", () -> value(i).asFloatMatrix());
    }

    /** The matrix argument named {@code name}, as a fresh {@code float[][]}. */
    public float[][] floatMatrix(String name) {
        return floatMatrix(indexOf(name));
    }

    private interface Read<T> {
        T get();
    }

    private <T> T as(int i, String what, Read<T> read) {
        checkIndex(i);
        try {
            return read.get();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("argument " + i + " ('" + names.get(i) + "') is not " + what
                    + ": it has shape " + values.get(i).shape(), e);
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
