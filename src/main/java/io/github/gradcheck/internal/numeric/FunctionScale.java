package io.github.gradcheck.internal.numeric;

import io.github.gradcheck.model.Precision;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Finds the scale on which a probed function varies at the base point, so that difference steps
 * do not cross a feature far smaller than the scale of x (1/x at x = 1e-6, sin(1e6·x), a bump of
 * width 1e-4, tan near its pole), and says so when no step within the budget resolves it.
 *
 * <p>The scan follows the adaptive schemes of DERIVEST and numdifftools (central differences over
 * a long geometric sequence of steps, keeping the region where successive estimates are
 * consistent) with the asymptotic test made explicit: from {@code h₀ = m·s/2} (s the scale of
 * {@link StepSize#scale}, m the mantissa {@link Incommensurate#SCAN}) the step shrinks by
 * {@code e^1.4 ≈ 4.06} per level (not 4: see {@link Incommensurate} on ladders that alias), and at
 * each level both the central difference {@code D(h)} (the odd part of f about x) and the second
 * divided difference {@code E(h)} (the even part) are formed ({@link Stencil}). Where the steps no
 * longer cross a feature, both are in their asymptotic range: their successive changes shrink
 * like {@code h²}, by about 16 per level, with one sign. Before it (steps across a pole, a bump, many
 * periods, a kink) the changes grow or change sign at random. The scale is the second level of
 * the first window of four levels whose three changes, for both parts, either shrink at least
 * 4-fold with one sign or are within the noise of the differences ({@code 3σ/h} and
 * {@code 8σ/h²}; the first level's difference may still be pre-asymptotic), and
 * whose samples move by more than 10σ (a change "within the noise" is no evidence where the noise
 * is as large as the function's variation). Testing the even part too is what keeps a bump that
 * the large steps straddle ({@code D = 0} at every step, consistently) from passing as resolved.
 *
 * <p>The recommended step for a central difference balances the measured truncation
 * ({@code |δ|/(h₂² − h₃²)·h²}, the FiniteDifferences.jl {@code estimate_step} idea with the
 * derivative bound read from the scan) against the noise {@code 3σ/h}; it never exceeds the scale.
 * Where no window is found before the step reaches 64 units in the last place of x or the budget
 * ends, the scale is unresolved and a caller should call the element inconclusive.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class FunctionScale {

    /** The default budget: 20 levels, from about s/3 down to about 1e-12·s. */
    public static final int DEFAULT_BUDGET = 40;

    /** The factor the step shrinks by per level. */
    static final double RATIO = Incommensurate.SCAN_RATIO;

    /** A change consistent with the asymptotic range shrinks at least this much per level (1/16 expected). */
    static final double SHRINK = 0.25;

    /** The samples of the scale's level must move by at least this many σ. */
    static final double SIGNAL = 10;

    /**
     * What a scan found.
     *
     * @since 0.1.0
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public enum Status {
        /** A window of asymptotic levels was found: the scale is known. */
        RESOLVED,
        /** No such window within the budget or above the resolution of x: the element is inconclusive. */
        UNRESOLVED,
        /** No level had finite samples on both sides: the edge of the function's domain. */
        NOT_FINITE
    }

    /**
     * The result of a scan.
     *
     * @param status what the scan found
     * @param scale the largest step whose central difference was already asymptotic (NaN unless resolved):
     *     steps up to it do not cross the function's features; the start for a Richardson ladder
     * @param step the recommended step for a single central difference, at most {@code scale}
     *     (NaN unless resolved)
     * @param estimate the derivative extrapolated from the window (value NaN and error infinite
     *     unless resolved); a by-product, not a confirmation
     * @param evaluations the distinct evaluations asked for (the base point not counted)
     * @param levels how many steps were tried
     * @since 0.1.0
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public record Scale(Status status, double scale, double step, Estimate estimate, int evaluations, int levels) {

        /** {@return whether the scale was found} */
        public boolean resolved() {
            return status == Status.RESOLVED;
        }
    }

    private FunctionScale() {
    }

    /**
     * Scans cotangent {@code k} of the probe for the scale of the function at the base point.
     *
     * @param probe the probed output
     * @param k the cotangent
     * @param x the probed coordinate's value (NaN when unknown, e.g. along a direction: the
     *     displacements are then taken as asked, and the scan starts at the scale of 1)
     * @param typicalScale the typical magnitude of values like x (0 when unknown)
     * @param precision the precision of the perturbed value
     * @param sigma the measured noise of the samples ({@link Noise#sigma}; 0 when none was measured)
     * @param epsilon the unit roundoff of the output's type: the per-sample noise level is
     *     {@code max(σ, ε·F/2)}
     * @param budget the most evaluations to spend (2 per level)
     * @return the scale, a recommended step, and what they cost
     */
    public static Scale find(Probe probe, int k, double x, double typicalScale, Precision precision, double sigma,
                             double epsilon, int budget) {
        CountingProbe counted = new CountingProbe(probe);
        double s = StepSize.scale(Double.isNaN(x) ? 0 : x, typicalScale);
        double smallest = Math.max(64 * Incommensurate.ulp(x, precision), Double.MIN_NORMAL);
        double first = s * Incommensurate.SCAN / 2;
        List<Stencil.Level> levels = new ArrayList<>();
        boolean anyFinite = false;
        int tried = 0;
        for (double h = first; h >= smallest && counted.evaluations() + 2 <= budget; h /= RATIO) {
            tried++;
            Stencil.Level level = Stencil.at(counted, k, x, precision, h, first, sigma, epsilon);
            if (level == null) {
                levels.clear(); // a window never spans a level outside the domain
                continue;
            }
            anyFinite = true;
            levels.add(level);
            int n = levels.size();
            if (n >= 4 && asymptotic(levels.subList(n - 4, n))) {
                return resolved(levels.subList(n - 4, n), smallest, counted.evaluations(), tried);
            }
        }
        Status status = anyFinite ? Status.UNRESOLVED : Status.NOT_FINITE;
        return new Scale(status, Double.NaN, Double.NaN, new Estimate(Double.NaN, Double.POSITIVE_INFINITY, Double.NaN),
                counted.evaluations(), tried);
    }

    /** Whether four consecutive levels are in the asymptotic range, for the odd and the even part. */
    private static boolean asymptotic(List<Stencil.Level> w) {
        if (!(w.get(1).moved() >= SIGNAL * w.get(1).sigma())) {
            return false;
        }
        return Stencil.keepsTheLaw(w.get(0), w.get(1), w.get(2), SHRINK)
                && Stencil.keepsTheLaw(w.get(1), w.get(2), w.get(3), SHRINK);
    }

    private static Scale resolved(List<Stencil.Level> w, double smallest, int evaluations, int tried) {
        double scale = w.get(1).h();
        Tableau tableau = new Tableau(2);
        for (int i = 1; i < 4; i++) {
            tableau.add(w.get(i).h(), w.get(i).odd(), w.get(i).sigma());
        }
        Stencil.Level l2 = w.get(2);
        Stencil.Level l3 = w.get(3);
        double change = Math.abs(l2.odd() - l3.odd());
        double step = scale;
        if (change > l2.oddNoise() + l3.oddNoise()) {
            double truncation = change / (l2.h() * l2.h() - l3.h() * l3.h()); // about |f'''|/6
            double optimum = Math.cbrt(Stencil.ODD_NOISE * l3.sigma() / (2 * truncation));
            step = Math.max(Math.min(optimum, scale), smallest);
        }
        return new Scale(Status.RESOLVED, scale, step, tableau.best(), evaluations, tried);
    }
}
