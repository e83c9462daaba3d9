package io.github.gradcheck.numeric;

import org.apiguardian.api.API;

/**
 * Central differences at steps {@code h} and {@code h/2}, extrapolated (Richardson) to
 * fourth order. The change between the two central differences estimates the truncation
 * error; the rounding error is {@code noise / h} amplified by the extrapolation. Four
 * function evaluations per derivative.
 *
 * <p>The estimate is only an estimate: it can be too small where the function changes
 * character within the stencil (a kink, a branch). The checker treats coarse estimates as
 * inconclusive rather than trusting them.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class RichardsonCentralDifference implements DifferenceScheme {

    @Override
    public int order() {
        return 4;
    }

    @Override
    public double[] offsets(double h) {
        return new double[] {h, -h, h / 2, -h / 2};
    }

    @Override
    public Estimate combine(double[] d, double[] f, double noise) {
        double wide = (f[0] - f[1]) / (d[0] - d[1]);
        double narrow = (f[2] - f[3]) / (d[2] - d[3]);
        double extrapolated = narrow + (narrow - wide) / 3;
        double truncation = Math.abs(narrow - wide) / 3;
        double h = Math.max(Math.abs(d[0]), Math.abs(d[1]));
        double rounding = 3 * noise / h;
        return new Estimate(extrapolated, truncation + rounding, h);
    }
}
