package io.github.gradcheck.internal.engine;

import io.github.gradcheck.internal.numeric.StepSize;
import io.github.gradcheck.model.Precision;

/**
 * The coordinate a probe moves, as far as choosing its steps goes (see {@link StepSize}).
 *
 * @param x its value (0 along a direction, whose coordinate is the distance moved)
 * @param typical the typical magnitude of the probed node's values
 * @param precision the precision of the perturbed value
 */
record Coordinate(double x, double typical, Precision precision) {
}
