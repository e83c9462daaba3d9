package io.github.gradcheck.numeric;

import org.apiguardian.api.API;

/**
 * A finite-difference scheme: where to sample a function around a point, and how to turn
 * the samples into a derivative with an error estimate.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface DifferenceScheme {

    /** The order of the truncation error, which decides the step. */
    int order();

    /** The displacements to sample at, for base step {@code h}. */
    double[] offsets(double h);

    /**
     * The derivative from samples.
     *
     * @param displacements the displacements actually used (after rounding), one per offset
     * @param samples the function at each displacement
     * @param noise the absolute rounding noise of one sample (ε times the samples' magnitude)
     */
    Estimate combine(double[] displacements, double[] samples, double noise);
}
