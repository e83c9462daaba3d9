package io.github.gradcheck.internal.numeric;

import io.github.gradcheck.model.Precision;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Second derivatives from second differences of a function, for Hessians checked without a
 * (verified) gradient: ∂²f/∂x<sub>i</sub>² from {@code f(x+h) − 2f(x) + f(x−h)} and
 * ∂²f/∂x<sub>i</sub>∂x<sub>j</sub> from {@code f(x+h,y+h) − f(x+h,y−h) − f(x−h,y+h) + f(x−h,y−h)},
 * each with the displacements actually applied (both formulas are exact for quadratics), extrapolated
 * in a Ridders tableau (the error is even in h) from several starting steps, cross-checked as in
 * {@link RobustDifference}: the error is the largest of the two best runs' errors, their rounding
 * floors and their disagreement.
 *
 * <p>The rounding floor of a second difference falls as 1/h², not 1/h: {@code 8·ε·F/h²} for the
 * diagonal, {@code 32·ε·F/(Δa·Δb)} for a mixed entry, F the largest |f| sampled (extrapolated
 * entries count it twice). The resolution is correspondingly coarser than that of first
 * differences of a gradient, most of all for small entries and noisy functions, which reports say.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class SecondDifference {

    /** The steps of one run. */
    static final int LEVELS = 8;

    /** The starting steps as fractions of the scale s = max(|x|, typical, 1): s/4, s/32, s/256. */
    private static final double[] FRACTIONS = {1.0 / 4, 1.0 / 32, 1.0 / 256};

    /**
     * The function on a plane through the point: f at x + a·e<sub>i</sub> + b·e<sub>j</sub>, i ≠ j.
     * Implementations should cache: runs share steps.
     */
    @FunctionalInterface
    public interface Plane {

        /**
         * The function at nominal displacements {@code a} and {@code b}.
         *
         * @param a the displacement of the first coordinate
         * @param b the displacement of the second
         * @return the value, with the displacements actually applied
         */
        PlaneSample at(double a, double b);
    }

    /**
     * One evaluation on a plane.
     *
     * @param a the displacement actually applied to the first coordinate
     * @param b the displacement actually applied to the second
     * @param value the function's value there
     */
    public record PlaneSample(double a, double b, double value) {
    }

    private SecondDifference() {
    }

    /**
     * The starting steps for a coordinate at {@code x}: powers of two times the scale, at least 64
     * units in the last place of {@code x}.
     *
     * @param x the coordinate's value
     * @param typical the typical magnitude of its value (0 when unknown)
     * @param precision its precision
     * @return the starts, largest first
     */
    public static double[] starts(double x, double typical, Precision precision) {
        double s = StepSize.scale(x, typical);
        double ulp = precision == Precision.FLOAT ? Math.ulp((float) x) : Math.ulp(x);
        double[] out = new double[FRACTIONS.length];
        for (int i = 0; i < out.length; i++) {
            double h = s * FRACTIONS[i];
            while (h < 64 * ulp) {
                h *= 2;
            }
            out[i] = h;
        }
        return out;
    }

    /**
     * ∂²f/∂x² along one coordinate, from a probe of it (cotangent {@code k} of its samples).
     *
     * @param line the function along the coordinate (offset 0 is the point)
     * @param k which cotangent of the samples to read (0 for a scalar function)
     * @param starts the starting steps, see {@link #starts}
     * @param epsilon the relative rounding noise of one evaluation
     * @return the estimate; its value NaN when no run had finite samples
     */
    public static Estimate diagonal(Probe line, int k, double[] starts, double epsilon) {
        List<Run> runs = new ArrayList<>();
        Sample centre = line.at(0);
        for (double start : starts) {
            double[] values = new double[LEVELS];
            double[] floors = new double[LEVELS];
            double[] steps = new double[LEVELS];
            int n = 0;
            double h = start;
            for (int level = 0; level < LEVELS; level++, h /= 2) {
                Sample plus = line.at(h);
                Sample minus = line.at(-h);
                if (!plus.finite() || !minus.finite() || !centre.finite()) {
                    if (n == 0) {
                        continue;
                    }
                    break;
                }
                double dp = plus.displacement();
                double dm = minus.displacement();
                double f0 = centre.value(k);
                values[n] = 2 * ((plus.value(k) - f0) / dp - (f0 - minus.value(k)) / (-dm)) / (dp - dm);
                double magnitude = Math.max(Math.abs(f0), Math.max(Math.abs(plus.value(k)), Math.abs(minus.value(k))));
                double d = Math.min(dp, -dm);
                floors[n] = 8 * epsilon * magnitude / (d * d);
                steps[n] = d;
                n++;
            }
            runs.add(Run.extrapolate(values, floors, steps, n));
        }
        return combine(runs);
    }

    /**
     * ∂²f/∂x<sub>i</sub>∂x<sub>j</sub>, i ≠ j, from the function on the plane of the two coordinates.
     *
     * @param plane the function on the plane
     * @param startsA the starting steps of the first coordinate
     * @param startsB the starting steps of the second; the runs pair them in order
     * @param epsilon the relative rounding noise of one evaluation
     * @return the estimate; its value NaN when no run had finite samples
     */
    public static Estimate mixed(Plane plane, double[] startsA, double[] startsB, double epsilon) {
        List<Run> runs = new ArrayList<>();
        for (int r = 0; r < Math.min(startsA.length, startsB.length); r++) {
            double[] values = new double[LEVELS];
            double[] floors = new double[LEVELS];
            double[] steps = new double[LEVELS];
            int n = 0;
            double ha = startsA[r];
            double hb = startsB[r];
            for (int level = 0; level < LEVELS; level++, ha /= 2, hb /= 2) {
                PlaneSample pp = plane.at(ha, hb);
                PlaneSample pm = plane.at(ha, -hb);
                PlaneSample mp = plane.at(-ha, hb);
                PlaneSample mm = plane.at(-ha, -hb);
                boolean finite = Double.isFinite(pp.value()) && Double.isFinite(pm.value())
                        && Double.isFinite(mp.value()) && Double.isFinite(mm.value());
                if (!finite) {
                    if (n == 0) {
                        continue;
                    }
                    break;
                }
                double da = pp.a() - mm.a();
                double db = pp.b() - mm.b();
                values[n] = (pp.value() - pm.value() - mp.value() + mm.value()) / (da * db);
                double magnitude = Math.max(Math.max(Math.abs(pp.value()), Math.abs(pm.value())),
                        Math.max(Math.abs(mp.value()), Math.abs(mm.value())));
                floors[n] = 32 * epsilon * magnitude / Math.abs(da * db);
                steps[n] = Math.min(Math.abs(da), Math.abs(db)) / 2;
                n++;
            }
            runs.add(Run.extrapolate(values, floors, steps, n));
        }
        return combine(runs);
    }

    /** One run's answer: the tableau entry whose change from its neighbours, floored, is least. */
    private record Run(double value, double error, double floor, double step) {

        double bound() {
            return Math.max(error, floor);
        }

        static Run extrapolate(double[] values, double[] floors, double[] steps, int n) {
            if (n == 0) {
                return new Run(Double.NaN, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0);
            }
            double[][] a = new double[n][n];
            double best = values[0];
            double bestError = Double.POSITIVE_INFINITY;
            double bestFloor = floors[0];
            double bestStep = steps[0];
            for (int level = 0; level < n; level++) {
                a[0][level] = values[level];
                double factor = 4;
                for (int j = 1; j <= level; j++, factor *= 4) {
                    a[j][level] = (factor * a[j - 1][level] - a[j - 1][level - 1]) / (factor - 1);
                    double change = Math.max(Math.abs(a[j][level] - a[j - 1][level]),
                            Math.abs(a[j][level] - a[j - 1][level - 1]));
                    // an extrapolated entry amplifies the noise of its finest difference by about 2
                    double floor = 2 * floors[level];
                    if (!(Double.isFinite(change) && Double.isFinite(a[j][level]))) {
                        continue;
                    }
                    if (Math.max(change, floor) <= Math.max(bestError, bestFloor)) {
                        bestError = change;
                        bestFloor = floor;
                        best = a[j][level];
                        bestStep = steps[level];
                    }
                }
            }
            return new Run(best, bestError, bestFloor, bestStep);
        }
    }

    /** The best run, cross-checked with the next best: their errors, floors and disagreement. */
    private static Estimate combine(List<Run> runs) {
        int best = -1;
        for (int r = 0; r < runs.size(); r++) {
            if (Double.isFinite(runs.get(r).value()) && (best < 0 || runs.get(r).bound() < runs.get(best).bound())) {
                best = r;
            }
        }
        if (best < 0) {
            return new Estimate(Double.NaN, Double.POSITIVE_INFINITY, 0);
        }
        int second = -1;
        for (int r = 0; r < runs.size(); r++) {
            if (r != best && Double.isFinite(runs.get(r).value())
                    && (second < 0 || runs.get(r).bound() < runs.get(second).bound())) {
                second = r;
            }
        }
        Run first = runs.get(best);
        double error = first.bound();
        if (second >= 0) {
            Run s = runs.get(second);
            error = Math.max(error, Math.max(s.bound(), Math.abs(first.value() - s.value())));
        } else {
            error = Math.max(error, 0.1 * Math.abs(first.value()));
        }
        return new Estimate(first.value(), error, first.step());
    }
}
