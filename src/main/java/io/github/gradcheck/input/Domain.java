package io.github.gradcheck.input;

import io.github.gradcheck.input.Distribution.Constant;
import io.github.gradcheck.input.Distribution.Integers;
import io.github.gradcheck.input.Distribution.LogUniform;
import io.github.gradcheck.input.Distribution.OfElements;
import io.github.gradcheck.input.Distribution.Uniform;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Where one input of a subject may lie, and how values are drawn from there: the range of
 * each element, the shape, the precision, kinks to keep away from, and whether a few edge
 * values are mixed in.
 *
 * <pre>{@code
 * Domain.uniform(-2, 2).vector(4)                 // four elements, each uniform in [-2, 2]
 * Domain.logUniform(1e-3, 1e3).matrix(3, 2)       // magnitudes spread over six decades, random sign
 * Domain.uniform(-3, 3).awayFrom(0, 0.05)         // ReLU input: |x| >= 0.05, never at the kink
 * Domain.integers(0, 9)                           // a class label: a constant input, never perturbed
 * Domain.uniform(-1, 1).vector(5).notDifferentiated() // a random target or noise: drawn each try, never perturbed
 * Domain.constant(new double[] {1, 0, 1})         // a mask held fixed at every try
 * Domain.uniform(-1, 1).withoutEdgeValues()       // only uniform draws
 * }</pre>
 *
 * <p><b>Edge values.</b> Unless turned off, each element is, with probability 1/10, one of
 * the edge values 0, 1, -1 and the bounds (the largest magnitudes) instead of a random
 * draw, as far as the domain admits them. The finite differences of the check look a small
 * step beyond the drawn value, so declare bounds (and kink distances) with a margin where
 * the function stops being defined or smooth.
 *
 * <p><b>Guarantees.</b> Every value {@link #draw drawn} and every value the {@link Shrinker}
 * proposes lies inside the bounds and at least the declared distance from every kink, and
 * is representable in the domain's precision. The same random generator state gives the
 * same value. Immutable and thread-safe; every modifier returns a new domain.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Domain {

    private static final int EDGE_ODDS = 10;

    /** The most elements a value may have: the largest array a JVM allocates. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** Keeps elements at least {@code distance} away from {@code at}. */
    private record Kink(double at, double distance) {
    }

    private final Distribution distribution;
    private final List<Kink> kinks;
    private final Shape shape;
    private final Precision precision;
    private final boolean edgeValues;
    private final String description;
    /** The admissible pieces of the element range; empty for a constant. */
    private final List<Segment> segments;
    private final double[] edges;

    /** A domain drawing elements from {@code elements}. */
    private Domain(OfElements elements, List<Kink> kinks, Shape shape, Precision precision, boolean edgeValues) {
        this.distribution = elements;
        this.kinks = List.copyOf(kinks);
        this.shape = shape;
        this.precision = precision;
        this.edgeValues = edgeValues;
        this.description = elements.describe() + kinkDescription(kinks) + shapeDescription(shape)
                + edgeDescription(edgeValues) + precisionDescription(precision);
        this.segments = admissibleSegments(elements);
        this.edges = edgeCandidates(elements);
    }

    /** A domain of the one value {@code constant}. */
    private Domain(Constant constant) {
        this.distribution = constant;
        this.kinks = List.of();
        this.shape = constant.value().shape();
        this.precision = constant.value().precision();
        this.edgeValues = false;
        this.description = constant.describe();
        this.segments = List.of();
        this.edges = new double[0];
    }

    // ---- factories ------------------------------------------------------------------------

    /**
     * Elements uniform in {@code [low, high]}; a scalar until given a shape.
     *
     * @param low the smallest value, finite
     * @param high the largest value, finite and not below {@code low}
     * @return the domain, a scalar of double precision with edge values mixed in
     * @throws DomainException if a bound is not finite or {@code low > high}
     */
    public static Domain uniform(double low, double high) {
        requireRange("uniform", low, high);
        return of(new Uniform(low, high));
    }

    /**
     * Elements whose magnitude is log-uniform in {@code [minMagnitude, maxMagnitude]} (every
     * decade equally likely) with a random sign: for inputs whose scale is unknown.
     *
     * @param minMagnitude the smallest magnitude, positive
     * @param maxMagnitude the largest magnitude, finite and not below {@code minMagnitude}
     * @return the domain, a scalar of double precision with edge values mixed in
     * @throws DomainException unless {@code 0 < minMagnitude <= maxMagnitude} and both are finite
     */
    public static Domain logUniform(double minMagnitude, double maxMagnitude) {
        requireMagnitudes("logUniform", minMagnitude, maxMagnitude);
        return of(new LogUniform(minMagnitude, maxMagnitude, false));
    }

    /**
     * Like {@link #logUniform} but always positive: for scales, variances, inputs of log or sqrt.
     *
     * @param minMagnitude the smallest value, positive
     * @param maxMagnitude the largest value, finite and not below {@code minMagnitude}
     * @return the domain, a scalar of double precision with edge values mixed in
     * @throws DomainException unless {@code 0 < minMagnitude <= maxMagnitude} and both are finite
     */
    public static Domain logUniformPositive(double minMagnitude, double maxMagnitude) {
        requireMagnitudes("logUniformPositive", minMagnitude, maxMagnitude);
        return of(new LogUniform(minMagnitude, maxMagnitude, true));
    }

    /**
     * Integer elements uniform in {@code [low, high]}, as a <em>constant</em> input (an index or
     * a label): drawn anew at each try, but never perturbed or differentiated. Shrinking moves
     * them toward the simplest whole number in range.
     *
     * @param low the smallest value
     * @param high the largest value, not below {@code low}
     * @return the domain, a scalar whose values are whole numbers; with a shape, its values are
     *     {@code int} arrays ({@code int[]} for a vector), handed to user code as such
     * @throws DomainException if {@code low > high}
     */
    public static Domain integers(int low, int high) {
        if (low > high) {
            throw new DomainException("integers(" + low + ", " + high + ") is empty: the lower bound must not"
                    + " exceed the upper bound; write integers(" + high + ", " + low + ")");
        }
        return of(new Integers(low, high));
    }

    /**
     * A constant input held at {@code value} at every try (a mask, a fixed label, a
     * hyper-parameter): never perturbed, never shrunk. Its shape and precision are the
     * value's; it takes no modifiers.
     *
     * @param value a number or an array, as {@link Value#fromJava} accepts
     * @return the domain of that one value; {@link #isFixed()} is true
     * @throws DomainException if {@code value} is not a number or an array of numbers
     */
    public static Domain constant(Object value) {
        Value v;
        try {
            v = Value.fromJava(value);
        } catch (IllegalArgumentException e) {
            throw new DomainException("constant(...): " + e.getMessage());
        }
        return new Domain(new Constant(v));
    }

    private static Domain of(OfElements elements) {
        return new Domain(elements, List.of(), Shape.scalar(), Precision.DOUBLE, true);
    }

    // ---- modifiers ------------------------------------------------------------------------

    /**
     * The same element domain for a vector of {@code n} elements.
     *
     * @param n the number of elements, at least 1
     * @return a new domain of that shape, otherwise the same
     * @throws DomainException if {@code n < 1} or this is a {@link #constant}
     */
    public Domain vector(int n) {
        return shape(n);
    }

    /**
     * The same element domain for a {@code rows × columns} matrix.
     *
     * @param rows the number of rows, at least 1
     * @param columns the number of columns, at least 1
     * @return a new domain of that shape, otherwise the same
     * @throws DomainException if a dimension is below 1 or this is a {@link #constant}
     */
    public Domain matrix(int rows, int columns) {
        return shape(rows, columns);
    }

    /**
     * The same element domain for an array of any shape ({@code shape()} is a scalar).
     *
     * @param dims the dimensions, each at least 1
     * @return a new domain of that shape, otherwise the same
     * @throws DomainException if a dimension is below 1 or this is a {@link #constant}
     */
    public Domain shape(int... dims) {
        OfElements elements = requireElements("shape");
        Objects.requireNonNull(dims, () -> description + ".shape(null): give the dimensions, e.g. shape(2, 3)");
        long size = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new DomainException(description + ": every dimension must be at least 1, got "
                        + Arrays.toString(dims));
            }
            size = size > MAX_ELEMENTS ? size : size * d; // stops growing once too large: never overflows
        }
        if (size > MAX_ELEMENTS) {
            throw new DomainException(description + " with shape " + Arrays.toString(dims) + " has "
                    + Arrays.stream(dims).mapToObj(java.math.BigInteger::valueOf)
                    .reduce(java.math.BigInteger.ONE, java.math.BigInteger::multiply)
                    + " elements; an input holds at most " + MAX_ELEMENTS + " (the largest Java array): choose"
                    + " smaller dimensions");
        }
        long bytes = size * Double.BYTES;
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap / 2) {
            throw new DomainException(description + " with shape " + Arrays.toString(dims) + " has " + size
                    + " elements, " + bytes / (1 << 20) + " MiB per value drawn, more than half of the " + heap / (1 << 20)
                    + " MiB the JVM may use (-Xmx): choose smaller dimensions, or give the JVM more memory");
        }
        return new Domain(elements, kinks, Shape.of(dims), precision, edgeValues);
    }

    /**
     * Keeps every element at least {@code distance} away from {@code kink}: {@code |x − kink| ≥
     * distance}. For functions that are not differentiable there (ReLU and abs at 0, a clamp
     * at its bounds). Choose {@code distance} well above the finite-difference step (about
     * 1e-3 of the value's scale); may be called several times.
     *
     * @param kink where the function is not differentiable, finite
     * @param distance how far every element stays from it, positive and finite
     * @return a new domain without the values closer than {@code distance} to {@code kink}
     * @throws DomainException if {@code kink} is not finite, {@code distance} not positive and
     *         finite, this is a {@link #constant}, or no value of the domain is left
     */
    public Domain awayFrom(double kink, double distance) {
        OfElements elements = requireElements("awayFrom");
        if (!Double.isFinite(kink) || !(distance > 0) || !Double.isFinite(distance)) {
            throw new DomainException(description + ".awayFrom(" + kink + ", " + distance + "): the kink must be"
                    + " finite and the distance positive and finite");
        }
        List<Kink> more = new ArrayList<>(kinks);
        more.add(new Kink(kink, distance));
        return new Domain(elements, more, shape, precision, edgeValues);
    }

    /**
     * Only random draws: no edge values (0, ±1, the bounds) mixed in.
     *
     * @return a new domain that draws every element at random, otherwise the same
     * @throws DomainException if this is a {@link #constant}
     */
    public Domain withoutEdgeValues() {
        OfElements elements = requireElements("withoutEdgeValues");
        return new Domain(elements, kinks, shape, precision, false);
    }

    /**
     * Values in {@code p}: {@link Precision#FLOAT} hands the subject {@code float} / {@code float[]}
     * inputs. Every value drawn or shrunk is then representable in {@code p}.
     *
     * @param p the precision of the values
     * @return a new domain of that precision, otherwise the same
     * @throws DomainException if this is a {@link #constant}, or {@link #integers} and {@code p}
     *         is not {@link Precision#DOUBLE}
     */
    public Domain precision(Precision p) {
        Objects.requireNonNull(p, () -> description + ".precision(null): give a precision, Precision.DOUBLE or"
                + " Precision.FLOAT");
        OfElements elements = requireElements("precision");
        if (elements instanceof Integers && p != Precision.DOUBLE) {
            throw new DomainException(description + ": integer inputs are constants; their precision stays double");
        }
        List<Segment> range = elements.range();
        double lowest = range.get(0).low();
        double highest = range.get(range.size() - 1).high();
        if (p == Precision.FLOAT && (Math.abs(lowest) > Float.MAX_VALUE || Math.abs(highest) > Float.MAX_VALUE)) {
            throw new DomainException(description + ".precision(FLOAT): its range [" + lowest + ", " + highest
                    + "] reaches beyond the float range ±" + Float.MAX_VALUE + ", where every value rounds to the"
                    + " largest float or to infinity; keep the bounds within ±3.4e38 for a float input");
        }
        return new Domain(elements, kinks, shape, p, edgeValues);
    }

    // ---- what it is -----------------------------------------------------------------------

    /** {@return the shape of every value drawn} */
    public Shape shape() {
        return shape;
    }

    /** {@return the precision of every value drawn} */
    public Precision precision() {
        return precision;
    }

    /**
     * {@return this domain as a constant input}: its values are drawn anew at each try, shown in a
     * failure's point and shrunk like those of a differentiable input (the failure shows the input as
     * first found and as shrunk), but gradcheck never perturbs or differentiates them: a regression
     * target, a mask, noise added to the input. {@code Domain.uniform(-1, 1).vector(5).notDifferentiated()}.
     * An {@link #integers} domain is one already.
     *
     * @throws DomainException if this is a {@link #constant}, which is not drawn
     */
    public Domain notDifferentiated() {
        OfElements elements = requireElements("notDifferentiated");
        if (elements.isConstant()) {
            return this;
        }
        return new Domain(new Distribution.NotDifferentiated(elements), kinks, shape, precision, edgeValues);
    }

    /**
     * {@return whether the input is a constant input: never perturbed or differentiated} True
     * for {@link #integers} and {@link #notDifferentiated} domains (drawn anew at each try) and for
     * {@link #constant} (the same value at every try); the points an {@link InputSpace} draws mark
     * such inputs constant.
     */
    public boolean isConstant() {
        return distribution.isConstant();
    }

    /**
     * {@return whether the value is the same at every try} True only for a {@link #constant},
     * which is never shrunk.
     */
    public boolean isFixed() {
        return distribution instanceof Constant;
    }

    /**
     * Whether {@code value} could have come from this domain.
     *
     * @param value a value, or null
     * @return whether it has this domain's shape and every element {@linkplain #containsElement
     *         lies in the domain}; for a {@link #constant}, whether it is that value (compared
     *         in its precision); false for null
     */
    public boolean contains(Value value) {
        if (value == null || !value.shape().equals(shape)) {
            return false;
        }
        if (distribution instanceof Constant constant) {
            return value.withPrecision(precision).bitEquals(constant.value());
        }
        for (int i = 0; i < value.size(); i++) {
            if (!containsElement(value.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether one element value is admissible.
     *
     * @param x an element value
     * @return whether it lies inside the bounds, at least the declared distance from every
     *         kink, is representable in the precision and, for {@link #integers}, whole; always
     *         false for a {@link #constant}
     */
    public boolean containsElement(double x) {
        return distribution instanceof OfElements elements && segmentOf(x) != null && precision.round(x) == x
                && elements.admits(x);
    }

    /**
     * Draws a value: each element independently, from {@code random} only, so the same
     * generator state always gives the same value.
     *
     * @param random the generator to draw from
     * @return a value this domain {@linkplain #contains contains}; a constant domain's value
     */
    public Value draw(SplittableRandom random) {
        Objects.requireNonNull(random, () -> description + ".draw(null): give the random generator to draw from,"
                + " e.g. new SplittableRandom(seed)");
        if (distribution instanceof Constant constant) {
            return constant.value();
        }
        OfElements elements = (OfElements) distribution;
        double[] data = new double[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = drawElement(elements, random);
        }
        Value drawn = Value.of(shape, precision, data);
        return elements instanceof Integers && shape.rank() > 0 && shape.rank() <= 4 ? asIntArray(drawn) : drawn;
    }

    /** Whole numbers of rank 1 to 4 as the {@code int} array user code takes them as (indices, labels). */
    private static Value asIntArray(Value wholeNumbers) {
        Class<?> type = java.lang.reflect.Array.newInstance(int.class, new int[wholeNumbers.shape().rank()]).getClass();
        return Value.fromJava(wholeNumbers.toJava(type));
    }

    /**
     * {@return the domain as the code that declares it} For example
     * {@code uniform(-2.0, 2.0).awayFrom(0.0, 0.1).vector(4)}; modifiers appear in a fixed order.
     */
    @Override
    public String toString() {
        return description;
    }

    // ---- for the shrinker -----------------------------------------------------------------

    /** The connected piece of the domain holding {@code x}, or null when {@code x} is outside. */
    Segment segmentOf(double x) {
        for (Segment s : segments) {
            if (s.contains(x)) {
                return s;
            }
        }
        return null;
    }

    /** The simplest number in {@code piece} of this (non-constant) domain, or NaN; see {@link Simplicity}. */
    double simplestIn(Segment piece, Simplicity simplicity) {
        return ((OfElements) distribution).simplestIn(piece, simplicity);
    }

    /** About halfway from {@code x} to {@code target} in this (non-constant) domain, on {@code x}'s side. */
    double halfway(double x, double target) {
        return ((OfElements) distribution).halfway(x, target);
    }

    // ---- drawing --------------------------------------------------------------------------

    private double drawElement(OfElements elements, SplittableRandom random) {
        if (edgeValues && edges.length > 0 && random.nextInt(EDGE_ODDS) == 0) {
            return edges[random.nextInt(edges.length)];
        }
        return elements.draw(pick(elements, random), precision, random);
    }

    private Segment pick(OfElements elements, SplittableRandom random) {
        if (segments.size() == 1) {
            return segments.get(0);
        }
        double[] weights = new double[segments.size()];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = elements.weight(segments.get(i));
            total += weights[i];
        }
        if (!(total > 0)) {
            return segments.get(random.nextInt(segments.size()));
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return segments.get(i);
            }
        }
        return segments.get(segments.size() - 1);
    }

    // ---- the admissible set ---------------------------------------------------------------

    private List<Segment> admissibleSegments(OfElements elements) {
        List<Segment> pieces = elements.range();
        for (Kink k : kinks) {
            List<Segment> cut = new ArrayList<>();
            for (Segment s : pieces) {
                double left = k.at() - k.distance();
                double right = k.at() + k.distance();
                if (s.high() <= left || s.low() >= right) {
                    cut.add(s);
                    continue;
                }
                if (s.low() <= left) {
                    cut.add(new Segment(s.low(), left));
                }
                if (s.high() >= right) {
                    cut.add(new Segment(right, s.high()));
                }
            }
            pieces = cut;
        }
        List<Segment> usable = new ArrayList<>();
        for (Segment s : pieces) {
            if (elements.hasValueIn(s, precision)) {
                usable.add(s);
            }
        }
        if (usable.isEmpty() && kinks.isEmpty()) {
            throw new DomainException(description + " contains no values: no number of its range is representable"
                    + " in " + precision + " precision; widen the range, or use Precision.DOUBLE");
        }
        if (usable.isEmpty()) {
            throw new DomainException(description + " contains no values: its kinks and their distances cover the"
                    + " whole range" + (elements instanceof Integers ? " of integers" : "") + "; widen the range or"
                    + " reduce the distances given to awayFrom");
        }
        return List.copyOf(usable);
    }

    /** 0, ±1 and the two extremes of the range, those of them the domain contains, in increasing order. */
    private double[] edgeCandidates(OfElements elements) {
        List<Segment> range = elements.range();
        double lowest = range.get(0).low();
        double highest = range.get(range.size() - 1).high();
        TreeSet<Double> found = new TreeSet<>();
        for (double e : new double[] {0, 1, -1, lowest, highest}) {
            if (containsElement(e)) {
                found.add(e);
            }
        }
        return found.stream().mapToDouble(Double::doubleValue).toArray();
    }

    // ---- validation and description -------------------------------------------------------

    private static void requireRange(String name, double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new DomainException(name + "(" + low + ", " + high + "): bounds must be finite numbers");
        }
        if (low > high) {
            throw new DomainException(name + "(" + low + ", " + high + ") is empty: the lower bound must not exceed"
                    + " the upper bound; write " + name + "(" + high + ", " + low + ")");
        }
    }

    private static void requireMagnitudes(String name, double min, double max) {
        if (!(min > 0) || !Double.isFinite(max) || !(min <= max)) {
            throw new DomainException(name + "(" + min + ", " + max + "): magnitudes must be finite with"
                    + " 0 < minMagnitude <= maxMagnitude, e.g. " + name + "(1e-3, 1e3)");
        }
    }

    /** The element distribution a modifier changes; a constant has none to change. */
    private OfElements requireElements(String modifier) {
        if (distribution instanceof OfElements elements) {
            return elements;
        }
        throw new DomainException(description + "." + modifier + "(...): a constant keeps the shape and"
                + " precision of its value; give the value in the shape you want instead");
    }

    private static String kinkDescription(List<Kink> ks) {
        StringBuilder sb = new StringBuilder();
        for (Kink k : ks) {
            sb.append(".awayFrom(").append(k.at()).append(", ").append(k.distance()).append(')');
        }
        return sb.toString();
    }

    private static String shapeDescription(Shape s) {
        return switch (s.rank()) {
            case 0 -> "";
            case 1 -> ".vector(" + s.dim(0) + ")";
            case 2 -> ".matrix(" + s.dim(0) + ", " + s.dim(1) + ")";
            default -> ".shape(" + Arrays.toString(s.dims()).replace("[", "").replace("]", "") + ")";
        };
    }

    private static String edgeDescription(boolean edges) {
        return edges ? "" : ".withoutEdgeValues()";
    }

    private static String precisionDescription(Precision p) {
        return p == Precision.DOUBLE ? "" : ".precision(" + p + ")";
    }
}
