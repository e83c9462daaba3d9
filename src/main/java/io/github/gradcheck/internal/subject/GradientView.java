package io.github.gradcheck.internal.subject;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.Value;
import org.apiguardian.api.API;

/**
 * One claimed gradient as a backward returned it, read where it lies: a {@link Value}, or the
 * user's own {@code double[]}, {@code float[]} or {@code double[][]} read in place, without the copy
 * a {@code Value} would make. A view of a user's array is valid only until the user's code runs again (it may
 * reuse the array): read it at once and keep no reference to it. Nothing writes through it.
 * Internal: not part of the API.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class GradientView {

    private final Value value;
    private final double[] doubles;
    private final float[] floats;
    private final double[][] rows;
    private final Shape shape;
    private final Precision precision;

    private GradientView(Value value, double[] doubles, float[] floats, double[][] rows, Shape shape,
                         Precision precision) {
        this.value = value;
        this.doubles = doubles;
        this.floats = floats;
        this.rows = rows;
        this.shape = shape;
        this.precision = precision;
    }

    /**
     * {@return a view of a value}
     *
     * @param value the value (immutable, so the view may be kept as long as the value)
     */
    public static GradientView of(Value value) {
        return new GradientView(value, null, null, null, value.shape(), value.precision());
    }

    /**
     * {@return a view of the user's array in place}: element {@code j} reads {@code array[j]},
     * rounded to {@code precision}, as the copy {@code Value.of(shape, precision, array)} would hold it
     *
     * @param array the user's array, {@code shape.size()} elements; never written
     * @param shape the shape of the node whose gradient it is
     * @param precision the precision of that node
     */
    public static GradientView inPlace(double[] array, Shape shape, Precision precision) {
        requireSize(array.length, shape);
        return new GradientView(null, array, null, null, shape, precision);
    }

    /**
     * {@return a view of the user's {@code float[]} in place}: element {@code j} reads {@code array[j]}
     *
     * @param array the user's array, {@code shape.size()} elements; never written
     * @param shape the shape of the node whose gradient it is
     * @param precision the precision of that node
     */
    public static GradientView inPlace(float[] array, Shape shape, Precision precision) {
        requireSize(array.length, shape);
        return new GradientView(null, null, array, null, shape, precision);
    }

    /**
     * {@return a view of the user's matrix in place}: element {@code j} reads
     * {@code rows[j / columns][j % columns]}, rounded to {@code precision}
     *
     * @param rows the user's rows, as many as {@code shape} has, each as long as it has columns
     *     ({@link #fits}); never written
     * @param shape the shape of the node whose gradient it is, of rank 2
     * @param precision the precision of that node
     */
    public static GradientView inPlace(double[][] rows, Shape shape, Precision precision) {
        if (!fits(rows, shape)) {
            throw new IllegalArgumentException("rows of shape " + shape + " expected");
        }
        return new GradientView(null, null, null, rows, shape, precision);
    }

    /**
     * {@return whether {@code rows} is a matrix of {@code shape}}: a shape of rank 2 with at
     * least one row, as many rows, none null, each with as many elements as the shape has columns
     *
     * @param rows the user's rows
     * @param shape the shape of the node whose gradient they are
     */
    public static boolean fits(double[][] rows, Shape shape) {
        if (shape.rank() != 2 || shape.dim(0) == 0 || rows.length != shape.dim(0)) {
            return false;
        }
        for (double[] row : rows) {
            if (row == null || row.length != shape.dim(1)) {
                return false;
            }
        }
        return true;
    }

    private static void requireSize(int length, Shape shape) {
        if (length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " elements, got "
                    + length);
        }
    }

    /** {@return the shape of the gradient} */
    public Shape shape() {
        return shape;
    }

    /** {@return the precision the elements are read in} */
    public Precision precision() {
        return precision;
    }

    /** {@return the number of elements} */
    public int size() {
        return shape.size();
    }

    /**
     * {@return element {@code j} in row-major order}
     *
     * @param j the flat index
     */
    public double get(int j) {
        if (value != null) {
            return value.get(j);
        }
        if (floats != null) {
            return floats[j];
        }
        double d = rows != null ? rows[j / shape.dim(1)][j % shape.dim(1)] : doubles[j];
        return precision == Precision.FLOAT ? (float) d : d;
    }

    /** {@return the largest absolute element, 0 for none} */
    public double maxAbs() {
        double m = 0;
        for (int j = 0; j < size(); j++) {
            m = Math.max(m, Math.abs(get(j)));
        }
        return m;
    }

    /**
     * {@return whether {@code other} has this shape and precision and bit-identical elements}, as
     * {@link Value#bitEquals} says it
     *
     * @param other a value
     */
    public boolean bitEquals(Value other) {
        if (value != null) {
            return value.bitEquals(other);
        }
        if (!shape.equals(other.shape()) || precision != other.precision()) {
            return false;
        }
        for (int j = 0; j < size(); j++) {
            if (Double.doubleToRawLongBits(get(j)) != Double.doubleToRawLongBits(other.get(j))) {
                return false;
            }
        }
        return true;
    }
}
