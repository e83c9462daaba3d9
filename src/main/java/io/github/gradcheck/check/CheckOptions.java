package io.github.gradcheck.check;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How a check is run. Immutable; {@code with...} methods return a modified copy.
 *
 * <pre>{@code
 * CheckOptions options = CheckOptions.defaults().withSeed(42).withCotangents(CotangentMode.FULL_JACOBIAN);
 * }</pre>
 *
 * @param seed the seed of every random choice (the random cotangent)
 * @param cotangents how a non-scalar output is reduced to a scalar
 * @param tolerance how measurements become verdicts
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record CheckOptions(long seed, CotangentMode cotangents, TolerancePolicy tolerance) {

    /** The default seed: fixed, so that a plain check is reproducible. */
    public static final long DEFAULT_SEED = 0x5EEDL;

    /** Validates. */
    public CheckOptions {
        Objects.requireNonNull(cotangents, "cotangents");
        Objects.requireNonNull(tolerance, "tolerance");
    }

    /** Seed {@link #DEFAULT_SEED}, a random cotangent, the default tolerance policy. */
    public static CheckOptions defaults() {
        return new CheckOptions(DEFAULT_SEED, CotangentMode.RANDOM, TolerancePolicy.defaults());
    }

    /** A copy with another seed. */
    public CheckOptions withSeed(long newSeed) {
        return new CheckOptions(newSeed, cotangents, tolerance);
    }

    /** A copy with another cotangent mode. */
    public CheckOptions withCotangents(CotangentMode mode) {
        return new CheckOptions(seed, mode, tolerance);
    }

    /** A copy with another tolerance policy. */
    public CheckOptions withTolerance(TolerancePolicy policy) {
        return new CheckOptions(seed, cotangents, policy);
    }
}
