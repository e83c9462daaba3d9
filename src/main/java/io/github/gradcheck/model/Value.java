package io.github.gradcheck.model;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * An immutable array of numbers with a {@link Shape} and a {@link Precision}: the form in
 * which gradcheck caches every input, parameter, intermediate and gradient.
 *
 * <p>User code works with plain Java numbers and arrays; {@link #fromJava(Object)} and
 * {@link #toJava()} translate: {@code double} and {@code float} are scalars,
 * {@code double[]}/{@code float[]} vectors, {@code double[][]}/{@code float[][]} matrices
 * and {@code double[][][]}/{@code float[][][]} rank-3 arrays. Every accessor returns a
 * fresh copy, so nothing a caller does to an array it received can change a cached value.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Value {

    private final double[] data;
    private final Shape shape;
    private final Precision precision;
    /** The one element that differs from {@code data} (a copy-free {@link #with}), or -1. */
    private final int replaced;
    private final double replacement;

    private Value(double[] data, Shape shape, Precision precision) {
        this(data, shape, precision, -1, 0);
    }

    private Value(double[] data, Shape shape, Precision precision, int replaced, double replacement) {
        this.data = data;
        this.shape = shape;
        this.precision = precision;
        this.replaced = replaced;
        this.replacement = replacement;
    }

    /** A value from flat row-major data; the data is copied and rounded to {@code precision}. */
    public static Value of(Shape shape, Precision precision, double[] flat) {
        if (flat.length != shape.size()) {
            throw new IllegalArgumentException(
                    "shape " + shape + " needs " + shape.size() + " elements, got " + flat.length);
        }
        double[] copy = flat.clone();
        if (precision == Precision.FLOAT) {
            for (int i = 0; i < copy.length; i++) {
                copy[i] = (float) copy[i];
            }
        }
        return new Value(copy, shape, precision);
    }

    /** A double-precision value from flat row-major data (copied). */
    public static Value of(Shape shape, double[] flat) {
        return of(shape, Precision.DOUBLE, flat);
    }

    /** A double scalar. */
    public static Value scalar(double x) {
        return new Value(new double[] {x}, Shape.scalar(), Precision.DOUBLE);
    }

    /** A double vector (copied). */
    public static Value vector(double... xs) {
        return new Value(xs.clone(), Shape.of(xs.length), Precision.DOUBLE);
    }

    /** A value of the given shape and precision filled with zeros. */
    public static Value zeros(Shape shape, Precision precision) {
        return new Value(new double[shape.size()], shape, precision);
    }

    /**
     * Translates a Java number or array into a value.
     *
     * @throws IllegalArgumentException naming the type or the ragged row, when {@code x} is
     *     null, of an unsupported type, or a ragged array
     */
    public static Value fromJava(Object x) {
        if (x instanceof Value v) {
            return v;
        }
        if (x instanceof Float f) {
            return new Value(new double[] {f}, Shape.scalar(), Precision.FLOAT);
        }
        if (x instanceof Number n && (n instanceof Double || n instanceof Integer || n instanceof Long
                || n instanceof Short || n instanceof Byte)) {
            return scalar(n.doubleValue());
        }
        if (x instanceof double[] d) {
            return vector(d);
        }
        if (x instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return new Value(d, Shape.of(f.length), Precision.FLOAT);
        }
        if (x instanceof double[][] || x instanceof float[][]
                || x instanceof double[][][] || x instanceof float[][][]) {
            return fromNested(x);
        }
        throw new IllegalArgumentException("cannot use " + describeType(x)
                + " as a value; use a double, float, double[], float[], double[][], float[][],"
                + " double[][][], float[][][] or a gradcheck Value");
    }

    private static Value fromNested(Object x) {
        Precision precision = (x instanceof float[][] || x instanceof float[][][])
                ? Precision.FLOAT : Precision.DOUBLE;
        int rank = (x instanceof double[][][] || x instanceof float[][][]) ? 3 : 2;
        int[] dims = new int[rank];
        Object[] outer = (Object[]) x;
        dims[0] = outer.length;
        if (outer.length > 0) {
            requireRow(outer[0], 0, "");
            dims[1] = rank == 2 ? rowLength(outer[0]) : ((Object[]) outer[0]).length;
            if (rank == 3 && dims[1] > 0) {
                requireRow(((Object[]) outer[0])[0], 0, "[0]");
                dims[2] = rowLength(((Object[]) outer[0])[0]);
            }
        }
        Shape shape = Shape.of(dims);
        double[] flat = new double[shape.size()];
        int[] at = {0};
        for (int i = 0; i < dims[0]; i++) {
            requireRow(outer[i], i, "");
            if (rank == 2) {
                copyRow(outer[i], dims[1], flat, at, "[" + i + "]");
            } else {
                Object[] mid = (Object[]) outer[i];
                if (mid.length != dims[1]) {
                    throw new IllegalArgumentException("ragged array: row [" + i + "] has " + mid.length
                            + " entries, row [0] has " + dims[1]);
                }
                for (int j = 0; j < dims[1]; j++) {
                    requireRow(mid[j], j, "[" + i + "]");
                    copyRow(mid[j], dims[2], flat, at, "[" + i + "][" + j + "]");
                }
            }
        }
        return new Value(flat, shape, precision);
    }

    private static void requireRow(Object row, int i, String prefix) {
        if (row == null) {
            throw new IllegalArgumentException("array row " + prefix + "[" + i + "] is null");
        }
    }

    private static int rowLength(Object row) {
        return row instanceof double[] d ? d.length : ((float[]) row).length;
    }

    private static void copyRow(Object row, int expected, double[] flat, int[] at, String where) {
        int n = rowLength(row);
        if (n != expected) {
            throw new IllegalArgumentException("ragged array: row " + where + " has " + n
                    + " elements, the first row has " + expected);
        }
        if (row instanceof double[] d) {
            System.arraycopy(d, 0, flat, at[0], n);
        } else {
            float[] f = (float[]) row;
            for (int k = 0; k < n; k++) {
                flat[at[0] + k] = f[k];
            }
        }
        at[0] += n;
    }

    /** A short description of a Java object's type for error messages. */
    static String describeType(Object x) {
        return x == null ? "null" : x.getClass().getSimpleName();
    }

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The precision. */
    public Precision precision() {
        return precision;
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The element at a flat row-major index. */
    public double get(int flat) {
        return flat == replaced ? replacement : data[flat];
    }

    /** A copy of the flat row-major data. */
    public double[] toArray() {
        double[] copy = data.clone();
        if (replaced >= 0) {
            copy[replaced] = replacement;
        }
        return copy;
    }

    /**
     * This value with one element replaced (rounded to this value's precision). The result
     * shares this value's elements instead of copying them, so it costs the same for a value of
     * any size; both stay immutable.
     */
    public Value with(int flat, double x) {
        if (flat < 0 || flat >= data.length) {
            throw new IndexOutOfBoundsException("element " + flat + " of a value of shape " + shape + " ("
                    + data.length + " elements)");
        }
        double[] shared = replaced < 0 || replaced == flat ? data : toArray();
        return new Value(shared, shape, precision, flat, precision.round(x));
    }

    /** This value's data under another precision (rounded when narrowing). */
    public Value withPrecision(Precision p) {
        return p == precision ? this : of(shape, p, toArray());
    }

    /** The sum of element-wise products with {@code other}, which must have the same size. */
    public double dot(Value other) {
        double s = 0;
        if (replaced < 0 && other.replaced < 0) {
            double[] o = other.data;
            for (int i = 0; i < data.length; i++) {
                s += data[i] * o[i];
            }
            return s;
        }
        for (int i = 0; i < data.length; i++) {
            s += get(i) * other.get(i);
        }
        return s;
    }

    /** The index of the first NaN or infinite element, or -1 when all are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The largest absolute element, 0 for an empty value. */
    public double maxAbs() {
        double m = 0;
        for (int i = 0; i < data.length; i++) {
            m = Math.max(m, Math.abs(get(i)));
        }
        return m;
    }

    /** Whether {@code other} has the same shape, precision and bit-identical elements. */
    public boolean bitEquals(Value other) {
        if (other == this) {
            return true;
        }
        if (!shape.equals(other.shape) || precision != other.precision) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            if (Double.doubleToRawLongBits(get(i)) != Double.doubleToRawLongBits(other.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The single element of a scalar (or one-element) value. */
    public double asScalar() {
        requireRank(0, "a scalar");
        return get(0);
    }

    /** A fresh {@code double[]} copy of a vector. */
    public double[] asVector() {
        requireRank(1, "a vector");
        return toArray();
    }

    /** A fresh {@code double[][]} copy of a matrix. */
    public double[][] asMatrix() {
        requireRank(2, "a matrix");
        int r = shape.dim(0);
        int c = shape.dim(1);
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(data, i * c, m[i], 0, c);
        }
        if (replaced >= 0) {
            m[replaced / c][replaced % c] = replacement;
        }
        return m;
    }

    /** A fresh {@code float[]} copy of a vector. */
    public float[] asFloatVector() {
        requireRank(1, "a vector");
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) get(i);
        }
        return f;
    }

    /** A fresh {@code float[][]} copy of a matrix. */
    public float[][] asFloatMatrix() {
        requireRank(2, "a matrix");
        int r = shape.dim(0);
        int c = shape.dim(1);
        float[][] m = new float[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                m[i][j] = (float) get(i * c + j);
            }
        }
        return m;
    }

    private void requireRank(int rank, String what) {
        if (shape.rank() != rank && !(rank == 0 && data.length == 1)) {
            throw new IllegalStateException("expected " + what + " but the value has shape " + shape);
        }
    }

    /**
     * A fresh Java object of the natural type for this shape and precision: a boxed
     * {@code Double}/{@code Float}, {@code double[]}/{@code float[]},
     * {@code double[][]}/{@code float[][]} or {@code double[][][]}/{@code float[][][]}.
     * Values of higher rank are returned as {@code Value}.
     */
    public Object toJava() {
        boolean f = precision == Precision.FLOAT;
        return switch (shape.rank()) {
            case 0 -> f ? (Object) (float) get(0) : (Object) get(0);
            case 1 -> f ? asFloatVector() : asVector();
            case 2 -> f ? asFloatMatrix() : asMatrix();
            case 3 -> toRank3(f);
            default -> this;
        };
    }

    private Object toRank3(boolean f) {
        int a = shape.dim(0);
        int b = shape.dim(1);
        int c = shape.dim(2);
        if (f) {
            float[][][] t = new float[a][b][c];
            for (int i = 0; i < a; i++) {
                for (int j = 0; j < b; j++) {
                    for (int k = 0; k < c; k++) {
                        t[i][j][k] = (float) get((i * b + j) * c + k);
                    }
                }
            }
            return t;
        }
        double[][][] t = new double[a][b][c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(data, (i * b + j) * c, t[i][j], 0, c);
            }
        }
        if (replaced >= 0) {
            t[replaced / (b * c)][(replaced / c) % b][replaced % c] = replacement;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Value v && bitEquals(v);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(replaced < 0 ? data : toArray());
    }

    /** The elements, abbreviated after 8, e.g. {@code [0.5, -1.25, 3.0]}. */
    @Override
    public String toString() {
        if (shape.rank() == 0) {
            return Double.toString(get(0));
        }
        StringBuilder sb = new StringBuilder();
        if (shape.rank() > 1) {
            sb.append(shape).append(' ');
        }
        sb.append('[');
        int shown = Math.min(data.length, 8);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(get(i));
        }
        if (shown < data.length) {
            sb.append(", … (").append(data.length - shown).append(" more)");
        }
        return sb.append(']').toString();
    }
}
