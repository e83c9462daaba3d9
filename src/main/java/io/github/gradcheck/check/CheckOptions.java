package io.github.gradcheck.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How a check is run. Immutable; {@code with...} methods return a modified copy.
 *
 * <pre>{@code
 * CheckOptions options = CheckOptions.defaults().withSeed(42).withCotangents(CotangentMode.FULL_JACOBIAN);
 * CheckOptions dropout = CheckOptions.defaults().withReset(() -> rng.setSeed(7));
 * CheckOptions flatSpot = CheckOptions.defaults().withDeviation("x", "flat spot: σ'(x) + 0.1 on purpose");
 * }</pre>
 *
 * @param seed the seed of every random choice (the random cotangent)
 * @param cotangents how a non-scalar output is reduced to a scalar
 * @param tolerance how measurements become verdicts
 * @param deviations the nodes whose gradients deviate on purpose, with why (see {@link #withDeviation})
 * @param nondeterminismTolerance the relative difference accepted between two evaluations at the
 *     same point (0: they must be bit-identical)
 * @param reset run before every evaluation of the subject's code, to reset its randomness
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record CheckOptions(long seed, CotangentMode cotangents, TolerancePolicy tolerance, Map<String, String> deviations,
                           double nondeterminismTolerance, Runnable reset) {

    /** The default seed: fixed, so that a plain check is reproducible. */
    public static final long DEFAULT_SEED = 0x5EEDL;

    private static final Runnable NO_RESET = () -> { };

    /** Validates and copies the deviations. */
    public CheckOptions {
        Objects.requireNonNull(cotangents, "cotangents");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(reset, "reset");
        deviations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deviations));
        if (!(nondeterminismTolerance >= 0) || nondeterminismTolerance >= 1) {
            throw new IllegalArgumentException("the nondeterminism tolerance is a relative difference in [0, 1), got "
                    + nondeterminismTolerance);
        }
    }

    /** Options with no declared deviation, exact determinism required and no reset hook. */
    public CheckOptions(long seed, CotangentMode cotangents, TolerancePolicy tolerance) {
        this(seed, cotangents, tolerance, Map.of(), 0, NO_RESET);
    }

    /** Seed {@link #DEFAULT_SEED}, a random cotangent, the default tolerance policy. */
    public static CheckOptions defaults() {
        return new CheckOptions(DEFAULT_SEED, CotangentMode.RANDOM, TolerancePolicy.defaults());
    }

    /** A copy with another seed. */
    public CheckOptions withSeed(long newSeed) {
        return new CheckOptions(newSeed, cotangents, tolerance, deviations, nondeterminismTolerance, reset);
    }

    /** A copy with another cotangent mode. */
    public CheckOptions withCotangents(CotangentMode mode) {
        return new CheckOptions(seed, mode, tolerance, deviations, nondeterminismTolerance, reset);
    }

    /** A copy with another tolerance policy. */
    public CheckOptions withTolerance(TolerancePolicy policy) {
        return new CheckOptions(seed, cotangents, policy, deviations, nondeterminismTolerance, reset);
    }

    /**
     * A copy that declares an intended deviation: the claimed gradient of {@code node} differs
     * from the true one on purpose (e.g. a "flat spot" constant added to a derivative). Where
     * the check finds that node to be the first wrong one, it reports "deviates as declared"
     * with {@code why} instead of failing, and so for the nodes that are wrong only because of
     * it. A wrong node whose error does not come from a declared deviation still fails.
     */
    public CheckOptions withDeviation(String node, String why) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(why, "why");
        Map<String, String> more = new LinkedHashMap<>(deviations);
        more.put(node, why);
        return new CheckOptions(seed, cotangents, tolerance, more, nondeterminismTolerance, reset);
    }

    /**
     * A copy that accepts evaluations at the same point differing by up to {@code relative}
     * (relative to the largest element of the node), e.g. for parallel reductions whose order
     * varies. The difference is then also counted as noise of every measurement.
     */
    public CheckOptions withNondeterminismTolerance(double relative) {
        return new CheckOptions(seed, cotangents, tolerance, deviations, relative, reset);
    }

    /**
     * A copy that runs {@code hook} before every evaluation of the subject (forward, backward
     * and every perturbed re-evaluation), e.g. to reseed the random generator of a dropout
     * layer so that every evaluation draws the same mask.
     */
    public CheckOptions withReset(Runnable hook) {
        return new CheckOptions(seed, cotangents, tolerance, deviations, nondeterminismTolerance,
                Objects.requireNonNull(hook, "hook"));
    }
}
