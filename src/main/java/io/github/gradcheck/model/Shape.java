package io.github.gradcheck.model;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * The dimensions of a value: rank 0 for a scalar, rank 1 for a vector, rank 2 for a
 * matrix, and so on. Elements are stored in row-major order.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Shape {

    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31-1 elements");
        }
        this.size = (int) n;
    }

    /** {@return the shape of a single number, rank 0} */
    public static Shape scalar() {
        return SCALAR;
    }

    /**
     * {@return a shape with the given dimensions; no dimensions means a scalar}
     *
     * @param dims the extent of each dimension, outermost first; copied
     * @throws IllegalArgumentException when a dimension is negative or the shape has more than
     *     2<sup>31</sup>-1 elements
     */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            return SCALAR;
        }
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("a dimension cannot be negative: " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /** {@return the number of dimensions} */
    public int rank() {
        return dims.length;
    }

    /**
     * {@return the extent of dimension {@code axis}}
     *
     * @param axis a dimension, from 0 (the outermost) to {@code rank() - 1}
     * @throws ArrayIndexOutOfBoundsException when there is no such dimension
     */
    public int dim(int axis) {
        return dims[axis];
    }

    /** {@return a copy of all dimensions, outermost first} */
    public int[] dims() {
        return dims.clone();
    }

    /** {@return the number of elements (1 for a scalar)} */
    public int size() {
        return size;
    }

    /**
     * {@return the multi-index of a flat (row-major) element index, as written in reports}:
     * {@code ""} for a scalar, {@code "[4]"} for a vector, {@code "[1,2]"} for a matrix.
     *
     * @param flat an element's index in row-major order
     */
    public String indexOf(int flat) {
        if (dims.length == 0) {
            return "";
        }
        int[] idx = new int[dims.length];
        int rest = flat;
        for (int axis = dims.length - 1; axis >= 0; axis--) {
            int d = Math.max(dims[axis], 1);
            idx[axis] = rest % d;
            rest /= d;
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < idx.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(idx[i]);
        }
        return sb.append(']').toString();
    }

    /**
     * {@return whether {@code o} is a shape with the same dimensions}
     *
     * @param o any object
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@return the shape as reports write it: {@code "scalar"}, {@code "[3]"}, {@code "[2x3]"}} */
    @Override
    public String toString() {
        if (dims.length == 0) {
            return "scalar";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(dims[i]);
        }
        return sb.append(']').toString();
    }
}
