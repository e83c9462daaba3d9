package io.github.gradcheck.input;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.apiguardian.api.API;

/**
 * The seeds of one run of draws, all derived from one master seed: for draw {@code i}, the
 * generator its point is drawn from and the seed of the engine's check of that point (the
 * random cotangent).
 * Derivation depends on nothing but the master seed and {@code i} — not on the thread, the
 * test order or earlier draws — so the master seed alone reproduces every draw.
 *
 * <pre>{@code
 * SeedSequence seeds = SeedSequence.of(1234);
 * Point p = space.point(7, seeds.pointRandom(7));
 * CheckOptions o = CheckOptions.defaults().withSeed(seeds.checkSeed(7));
 * }</pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class SeedSequence {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long master;

    private SeedSequence(long master) {
        this.master = master;
    }

    /**
     * The sequence of a master seed.
     *
     * @param master the master seed, any value
     * @return the sequence; two sequences of the same master give the same seeds
     */
    public static SeedSequence of(long master) {
        return new SeedSequence(master);
    }

    /** {@return a fresh, unpredictable, non-zero master seed, for runs that were given none} */
    public static long freshSeed() {
        long s;
        do {
            s = ThreadLocalRandom.current().nextLong();
        } while (s == 0);
        return s;
    }

    /** {@return the master seed} */
    public long master() {
        return master;
    }

    /**
     * A generator for the point of one draw.
     *
     * @param index the draw number, 0-based
     * @return a new generator, in the same state for the same master seed and index
     */
    public SplittableRandom pointRandom(int index) {
        return new SplittableRandom(derive(2L * index + 1));
    }

    /**
     * The seed for the engine's check of one draw's point (its random cotangent).
     *
     * @param index the draw number, 0-based
     * @return the seed, the same for the same master seed and index
     */
    public long checkSeed(int index) {
        return derive(2L * index + 2);
    }

    /** The {@code k}-th output of the SplitMix64 stream that starts at the master seed. */
    private long derive(long k) {
        long z = master + k * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
