package io.github.gradcheck.input;

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

    private enum Kind { UNIFORM, LOG_UNIFORM, INTEGERS, CONSTANT }

    private final Kind kind;
    private final double low;
    private final double high;
    private final boolean positiveOnly;
    private final List<double[]> kinks;
    private final Shape shape;
    private final Precision precision;
    private final boolean edgeValues;
    private final Value constant;
    private final String description;
    private final List<Segment> segments;
    private final double[] edges;

    private Domain(Kind kind, double low, double high, boolean positiveOnly, List<double[]> kinks, Shape shape,
                   Precision precision, boolean edgeValues, Value constant, String description) {
        this.kind = kind;
        this.low = low;
        this.high = high;
        this.positiveOnly = positiveOnly;
        this.kinks = List.copyOf(kinks);
        this.shape = shape;
        this.precision = precision;
        this.edgeValues = edgeValues;
        this.constant = constant;
        this.description = description;
        this.segments = kind == Kind.CONSTANT ? List.of() : admissibleSegments();
        this.edges = kind == Kind.CONSTANT ? new double[0] : edgeCandidates();
    }

    // ---- factories ------------------------------------------------------------------------

    /** Elements uniform in {@code [low, high]}; a scalar until given a shape. */
    public static Domain uniform(double low, double high) {
        requireRange("uniform", low, high);
        return new Domain(Kind.UNIFORM, low, high, false, List.of(), Shape.scalar(), Precision.DOUBLE, true, null,
                "uniform(" + low + ", " + high + ")");
    }

    /**
     * Elements whose magnitude is log-uniform in {@code [minMagnitude, maxMagnitude]} (every
     * decade equally likely) with a random sign: for inputs whose scale is unknown.
     */
    public static Domain logUniform(double minMagnitude, double maxMagnitude) {
        requireMagnitudes("logUniform", minMagnitude, maxMagnitude);
        return new Domain(Kind.LOG_UNIFORM, minMagnitude, maxMagnitude, false, List.of(), Shape.scalar(),
                Precision.DOUBLE, true, null, "logUniform(" + minMagnitude + ", " + maxMagnitude + ")");
    }

    /** Like {@link #logUniform} but always positive: for scales, variances, inputs of log or sqrt. */
    public static Domain logUniformPositive(double minMagnitude, double maxMagnitude) {
        requireMagnitudes("logUniformPositive", minMagnitude, maxMagnitude);
        return new Domain(Kind.LOG_UNIFORM, minMagnitude, maxMagnitude, true, List.of(), Shape.scalar(),
                Precision.DOUBLE, true, null, "logUniformPositive(" + minMagnitude + ", " + maxMagnitude + ")");
    }

    /**
     * Integer elements uniform in {@code [low, high]}, as a <em>constant</em> input (an index or
     * a label): drawn anew at each try, but never perturbed or differentiated.
     */
    public static Domain integers(int low, int high) {
        if (low > high) {
            throw new DomainException("integers(" + low + ", " + high + ") is empty: the lower bound must not"
                    + " exceed the upper bound; write integers(" + high + ", " + low + ")");
        }
        return new Domain(Kind.INTEGERS, low, high, false, List.of(), Shape.scalar(), Precision.DOUBLE, true, null,
                "integers(" + low + ", " + high + ")");
    }

    /**
     * A constant input held at {@code value} at every try (a mask, a fixed label, a
     * hyper-parameter): never perturbed, never shrunk. {@code value} is a number or an array
     * as {@link Value#fromJava} accepts.
     */
    public static Domain constant(Object value) {
        Value v;
        try {
            v = Value.fromJava(value);
        } catch (IllegalArgumentException e) {
            throw new DomainException("constant(...): " + e.getMessage());
        }
        return new Domain(Kind.CONSTANT, Double.NaN, Double.NaN, false, List.of(), v.shape(), v.precision(), false,
                v, "constant(" + v + ")");
    }

    // ---- modifiers ------------------------------------------------------------------------

    /** The same element domain for a vector of {@code n} elements. */
    public Domain vector(int n) {
        return shape(n);
    }

    /** The same element domain for a {@code rows × columns} matrix. */
    public Domain matrix(int rows, int columns) {
        return shape(rows, columns);
    }

    /** The same element domain for an array of any shape ({@code shape()} is a scalar). */
    public Domain shape(int... dims) {
        requireVariable("shape");
        for (int d : dims) {
            if (d < 1) {
                throw new DomainException(description + ": every dimension must be at least 1, got "
                        + Arrays.toString(dims));
            }
        }
        Shape s = Shape.of(dims);
        return new Domain(kind, low, high, positiveOnly, kinks, s, precision, edgeValues, null,
                baseDescription() + kinkDescription(kinks) + shapeDescription(s) + edgeDescription(edgeValues)
                        + precisionDescription(precision));
    }

    /**
     * Keeps every element at least {@code distance} away from {@code kink}: {@code |x − kink| ≥
     * distance}. For functions that are not differentiable there (ReLU and abs at 0, a clamp
     * at its bounds). Choose {@code distance} well above the finite-difference step (about
     * 1e-3 of the value's scale); may be called several times.
     */
    public Domain awayFrom(double kink, double distance) {
        requireVariable("awayFrom");
        if (!Double.isFinite(kink) || !(distance > 0) || !Double.isFinite(distance)) {
            throw new DomainException(description + ".awayFrom(" + kink + ", " + distance + "): the kink must be"
                    + " finite and the distance positive and finite");
        }
        List<double[]> more = new ArrayList<>(kinks);
        more.add(new double[] {kink, distance});
        return new Domain(kind, low, high, positiveOnly, more, shape, precision, edgeValues, null,
                baseDescription() + kinkDescription(more) + shapeDescription(shape) + edgeDescription(edgeValues)
                        + precisionDescription(precision));
    }

    /** Only random draws: no edge values (0, ±1, the bounds) mixed in. */
    public Domain withoutEdgeValues() {
        requireVariable("withoutEdgeValues");
        return new Domain(kind, low, high, positiveOnly, kinks, shape, precision, false, null,
                baseDescription() + kinkDescription(kinks) + shapeDescription(shape) + edgeDescription(false)
                        + precisionDescription(precision));
    }

    /** Values in {@code p}: {@link Precision#FLOAT} hands the subject {@code float} / {@code float[]} inputs. */
    public Domain precision(Precision p) {
        Objects.requireNonNull(p, "precision");
        requireVariable("precision");
        if (kind == Kind.INTEGERS && p != Precision.DOUBLE) {
            throw new DomainException(description + ": integer inputs are constants; their precision stays double");
        }
        return new Domain(kind, low, high, positiveOnly, kinks, shape, p, edgeValues, null,
                baseDescription() + kinkDescription(kinks) + shapeDescription(shape) + edgeDescription(edgeValues)
                        + precisionDescription(p));
    }

    // ---- what it is -----------------------------------------------------------------------

    /** The shape of the values. */
    public Shape shape() {
        return shape;
    }

    /** The precision of the values. */
    public Precision precision() {
        return precision;
    }

    /** Whether the input is constant (integers, constants): never perturbed or differentiated. */
    public boolean isConstant() {
        return kind == Kind.INTEGERS || kind == Kind.CONSTANT;
    }

    /** Whether the value is the same at every try (a {@link #constant}). */
    public boolean isFixed() {
        return kind == Kind.CONSTANT;
    }

    /** Whether {@code value} has this domain's shape and every element lies in the domain. */
    public boolean contains(Value value) {
        if (value == null || !value.shape().equals(shape)) {
            return false;
        }
        if (kind == Kind.CONSTANT) {
            return value.withPrecision(precision).bitEquals(constant);
        }
        for (int i = 0; i < value.size(); i++) {
            if (!containsElement(value.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether one element value is admissible: inside the bounds, away from kinks, integral if required. */
    public boolean containsElement(double x) {
        if (kind == Kind.CONSTANT) {
            return false;
        }
        return segmentOf(x) != null && precision.round(x) == x && (kind != Kind.INTEGERS || x == Math.rint(x));
    }

    /**
     * Draws a value: each element independently, from {@code random} only, so the same
     * generator state always gives the same value. A constant domain returns its value.
     */
    public Value draw(SplittableRandom random) {
        Objects.requireNonNull(random, "random");
        if (kind == Kind.CONSTANT) {
            return constant;
        }
        double[] data = new double[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = drawElement(random);
        }
        return Value.of(shape, precision, data);
    }

    /** Code-like: {@code uniform(-2.0, 2.0).awayFrom(0.0, 0.1).vector(4)}. */
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

    boolean integral() {
        return kind == Kind.INTEGERS;
    }

    // ---- drawing --------------------------------------------------------------------------

    private double drawElement(SplittableRandom random) {
        if (edgeValues && edges.length > 0 && random.nextInt(EDGE_ODDS) == 0) {
            return edges[random.nextInt(edges.length)];
        }
        switch (kind) {
            case LOG_UNIFORM: {
                Segment s = pick(random, true);
                double a = Math.log(Math.abs(s.low()));
                double b = Math.log(Math.abs(s.high()));
                double magnitude = Math.exp(a + random.nextDouble() * (b - a));
                return fit(s.high() <= 0 ? -magnitude : magnitude, s);
            }
            case INTEGERS: {
                Segment s = pick(random, false);
                long first = (long) Math.ceil(s.low());
                long count = (long) Math.floor(s.high()) - first + 1;
                return first + random.nextLong(count);
            }
            default: {
                Segment s = pick(random, false);
                return fit(s.low() + random.nextDouble() * s.length(), s);
            }
        }
    }

    private Segment pick(SplittableRandom random, boolean logarithmic) {
        if (segments.size() == 1) {
            return segments.get(0);
        }
        double[] weights = new double[segments.size()];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            Segment s = segments.get(i);
            weights[i] = kind == Kind.INTEGERS ? Math.floor(s.high()) - Math.ceil(s.low()) + 1
                    : logarithmic ? s.logLength() : s.length();
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

    /** {@code x} rounded to the precision and, if rounding pushed it out, moved back into {@code s}. */
    private double fit(double x, Segment s) {
        double r = precision.round(Math.min(Math.max(x, s.low()), s.high()));
        while (r > s.high()) {
            r = precision == Precision.FLOAT ? Math.nextDown((float) r) : Math.nextDown(r);
        }
        while (r < s.low()) {
            r = precision == Precision.FLOAT ? Math.nextUp((float) r) : Math.nextUp(r);
        }
        return r;
    }

    // ---- the admissible set ---------------------------------------------------------------

    private List<Segment> admissibleSegments() {
        List<Segment> pieces = new ArrayList<>();
        if (kind == Kind.LOG_UNIFORM) {
            if (!positiveOnly) {
                pieces.add(new Segment(-high, -low));
            }
            pieces.add(new Segment(low, high));
        } else {
            pieces.add(new Segment(low, high));
        }
        for (double[] k : kinks) {
            List<Segment> cut = new ArrayList<>();
            for (Segment s : pieces) {
                double left = k[0] - k[1];
                double right = k[0] + k[1];
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
            boolean hasValue = kind == Kind.INTEGERS ? Math.ceil(s.low()) <= Math.floor(s.high())
                    : s.contains(fit(s.low(), s));
            if (hasValue) {
                usable.add(s);
            }
        }
        if (usable.isEmpty()) {
            throw new DomainException(description + " contains no values: its kinks and their distances cover the"
                    + " whole range" + (kind == Kind.INTEGERS ? " of integers" : "") + "; widen the range or"
                    + " reduce the distances given to awayFrom");
        }
        return List.copyOf(usable);
    }

    private double[] edgeCandidates() {
        double lowest = kind == Kind.LOG_UNIFORM ? (positiveOnly ? low : -high) : low;
        TreeSet<Double> found = new TreeSet<>();
        for (double e : new double[] {0, 1, -1, lowest, high}) {
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

    private void requireVariable(String modifier) {
        if (kind == Kind.CONSTANT) {
            throw new DomainException(description + "." + modifier + "(...): a constant keeps the shape and"
                    + " precision of its value; give the value in the shape you want instead");
        }
    }

    private String baseDescription() {
        switch (kind) {
            case LOG_UNIFORM:
                return (positiveOnly ? "logUniformPositive(" : "logUniform(") + low + ", " + high + ")";
            case INTEGERS:
                return "integers(" + (int) low + ", " + (int) high + ")";
            default:
                return "uniform(" + low + ", " + high + ")";
        }
    }

    private static String kinkDescription(List<double[]> ks) {
        StringBuilder sb = new StringBuilder();
        for (double[] k : ks) {
            sb.append(".awayFrom(").append(k[0]).append(", ").append(k[1]).append(')');
        }
        return sb.toString();
    }

    private static String shapeDescription(Shape s) {
        switch (s.rank()) {
            case 0:
                return "";
            case 1:
                return ".vector(" + s.dim(0) + ")";
            case 2:
                return ".matrix(" + s.dim(0) + ", " + s.dim(1) + ")";
            default:
                return ".shape(" + Arrays.toString(s.dims()).replace("[", "").replace("]", "") + ")";
        }
    }

    private static String edgeDescription(boolean edges) {
        return edges ? "" : ".withoutEdgeValues()";
    }

    private static String precisionDescription(Precision p) {
        return p == Precision.DOUBLE ? "" : ".precision(" + p + ")";
    }
}
