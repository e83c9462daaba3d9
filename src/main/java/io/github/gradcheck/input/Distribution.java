package io.github.gradcheck.input;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Value;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a {@link Domain} draws from before its kinks, shape, edge values and precision are
 * applied: one record per kind of domain, each drawing, shrinking toward its simplest value and
 * describing itself. A {@link Constant} has one value; the others ({@link OfElements}) draw each
 * element independently from one or two intervals.
 */
sealed interface Distribution permits Distribution.OfElements, Distribution.Constant {

    /** The code that declares it, e.g. {@code uniform(-2.0, 2.0)}. */
    String describe();

    /** Whether its values are constant inputs: never perturbed or differentiated. */
    boolean isConstant();

    /** Independent elements drawn from one or two intervals, cut by the domain's kinks. */
    sealed interface OfElements extends Distribution permits Uniform, LogUniform, Integers, NotDifferentiated {

        /** The intervals it draws from before kinks are cut out, lowest first. */
        List<Segment> range();

        /** How likely {@code piece} is picked among the pieces left once the kinks are cut out. */
        double weight(Segment piece);

        /** Whether {@code piece} holds a value it can draw in {@code precision}. */
        default boolean hasValueIn(Segment piece, Precision precision) {
            return piece.contains(piece.fit(piece.low(), precision));
        }

        /** An element drawn in {@code piece}, in {@code precision}, from {@code random} only. */
        double draw(Segment piece, Precision precision, SplittableRandom random);

        /** Whether {@code x}, inside a piece and representable in the precision, is one of its values. */
        default boolean admits(double x) {
            return true;
        }

        /** The simplest number in {@code piece} that shrinking aims at, or NaN when there is none. */
        default double simplestIn(Segment piece, Simplicity simplicity) {
            return simplicity.simplestIn(piece.low(), piece.high());
        }

        /** About halfway from {@code x} to the simplest value {@code target}, on {@code x}'s side. */
        default double halfway(double x, double target) {
            return x / 2 + target / 2; // (x + target) / 2 overflows for bounds beyond ±Double.MAX_VALUE / 2
        }

        @Override
        default boolean isConstant() {
            return false;
        }
    }

    /** Elements uniform in {@code [low, high]}. */
    record Uniform(double low, double high) implements OfElements {

        @Override
        public List<Segment> range() {
            return List.of(new Segment(low, high));
        }

        @Override
        public double weight(Segment piece) {
            return piece.halfLength();
        }

        @Override
        public double draw(Segment piece, Precision precision, SplittableRandom random) {
            return piece.fit(piece.at(random.nextDouble()), precision);
        }

        @Override
        public String describe() {
            return "uniform(" + low + ", " + high + ")";
        }
    }

    /** Magnitudes log-uniform in {@code [minMagnitude, maxMagnitude]}, of both signs unless {@code positiveOnly}. */
    record LogUniform(double minMagnitude, double maxMagnitude, boolean positiveOnly) implements OfElements {

        @Override
        public List<Segment> range() {
            Segment positive = new Segment(minMagnitude, maxMagnitude);
            return positiveOnly ? List.of(positive) : List.of(new Segment(-maxMagnitude, -minMagnitude), positive);
        }

        @Override
        public double weight(Segment piece) {
            return piece.logLength();
        }

        @Override
        public double draw(Segment piece, Precision precision, SplittableRandom random) {
            double a = Math.log(Math.abs(piece.low()));
            double b = Math.log(Math.abs(piece.high()));
            double magnitude = Math.exp(a + random.nextDouble() * (b - a));
            return piece.fit(piece.high() <= 0 ? -magnitude : magnitude, precision);
        }

        @Override
        public String describe() {
            return (positiveOnly ? "logUniformPositive(" : "logUniform(") + minMagnitude + ", " + maxMagnitude + ")";
        }
    }

    /** Whole numbers uniform in {@code [low, high]}: constant inputs (indices, labels). */
    record Integers(int low, int high) implements OfElements {

        @Override
        public List<Segment> range() {
            return List.of(new Segment(low, high));
        }

        @Override
        public double weight(Segment piece) {
            return Math.floor(piece.high()) - Math.ceil(piece.low()) + 1;
        }

        @Override
        public boolean hasValueIn(Segment piece, Precision precision) {
            return Math.ceil(piece.low()) <= Math.floor(piece.high());
        }

        @Override
        public double draw(Segment piece, Precision precision, SplittableRandom random) {
            long first = (long) Math.ceil(piece.low());
            long count = (long) Math.floor(piece.high()) - first + 1;
            return first + random.nextLong(count);
        }

        @Override
        public boolean admits(double x) {
            return x == Math.rint(x);
        }

        /** Halfway, rounded to a whole number on {@code x}'s side. */
        @Override
        public double halfway(double x, double target) {
            double mid = x / 2 + target / 2;
            return x > target ? Math.ceil(mid) : Math.floor(mid);
        }

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        public String describe() {
            return "integers(" + low + ", " + high + ")";
        }
    }

    /**
     * The elements of {@code drawn}, as a constant input: drawn anew at each try and shrunk like
     * them, but never perturbed or differentiated (a regression target, a mask of noise).
     */
    record NotDifferentiated(OfElements drawn) implements OfElements {

        @Override
        public List<Segment> range() {
            return drawn.range();
        }

        @Override
        public double weight(Segment piece) {
            return drawn.weight(piece);
        }

        @Override
        public boolean hasValueIn(Segment piece, Precision precision) {
            return drawn.hasValueIn(piece, precision);
        }

        @Override
        public double draw(Segment piece, Precision precision, SplittableRandom random) {
            return drawn.draw(piece, precision, random);
        }

        @Override
        public boolean admits(double x) {
            return drawn.admits(x);
        }

        @Override
        public double simplestIn(Segment piece, Simplicity simplicity) {
            return drawn.simplestIn(piece, simplicity);
        }

        @Override
        public double halfway(double x, double target) {
            return drawn.halfway(x, target);
        }

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        public String describe() {
            return drawn.describe() + ".notDifferentiated()";
        }
    }

    /** One value at every try: never drawn, perturbed or shrunk. */
    record Constant(Value value) implements Distribution {

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        public String describe() {
            return "constant(" + value + ")";
        }
    }
}
