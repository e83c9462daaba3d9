package io.github.gradcheck.subject;

import io.github.gradcheck.model.Value;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Values that user code reads by name: the {@link Args} of an op or a function, and the inputs
 * and nodes on a {@link Tape}. Every reader returns a fresh copy, so changing what it returned
 * cannot change what gradcheck cached.
 *
 * <pre>{@code
 * double[][] W = in.matrix("W");   // Args
 * double y = t.scalar("y");        // Tape
 * }</pre>
 *
 * <p>A reader of a shape ({@link #scalar}, {@link #vector}, {@link #matrix}, {@link #tensor3},
 * {@link #tensor4}, their {@code float} forms, and the integer readers {@link #intScalar},
 * {@link #intVector}, {@link #longVector} and {@link #intMatrix} for indices, labels and masks)
 * throws {@link IllegalArgumentException} when the value has another
 * shape, naming the value and its shape; every reader throws it when there is no value of that
 * name, naming the ones there are.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public sealed interface NamedValues permits Args, Tape {

    /**
     * {@return the value named {@code name}, immutable}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no value of that name
     */
    Value value(String name);

    /**
     * {@return the value named {@code name}, a scalar (or a one-element value)}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value or it is not a scalar
     */
    default double scalar(String name) {
        return read(name, "a scalar", Value::asScalar);
    }

    /**
     * {@return the value named {@code name}, a scalar, as a {@code float}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value or it is not a scalar
     */
    default float floatScalar(String name) {
        return read(name, "a scalar", v -> (float) v.asScalar());
    }

    /**
     * {@return the value named {@code name}, a vector, as a fresh {@code double[]}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value or it is not a vector
     */
    default double[] vector(String name) {
        return read(name, "a vector", Value::asVector);
    }

    /**
     * {@return the value named {@code name}, a matrix, as a fresh {@code double[][]}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value or it is not a matrix
     */
    default double[][] matrix(String name) {
        return read(name, "a matrix", Value::asMatrix);
    }

    /**
     * {@return the value named {@code name}, a vector, as a fresh {@code float[]}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value or it is not a vector
     */
    default float[] floatVector(String name) {
        return read(name, "a vector", Value::asFloatVector);
    }

    /**
     * {@return the value named {@code name}, a matrix, as a fresh {@code float[][]}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value or it is not a matrix
     */
    default float[][] floatMatrix(String name) {
        return read(name, "a matrix", Value::asFloatMatrix);
    }

    /**
     * {@return the value named {@code name}, a rank-3 array, as a fresh {@code double[][][]}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value or it is not of rank 3
     */
    default double[][][] tensor3(String name) {
        return read(name, "a rank-3 array", v -> v.toJava(double[][][].class));
    }

    /**
     * {@return the value named {@code name}, a rank-4 array, as a fresh {@code double[][][][]}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value or it is not of rank 4
     */
    default double[][][][] tensor4(String name) {
        return read(name, "a rank-4 array", v -> v.toJava(double[][][][].class));
    }

    /**
     * {@return the value named {@code name}, a rank-3 array, as a fresh {@code float[][][]}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value or it is not of rank 3
     */
    default float[][][] floatTensor3(String name) {
        return read(name, "a rank-3 array", v -> v.toJava(float[][][].class));
    }

    /**
     * {@return the value named {@code name}, a rank-4 array, as a fresh {@code float[][][][]}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value or it is not of rank 4
     */
    default float[][][][] floatTensor4(String name) {
        return read(name, "a rank-4 array", v -> v.toJava(float[][][][].class));
    }

    /**
     * {@return the value named {@code name}, a scalar whole number (a label, an index), as an
     * {@code int}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value, it is not a scalar or not a
     *     whole number an {@code int} holds
     */
    default int intScalar(String name) {
        return read(name, "a whole number", v -> v.toJava(int.class));
    }

    /**
     * {@return the value named {@code name}, a vector of whole numbers (indices, labels, a mask),
     * as a fresh {@code int[]}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value, it is not a vector or an
     *     element is not a whole number an {@code int} holds
     */
    default int[] intVector(String name) {
        return read(name, "an int[]", v -> v.toJava(int[].class));
    }

    /**
     * {@return the value named {@code name}, a vector of whole numbers, as a fresh {@code long[]}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value, it is not a vector or an
     *     element is not a whole number
     */
    default long[] longVector(String name) {
        return read(name, "a long[]", v -> v.toJava(long[].class));
    }

    /**
     * {@return the value named {@code name}, a matrix of whole numbers (a mask), as a fresh
     * {@code int[][]}}
     *
     * @param name the name of an argument, an input or a node
     * @throws IllegalArgumentException when there is no such value, it is not a matrix or an
     *     element is not a whole number an {@code int} holds
     */
    default int[][] intMatrix(String name) {
        return read(name, "an int[][]", v -> v.toJava(int[][].class));
    }

    /**
     * {@return the value named {@code name} as a fresh object of {@code type}}: any type
     * {@link Value#toJava(Class)} converts to, e.g. {@code in.as("W", double[][][].class)}.
     *
     * @param <T> the type
     * @param name the name of an argument, an input or a node
     * @param type the type to read it as
     * @throws IllegalArgumentException when there is no such value, gradcheck cannot convert to
     *     {@code type}, or the value does not fit it (another rank, or not whole numbers for an
     *     integer type)
     */
    default <T> T as(String name, Class<T> type) {
        return read(name, "a " + type.getSimpleName(), v -> v.toJava(type));
    }

    private <T> T read(String name, String what, Function<Value, T> as) {
        Value v = value(name);
        try {
            return as.apply(v);
        } catch (IllegalStateException e) {
            // arguments have positions too: "argument 1 ('h')"; inputs and nodes on a tape only names
            String which = this instanceof Args in ? in.describe(name) : "'" + name + "'";
            throw new IllegalArgumentException(which + " is not " + what + ": " + (e.getMessage().startsWith("element")
                    ? e.getMessage() : "it has shape " + v.shape()), e);
        }
    }
}
