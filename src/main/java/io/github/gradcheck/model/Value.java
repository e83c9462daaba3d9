package io.github.gradcheck.model;

import io.github.gradcheck.internal.format.Numbers;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * An immutable array of numbers with a {@link Shape} and a {@link Precision}: the form in
 * which gradcheck caches every input, parameter, intermediate and gradient.
 *
 * <p>User code works with plain Java numbers and arrays; {@link #fromJava(Object)} and
 * {@link #toJava()} translate: {@code double} and {@code float} are scalars,
 * {@code double[]}/{@code float[]} vectors, {@code double[][]}/{@code float[][]} matrices,
 * and nested arrays up to rank 4 ({@code double[][][]}, {@code float[][][][]}, ...) tensors.
 * Integer arrays ({@code int[]}, {@code long[]}, {@code int[][]}, ...) are values too, for the
 * constant inputs they hold (indices, labels, masks): their elements are whole numbers, held
 * exactly up to 2<sup>53</sup>, and {@link #toJava()} hands them back as the integer array they
 * came as. {@link #toJava(Class)} converts to any of these types. Every accessor returns a
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
    /** The Java type {@link #toJava()} hands the value back as; null for the natural one of its shape. */
    private final Class<?> javaType;

    private Value(double[] data, Shape shape, Precision precision) {
        this(data, shape, precision, -1, 0, null);
    }

    private Value(double[] data, Shape shape, Precision precision, int replaced, double replacement,
                  Class<?> javaType) {
        this.data = data;
        this.shape = shape;
        this.precision = precision;
        this.replaced = replaced;
        this.replacement = replacement;
        this.javaType = javaType;
    }

    /**
     * {@return a value from flat row-major data, copied and rounded to {@code precision}}
     *
     * @param shape its shape
     * @param precision its precision
     * @param flat its elements in row-major order, {@code shape.size()} of them
     * @throws IllegalArgumentException when the number of elements does not fit the shape
     */
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

    /**
     * {@return a double-precision value from flat row-major data, copied}
     *
     * @param shape its shape
     * @param flat its elements in row-major order, {@code shape.size()} of them
     * @throws IllegalArgumentException when the number of elements does not fit the shape
     */
    public static Value of(Shape shape, double[] flat) {
        return of(shape, Precision.DOUBLE, flat);
    }

    /**
     * {@return a double scalar}
     *
     * @param x its value
     */
    public static Value scalar(double x) {
        return new Value(new double[] {x}, Shape.scalar(), Precision.DOUBLE);
    }

    /**
     * {@return a double vector, copied}
     *
     * @param xs its elements
     */
    public static Value vector(double... xs) {
        return new Value(xs.clone(), Shape.of(xs.length), Precision.DOUBLE);
    }

    /**
     * {@return a value of the given shape and precision filled with zeros}
     *
     * @param shape its shape
     * @param precision its precision
     */
    public static Value zeros(Shape shape, Precision precision) {
        java.util.Objects.requireNonNull(shape, "Value.zeros needs a shape, got null; e.g. Shape.of(3)");
        java.util.Objects.requireNonNull(precision, "Value.zeros needs a precision, got null; e.g. Precision.DOUBLE");
        return new Value(new double[shape.size()], shape, precision);
    }

    /**
     * {@return a Java number or array as a value}: a copy, in {@code float} precision for
     * {@code float} and its arrays, {@code double} otherwise; a value is returned as it is.
     *
     * @param x a (boxed) {@code double} or {@code float}; an {@code int}, {@code long},
     *     {@code short} or {@code byte}, taken as a {@code double}; an array of rank 1 to 4 of
     *     {@code double}, {@code float}, {@code int} or {@code long} ({@code double[]},
     *     {@code float[][]}, {@code double[][][][]}, {@code int[]}, {@code long[]}, ...); a matrix
     *     of EJML ({@code DMatrixRMaj}, {@code FMatrixRMaj}, {@code SimpleMatrix}: rows × columns),
     *     or a {@code RealVector} or {@code RealMatrix} of Commons Math 3 or Hipparchus, each read
     *     by a class loaded only when such a value is seen (the libraries are optional); or a
     *     {@code Value}
     * @throws IllegalArgumentException naming the type or the ragged row, when {@code x} is
     *     null, of an unsupported type, a ragged array, or a {@code long} beyond 2<sup>53</sup>
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
        if (x != null && JavaArrays.rank(x.getClass()) > 0) {
            JavaArrays.Flat flat = JavaArrays.flatten(x);
            Class<?> leaf = flat.leaf();
            Class<?> type = leaf == int.class || leaf == long.class ? x.getClass() : null;
            return new Value(flat.data(), Shape.of(flat.dims()), flat.precision(), -1, 0, type);
        }
        JavaArrays.Flat library = x == null ? null : MatrixLibraries.flatten(x);
        if (library != null) {
            return new Value(library.data(), Shape.of(library.dims()), library.precision(), -1, 0, x.getClass());
        }
        throw new IllegalArgumentException("cannot use " + describeType(x)
                + " as a value; use a double, float, an array of them up to rank 4 (double[], float[],"
                + " double[][], ..., double[][][][]), an int[] or long[] (indices, labels, masks), a matrix"
                + " or vector of EJML, Commons Math or Hipparchus, or a gradcheck Value");
    }

    /**
     * {@return whether this value came from an integer array ({@code int[]}, {@code long[]},
     * {@code int[][]}, ...)}: an index, label or mask, which can only be a constant input
     */
    public boolean isInteger() {
        return javaType != null && (JavaArrays.leaf(javaType) == int.class || JavaArrays.leaf(javaType) == long.class);
    }

    /** A short description of a Java object's type for error messages. */
    static String describeType(Object x) {
        return x == null ? "null" : x.getClass().getSimpleName();
    }

    /** {@return the shape} */
    public Shape shape() {
        return shape;
    }

    /** {@return the precision} */
    public Precision precision() {
        return precision;
    }

    /** {@return the number of elements} */
    public int size() {
        return data.length;
    }

    /**
     * {@return the element at a flat row-major index}
     *
     * @param flat the index, from 0 to {@code size() - 1}
     * @throws ArrayIndexOutOfBoundsException when the index is out of range
     */
    public double get(int flat) {
        return flat == replaced ? replacement : data[flat];
    }

    /** {@return a copy of the elements in row-major order} */
    public double[] toArray() {
        double[] copy = data.clone();
        if (replaced >= 0) {
            copy[replaced] = replacement;
        }
        return copy;
    }

    /**
     * {@return this value with one element replaced, rounded to this value's precision} Both
     * stay immutable.
     *
     * @param flat the index of the element, from 0 to {@code size() - 1}
     * @param x its new value
     * @throws IndexOutOfBoundsException when the index is out of range
     * @implNote The result shares this value's elements instead of copying them and records the
     *     one that differs, so it costs the same for a value of any size; only replacing an
     *     element of a value that already replaces another one copies.
     */
    public Value with(int flat, double x) {
        if (flat < 0 || flat >= data.length) {
            throw new IndexOutOfBoundsException("element " + flat + " of a value of shape " + shape + " ("
                    + data.length + " elements)");
        }
        double[] shared = replaced < 0 || replaced == flat ? data : toArray();
        return new Value(shared, shape, precision, flat, precision.round(x), javaType);
    }

    /**
     * {@return this value moved by {@code t} along {@code direction} on the elements {@code from ..
     * from + direction.length − 1}, each moved element rounded to this value's precision}
     *
     * @param from the first element moved
     * @param t how far to move
     * @param direction the direction, one entry per moved element
     * @throws IndexOutOfBoundsException when the moved elements are not all elements of this value
     * @implNote One new array, the size of this value: no second copy, which for a value of 10⁷
     *     elements is 80 MB less at the peak of a check in fast mode.
     */
    public Value displaced(int from, double t, double[] direction) {
        if (from < 0 || from + direction.length > data.length) {
            throw new IndexOutOfBoundsException("elements " + from + ".." + (from + direction.length - 1)
                    + " of a value of shape " + shape + " (" + data.length + " elements)");
        }
        double[] moved = toArray();
        for (int i = 0; i < direction.length; i++) {
            moved[from + i] = precision.round(moved[from + i] + t * direction[i]);
        }
        return new Value(moved, shape, precision);
    }

    /**
     * {@return a copy of this value with elements {@code from .. from + length − 1} moved by
     * {@code t} times the next {@code length} numbers of {@code direction}, each rounded to this
     * value's precision}: as {@link #displaced(int, double, double[])}, for a direction too large to
     * keep as an array, which {@code direction} draws as it is read.
     *
     * @param from the first element moved
     * @param length how many elements are moved
     * @param t the displacement along the direction
     * @param direction the direction's components, in order
     */
    public Value displaced(int from, int length, double t, java.util.function.DoubleSupplier direction) {
        if (from < 0 || length < 0 || from + length > data.length) {
            throw new IndexOutOfBoundsException("elements " + from + ".." + (from + length - 1)
                    + " of a value of shape " + shape + " (" + data.length + " elements)");
        }
        double[] moved = toArray();
        for (int i = 0; i < length; i++) {
            moved[from + i] = precision.round(moved[from + i] + t * direction.getAsDouble());
        }
        return new Value(moved, shape, precision);
    }

    /**
     * {@return this value's elements in another precision, rounded when narrowing; this value
     * when it has that precision}
     *
     * @param p the precision
     */
    public Value withPrecision(Precision p) {
        return p == precision ? this : of(shape, p, toArray());
    }

    /**
     * {@return the sum of the element-wise products with {@code other}}
     *
     * @param other a value with as many elements, of any shape
     */
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

    /** {@return the index of the first NaN or infinite element, or -1 when all are finite} */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** {@return the largest absolute element, 0 for a value without elements} */
    public double maxAbs() {
        double m = 0;
        for (int i = 0; i < data.length; i++) {
            m = Math.max(m, Math.abs(get(i)));
        }
        return m;
    }

    /**
     * {@return whether {@code other} has the same shape, precision and bit-identical elements}
     * Unlike {@code ==} on doubles, {@code NaN} equals a {@code NaN} of the same bits and
     * {@code 0.0} differs from {@code -0.0}.
     *
     * @param other another value
     */
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

    /**
     * {@return the flat index of the one element in which this value differs from {@code base},
     * when this value was made from {@code base} by {@link #with} (so that writing that one element
     * is writing the whole value); -1 when that is not known} Internal, for subjects that write a
     * perturbed value back into the user's array; not part of the API.
     *
     * @param base the value this one may have been made from
     * @throws NullPointerException when {@code base} is null
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public int replacedElementOf(Value base) {
        if (base == null) {
            throw new NullPointerException("Value.replacedElementOf needs the value this one may have been made from,"
                    + " got null");
        }
        boolean madeFromBase = data == base.data && base.replaced < 0 && precision == base.precision
                && shape.equals(base.shape);
        return madeFromBase ? replaced : -1;
    }

    /**
     * {@return the single element of a scalar (or one-element) value}
     *
     * @throws IllegalStateException naming the shape, when the value has more or fewer elements
     */
    public double asScalar() {
        requireRank(0, "a scalar");
        return get(0);
    }

    /**
     * {@return a fresh {@code double[]} copy of a vector}
     *
     * @throws IllegalStateException naming the shape, when the value is not a vector
     */
    public double[] asVector() {
        requireRank(1, "a vector");
        return toArray();
    }

    /**
     * {@return a fresh {@code double[][]} copy of a matrix}
     *
     * @throws IllegalStateException naming the shape, when the value is not a matrix
     */
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

    /**
     * {@return a fresh {@code float[]} copy of a vector}
     *
     * @throws IllegalStateException naming the shape, when the value is not a vector
     */
    public float[] asFloatVector() {
        requireRank(1, "a vector");
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) get(i);
        }
        return f;
    }

    /**
     * {@return a fresh {@code float[][]} copy of a matrix}
     *
     * @throws IllegalStateException naming the shape, when the value is not a matrix
     */
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
     * {@return a fresh Java object of the natural type for this shape and precision}: a boxed
     * {@code Double}/{@code Float}, {@code double[]}/{@code float[]},
     * {@code double[][]}/{@code float[][]}, and so on up to rank 4; a value made from an integer
     * array, that integer array again. Values of higher rank are returned as this {@code Value}.
     */
    public Object toJava() {
        if (javaType != null) {
            return toJava(javaType);
        }
        boolean f = precision == Precision.FLOAT;
        return switch (shape.rank()) {
            case 0 -> f ? (Object) (float) get(0) : (Object) get(0);
            case 1 -> f ? asFloatVector() : asVector();
            case 2 -> f ? asFloatMatrix() : asMatrix();
            case 3 -> toRank3(f);
            case 4 -> JavaArrays.build(f ? float[][][][].class : double[][][][].class, this);
            default -> this;
        };
    }

    /**
     * {@return a fresh Java object of {@code type} holding this value}
     *
     * @param <T> the type
     * @param type {@code double.class}/{@code Double.class}, {@code float.class}/{@code Float.class},
     *     {@code int.class}/{@code Integer.class}, {@code long.class}/{@code Long.class} for a scalar;
     *     an array of rank 1 to 4 of {@code double}, {@code float}, {@code int} or {@code long} of
     *     this value's rank; a matrix or vector type of EJML ({@code DMatrixRMaj},
     *     {@code FMatrixRMaj}, {@code SimpleMatrix}), Commons Math 3 or Hipparchus
     *     ({@code RealVector}, {@code RealMatrix} and their array implementations), for a value of
     *     rank up to 2 (a vector becomes a column); or {@code Value.class} (this value)
     * @throws IllegalStateException naming the shape, when the value's rank is not the type's; naming
     *     the element, when an integer type is asked for and an element is not a whole number in its
     *     range
     * @throws IllegalArgumentException when gradcheck cannot convert to {@code type}
     */
    @SuppressWarnings("unchecked")
    public <T> T toJava(Class<T> type) {
        if (type == Value.class || type == Object.class) {
            return (T) this;
        }
        if (type == double.class || type == Double.class) {
            return (T) Double.valueOf(asScalar());
        }
        if (type == float.class || type == Float.class) {
            return (T) Float.valueOf((float) asScalar());
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            requireRank(0, "a scalar");
            boolean isInt = type == int.class || type == Integer.class;
            Object whole = JavaArrays.build(isInt ? int[].class : long[].class, Value.vector(get(0)));
            return (T) (isInt ? (Object) ((int[]) whole)[0] : (Object) ((long[]) whole)[0]);
        }
        if (JavaArrays.rank(type) > 0) {
            return (T) JavaArrays.build(type, this);
        }
        Object library = MatrixLibraries.build(type, this);
        if (library != null) {
            return (T) library;
        }
        throw new IllegalArgumentException("gradcheck cannot convert a value to " + type.getName()
                + "; use double, float, int, long, an array of them up to rank 4, or Value");
    }

    /**
     * {@return a fresh Java object holding this value, of the type {@code like} was made from}: how
     * a gradient is handed to user code in the type of what it is the gradient of (a
     * {@code DMatrixRMaj} for a {@code DMatrixRMaj} output, an {@code int[]} for an {@code int[]}).
     *
     * @param like a value of the same shape
     */
    public Object toJavaLike(Value like) {
        return like.javaType == null || like.isInteger() ? toJava() : toJava(like.javaType);
    }

    /**
     * {@return this value, handed to user code by {@link #toJava()} as the type {@code like} was
     * made from} (e.g. a perturbed copy of a {@code DMatrixRMaj} input as a {@code DMatrixRMaj});
     * this value itself when the shapes differ or {@code like} has the natural type of its shape.
     *
     * @param like a value of the same shape
     */
    public Value asTypeOf(Value like) {
        if (like.javaType == javaType || !like.shape.equals(shape)) {
            return this;
        }
        return new Value(data, shape, precision, replaced, replacement, like.javaType);
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

    /**
     * {@return whether {@code o} is a value {@linkplain #bitEquals bit-equal} to this one}
     *
     * @param o any object
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Value v && bitEquals(v);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(replaced < 0 ? data : toArray());
    }

    /**
     * {@return the elements, abbreviated after 8, e.g. {@code [0.5, -1.25, 3.0]}}: a scalar
     * without brackets, a matrix or higher after its shape.
     */
    @Override
    public String toString() {
        return describe(8);
    }

    /**
     * {@return every element, however many}, as {@link #toString()} writes the first 8: for files
     * meant to reproduce a point exactly
     *
     * @since 0.1.0
     */
    public String toFullString() {
        return describe(Integer.MAX_VALUE);
    }

    private String describe(int limit) {
        if (shape.rank() == 0) {
            return isInteger() ? Long.toString((long) get(0)) : Numbers.full(get(0));
        }
        StringBuilder sb = new StringBuilder();
        if (shape.rank() > 1) {
            sb.append(shape).append(' ');
        }
        sb.append('[');
        int shown = Math.min(data.length, limit);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(isInteger() ? Long.toString((long) get(i)) : Numbers.full(get(i)));
        }
        if (shown < data.length) {
            sb.append(", … (").append(data.length - shown).append(" more)");
        }
        return sb.append(']').toString();
    }
}
