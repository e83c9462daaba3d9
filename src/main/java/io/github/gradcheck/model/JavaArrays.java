package io.github.gradcheck.model;

import java.lang.reflect.Array;

/**
 * Java arrays of rank 1 to 4 with {@code double}, {@code float}, {@code int} or {@code long}
 * elements, flattened to row-major doubles and built back: the one place that walks nested
 * arrays, for {@link Value#fromJava} and {@link Value#toJava(Class)}.
 */
final class JavaArrays {

    /** The highest rank of a nested array gradcheck reads and builds. */
    static final int MAX_RANK = 4;

    /** Whole numbers up to this magnitude are exact as doubles (2<sup>53</sup>). */
    static final double EXACT_INTEGERS = 0x1p53;

    /** A flattened array: its row-major elements, dimensions and element type. */
    record Flat(double[] data, int[] dims, Class<?> leaf) {

        Precision precision() {
            return leaf == float.class ? Precision.FLOAT : Precision.DOUBLE;
        }
    }

    private JavaArrays() {
    }

    /** {@return the rank of an array type gradcheck reads, 0 for any other type} */
    static int rank(Class<?> type) {
        int rank = 0;
        Class<?> c = type;
        while (c.isArray()) {
            rank++;
            c = c.getComponentType();
        }
        boolean leaf = c == double.class || c == float.class || c == int.class || c == long.class;
        return leaf && rank <= MAX_RANK ? rank : 0;
    }

    /** {@return the element type of an array type: {@code double.class}, {@code int.class}, ...} */
    static Class<?> leaf(Class<?> type) {
        Class<?> c = type;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c;
    }

    /**
     * {@return {@code array} flattened}
     *
     * @throws IllegalArgumentException naming the row, when a row is null or the array is ragged, or a
     *     {@code long} element is too large to be exact as a double
     */
    static Flat flatten(Object array) {
        if (array instanceof double[][] m) {
            Flat matrix = flattenRectangular(m);
            if (matrix != null) {
                return matrix;
            }
        }
        int rank = rank(array.getClass());
        Class<?> leaf = leaf(array.getClass());
        int[] dims = new int[rank];
        Object row = array;
        String where = "";
        for (int d = 0; d < rank; d++) {
            dims[d] = Array.getLength(row);
            if (d + 1 < rank) {
                if (dims[d] == 0) {
                    break;
                }
                Object first = Array.get(row, 0);
                if (first == null) {
                    throw new IllegalArgumentException("array row " + where + "[0] is null");
                }
                row = first;
                where += "[0]";
            }
        }
        long size = 1;
        for (int d : dims) {
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the array has more than 2^31-1 elements");
        }
        double[] data = new double[(int) size];
        copy(array, 0, dims, data, new int[] {0}, new int[dims.length]);
        return new Flat(data, dims, leaf);
    }

    /**
     * {@return a {@code double[][]} flattened row by row, the common case (a layer's output), without
     * reflection; null when it is empty, has a null row or is ragged, which {@link #flatten} then
     * reports}
     */
    private static Flat flattenRectangular(double[][] m) {
        if (m.length == 0 || m[0] == null) {
            return null;
        }
        int cols = m[0].length;
        if ((long) m.length * cols > Integer.MAX_VALUE) {
            return null;
        }
        double[] data = new double[m.length * cols];
        for (int r = 0; r < m.length; r++) {
            if (m[r] == null || m[r].length != cols) {
                return null;
            }
            System.arraycopy(m[r], 0, data, r * cols, cols);
        }
        return new Flat(data, new int[] {m.length, cols}, double.class);
    }

    /**
     * Copies {@code array}, the row at {@code path[0..depth-1]}, into {@code out}; the row's name for
     * a message ({@code where}) is built only when there is something wrong with it.
     */
    private static void copy(Object array, int depth, int[] dims, double[] out, int[] at, int[] path) {
        int n = Array.getLength(array);
        if (depth == dims.length - 1) {
            if (n != dims[depth]) {
                throw new IllegalArgumentException("ragged array: row " + where(path, depth) + " has " + n
                        + " elements, the first row has " + dims[depth]);
            }
            copyLeaf(array, out, at[0], path, depth);
            at[0] += n;
            return;
        }
        if (n != dims[depth]) {
            throw new IllegalArgumentException("ragged array: row " + where(path, depth) + " has " + n
                    + " entries, row " + "[0]".repeat(depth) + " has " + dims[depth]);
        }
        Object[] rows = (Object[]) array;
        for (int i = 0; i < n; i++) {
            path[depth] = i;
            if (rows[i] == null) {
                throw new IllegalArgumentException("array row " + where(path, depth + 1) + " is null");
            }
            copy(rows[i], depth + 1, dims, out, at, path);
        }
    }

    /** The row at {@code path[0..depth-1]} as it is written in Java: {@code [2][5]}. */
    private static String where(int[] path, int depth) {
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            b.append('[').append(path[d]).append(']');
        }
        return b.toString();
    }

    private static void copyLeaf(Object row, double[] out, int from, int[] path, int depth) {
        if (row instanceof double[] d) {
            System.arraycopy(d, 0, out, from, d.length);
        } else if (row instanceof float[] f) {
            for (int k = 0; k < f.length; k++) {
                out[from + k] = f[k];
            }
        } else if (row instanceof int[] ints) {
            for (int k = 0; k < ints.length; k++) {
                out[from + k] = ints[k];
            }
        } else {
            long[] longs = (long[]) row;
            for (int k = 0; k < longs.length; k++) {
                if (longs[k] > (1L << 53) || longs[k] < -(1L << 53)) {
                    throw new IllegalArgumentException("element " + where(path, depth) + "[" + k + "] = " + longs[k]
                            + " of a long[] is beyond 2^53 and cannot be held exactly; gradcheck holds indices,"
                            + " labels and masks up to 2^53");
                }
                out[from + k] = longs[k];
            }
        }
    }

    /**
     * {@return a new array of {@code type} holding {@code value}'s elements}
     *
     * @throws IllegalStateException naming the shape, when the rank differs; naming the element, when
     *     an integer type is asked for and an element is not a whole number in its range
     */
    static Object build(Class<?> type, Value value) {
        int rank = rank(type);
        Shape shape = value.shape();
        if (shape.rank() != rank) {
            throw new IllegalStateException("expected " + describe(type) + " but the value has shape " + shape);
        }
        Class<?> leaf = leaf(type);
        if (leaf == int.class || leaf == long.class) {
            requireWhole(value, leaf);
        }
        return fill(type, shape.dims(), 0, value, new int[] {0});
    }

    private static Object fill(Class<?> type, int[] dims, int depth, Value value, int[] at) {
        Class<?> component = type.getComponentType();
        int n = dims[depth];
        Object array = Array.newInstance(component, n);
        if (!component.isArray()) {
            for (int k = 0; k < n; k++) {
                double x = value.get(at[0]++);
                if (component == double.class) {
                    ((double[]) array)[k] = x;
                } else if (component == float.class) {
                    ((float[]) array)[k] = (float) x;
                } else if (component == int.class) {
                    ((int[]) array)[k] = (int) x;
                } else {
                    ((long[]) array)[k] = (long) x;
                }
            }
            return array;
        }
        Object[] rows = (Object[]) array;
        for (int i = 0; i < n; i++) {
            rows[i] = fill(component, dims, depth + 1, value, at);
        }
        return array;
    }

    private static void requireWhole(Value value, Class<?> leaf) {
        double limit = leaf == int.class ? Integer.MAX_VALUE : EXACT_INTEGERS;
        for (int i = 0; i < value.size(); i++) {
            double x = value.get(i);
            if (x != Math.rint(x) || Math.abs(x) > limit) {
                throw new IllegalStateException("element" + (value.shape().rank() == 0 ? "" : " "
                        + value.shape().indexOf(i)) + " is " + x + ", not a whole number an " + leaf.getName()
                        + " can hold");
            }
        }
    }

    /** {@return e.g. "a rank-3 double array" or "an int[]"} */
    static String describe(Class<?> type) {
        String name = type.getSimpleName();
        return (name.startsWith("int") ? "an " : "a ") + name;
    }
}
