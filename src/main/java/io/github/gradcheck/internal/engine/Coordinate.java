package io.github.gradcheck.internal.engine;

import io.github.gradcheck.internal.numeric.StepSize;
import io.github.gradcheck.model.Precision;

/**
 * The coordinate a probe moves, as far as choosing its steps goes (see {@link StepSize}).
 *
 * @param x its value (0 along a direction, whose coordinate is the distance moved)
 * @param typical the typical magnitude of the probed node's values
 * @param precision the precision of the perturbed value
 * @param alongDirection whether the probe moves along a direction (then {@code x} is 0 by
 *     convention, and the measurements that use the coordinate's own value are told it is unknown)
 */
record Coordinate(double x, double typical, Precision precision, boolean alongDirection) {

    /** The coordinate of one element of value {@code x}. */
    Coordinate(double x, double typical, Precision precision) {
        this(x, typical, precision, false);
    }

    /** The coordinate of a probe along a direction: the distance moved. */
    static Coordinate direction(double typical, Precision precision) {
        return new Coordinate(0, typical, precision, true);
    }

    /** The coordinate's value for the confirming measurement: NaN (unknown) along a direction. */
    double valueOrNaN() {
        return alongDirection ? Double.NaN : x;
    }
}
