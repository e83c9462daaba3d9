package io.github.gradcheck.check;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import io.github.gradcheck.subject.Subject;
import org.apiguardian.api.API;

/**
 * How a check is run. Immutable; {@code with...} methods return a modified copy.
 *
 * <pre>{@code
 * CheckOptions options = CheckOptions.defaults().withSeed(42).withCotangents(CotangentMode.FULL_JACOBIAN);
 * CheckOptions dropout = CheckOptions.defaults().withReset(() -> rng.setSeed(7));
 * CheckOptions flatSpot = CheckOptions.defaults().withDeviation("x", "flat spot: σ'(x) + 0.1 on purpose");
 * CheckOptions big = CheckOptions.defaults().withMode(CheckMode.FAST).withParallelism(2);
 * CheckOptions copies = CheckOptions.defaults().withParallelism(2).withSubjectCopies(() -> buildNetwork(weights));
 * CheckOptions bounded = CheckOptions.defaults().withTimeLimit(Duration.ofSeconds(30)).withBudget(100_000);
 * }</pre>
 *
 * @param seed the seed of every random choice (the random cotangent)
 * @param cotangents how a non-scalar output is reduced to a scalar
 * @param tolerance how measurements become verdicts
 * @param deviations the nodes whose gradients deviate on purpose, with why (see {@link #withDeviation})
 * @param nondeterminismTolerance the relative difference accepted between two evaluations at the
 *     same point (0: they must be bit-identical)
 * @param reset run before every evaluation of the subject's code, to reset its randomness
 * @param mode how much of every node is measured ({@link CheckMode#AUTO}: by size)
 * @param sampleSize the elements sampled per node in {@link CheckMode#FAST fast} and
 *     {@link CheckMode#SAMPLED sampled} mode
 * @param directions the Gaussian random directions per node in fast mode
 * @param parallelism how many threads measure independent probes; more than one only takes
 *     effect for a subject that {@linkplain Subject#isPure() is pure} or with
 *     {@linkplain #withSubjectCopies copies} of a stateful one
 * @param subjectCopies makes independent copies of the subject for parallel probes; null when none
 * @param timeLimit the longest one check may take ({@link Duration#ZERO}: no limit, the default);
 *     see {@link #withTimeLimit}
 * @param budget the most forward evaluations an explicitly requested {@link CheckMode#FULL full}
 *     check may be expected to cost (see {@link #withBudget})
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record CheckOptions(long seed, CotangentMode cotangents, TolerancePolicy tolerance, Map<String, String> deviations,
                           double nondeterminismTolerance, Runnable reset, CheckMode mode, int sampleSize,
                           int directions, int parallelism, Supplier<? extends Subject> subjectCopies,
                           Duration timeLimit, long budget) {

    /** The default seed: fixed, so that a plain check is reproducible. */
    public static final long DEFAULT_SEED = 0x5EEDL;

    /**
     * {@link CheckMode#AUTO} checks every element while the checked nodes have at most this many
     * elements in all, and runs {@link CheckMode#FAST fast} above.
     */
    public static final int AUTO_FULL_LIMIT = 4096;

    /** The default {@link #sampleSize()}. */
    public static final int DEFAULT_SAMPLE_SIZE = 8;

    /** The default number of random {@link #directions()} per node in fast mode. */
    public static final int DEFAULT_DIRECTIONS = 2;

    /** No time limit: {@link #timeLimit()} of the defaults. */
    public static final Duration NO_TIME_LIMIT = Duration.ZERO;

    /** The default {@link #budget()}: {@value} forward evaluations. */
    public static final long DEFAULT_BUDGET = 1_000_000L;

    static final Runnable NO_RESET = () -> { };

    /** Validates and copies the deviations. */
    public CheckOptions {
        Objects.requireNonNull(cotangents, "cotangents");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(deviations, "deviations");
        deviations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deviations));
        if (!(nondeterminismTolerance >= 0) || nondeterminismTolerance >= 1) {
            throw new IllegalArgumentException("the nondeterminism tolerance is a relative difference in [0, 1), got "
                    + nondeterminismTolerance);
        }
        if (sampleSize < 1) {
            throw new IllegalArgumentException("the sample size is the number of elements checked per node in fast"
                    + " and sampled mode and must be at least 1, got " + sampleSize);
        }
        if (directions < 1) {
            throw new IllegalArgumentException("fast mode needs at least 1 random direction per node, got "
                    + directions);
        }
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative()) {
            throw new IllegalArgumentException("the time limit of a check must be positive (or Duration.ZERO for"
                    + " none), got " + timeLimit);
        }
        if (budget < 1) {
            throw new IllegalArgumentException("the evaluation budget is a number of forward evaluations and must be"
                    + " at least 1, got " + budget);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("the parallelism is a number of threads and must be at least 1, got "
                    + parallelism);
        }
    }

    /** Options of a full check in one thread (the canonical constructor of earlier versions). */
    public CheckOptions(long seed, CotangentMode cotangents, TolerancePolicy tolerance, Map<String, String> deviations,
                        double nondeterminismTolerance, Runnable reset) {
        this(seed, cotangents, tolerance, deviations, nondeterminismTolerance, reset, CheckMode.AUTO,
                DEFAULT_SAMPLE_SIZE, DEFAULT_DIRECTIONS, 1, null, NO_TIME_LIMIT, DEFAULT_BUDGET);
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
        return new CheckOptions(newSeed, cotangents, tolerance, deviations, nondeterminismTolerance, reset,
                mode, sampleSize, directions, parallelism, subjectCopies, timeLimit, budget);
    }

    /** A copy with another cotangent mode. */
    public CheckOptions withCotangents(CotangentMode cotangentMode) {
        return new CheckOptions(seed, cotangentMode, tolerance, deviations, nondeterminismTolerance, reset,
                mode, sampleSize, directions, parallelism, subjectCopies, timeLimit, budget);
    }

    /** A copy with another tolerance policy. */
    public CheckOptions withTolerance(TolerancePolicy policy) {
        return new CheckOptions(seed, cotangents, policy, deviations, nondeterminismTolerance, reset,
                mode, sampleSize, directions, parallelism, subjectCopies, timeLimit, budget);
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
        return new CheckOptions(seed, cotangents, tolerance, more, nondeterminismTolerance, reset,
                mode, sampleSize, directions, parallelism, subjectCopies, timeLimit, budget);
    }

    /**
     * A copy that accepts evaluations at the same point differing by up to {@code relative}
     * (relative to the largest element of the node), e.g. for parallel reductions whose order
     * varies. The difference is then also counted as noise of every measurement.
     */
    public CheckOptions withNondeterminismTolerance(double relative) {
        return new CheckOptions(seed, cotangents, tolerance, deviations, relative, reset,
                mode, sampleSize, directions, parallelism, subjectCopies, timeLimit, budget);
    }

    /**
     * A copy that runs {@code hook} before every evaluation of the subject (forward, backward
     * and every perturbed re-evaluation), e.g. to reseed the random generator of a dropout
     * layer so that every evaluation draws the same mask.
     */
    public CheckOptions withReset(Runnable hook) {
        return new CheckOptions(seed, cotangents, tolerance, deviations, nondeterminismTolerance,
                Objects.requireNonNull(hook, "hook"), mode, sampleSize, directions, parallelism, subjectCopies, timeLimit, budget);
    }

    /**
     * A copy that measures in {@code newMode}: {@link CheckMode#FULL} every element,
     * {@link CheckMode#FAST} random directions plus sampled elements, {@link CheckMode#SAMPLED}
     * sampled elements, {@link CheckMode#AUTO} chosen by size.
     */
    public CheckOptions withMode(CheckMode newMode) {
        return new CheckOptions(seed, cotangents, tolerance, deviations, nondeterminismTolerance, reset,
                Objects.requireNonNull(newMode, "mode"), sampleSize, directions, parallelism, subjectCopies, timeLimit, budget);
    }

    /** A copy that samples {@code elements} elements per node in fast and sampled mode (at least 1). */
    public CheckOptions withSampleSize(int elements) {
        return new CheckOptions(seed, cotangents, tolerance, deviations, nondeterminismTolerance, reset, mode,
                elements, directions, parallelism, subjectCopies, timeLimit, budget);
    }

    /** A copy that draws {@code count} Gaussian random directions per node in fast mode (at least 1). */
    public CheckOptions withDirections(int count) {
        return new CheckOptions(seed, cotangents, tolerance, deviations, nondeterminismTolerance, reset, mode,
                sampleSize, count, parallelism, subjectCopies, timeLimit, budget);
    }

    /**
     * A copy that measures independent probes on {@code threads} threads, when that is safe: the
     * subject {@linkplain Subject#isPure() declares itself pure}, or {@link #withSubjectCopies}
     * supplies independent copies of it. A stateful subject without copies is always measured in
     * one thread. The report is the same as in one thread (same order, numbers and counts); only
     * the wall time differs. The {@link #withReset reset hook} is then called from several threads,
     * one call at a time.
     */
    public CheckOptions withParallelism(int threads) {
        return new CheckOptions(seed, cotangents, tolerance, deviations, nondeterminismTolerance, reset, mode,
                sampleSize, directions, threads, subjectCopies, timeLimit, budget);
    }

    /**
     * A copy that may measure a stateful subject on several threads (see {@link #withParallelism}),
     * each thread with its own copy made by {@code copies}: every call must return a new,
     * independent subject in the same state as the checked one (e.g. the same network built
     * again with the same weights). Each copy's forward is compared with the subject's before it
     * is used; a copy that differs stops the check with an error. These comparisons are not
     * counted as evaluations, so that the report equals the one-thread report.
     */
    public CheckOptions withSubjectCopies(Supplier<? extends Subject> copies) {
        return new CheckOptions(seed, cotangents, tolerance, deviations, nondeterminismTolerance, reset, mode,
                sampleSize, directions, parallelism, Objects.requireNonNull(copies, "copies"), timeLimit, budget);
    }

    /**
     * A copy that ends a check taking longer than {@code limit} with a
     * {@link CheckAbortedException} ({@link CheckAbortedException.Reason#TIME_LIMIT}) naming the
     * subject, the node being measured and the limit; {@link Duration#ZERO} (the default) sets
     * no limit. With a limit the check runs on a worker thread of its own: when the limit is hit,
     * that thread is interrupted and, up to {@link #TIME_LIMIT_GRACE} later, awaited, so that
     * every parameter your code perturbs in place is restored before the exception is thrown. If
     * your code ignores the interrupt and is still running then, the message says so and names
     * the node whose value your code may still be perturbing; the check itself then stops at
     * the next evaluation and restores it when your code returns.
     *
     * @since 0.1.0
     */
    public CheckOptions withTimeLimit(Duration limit) {
        return new CheckOptions(seed, cotangents, tolerance, deviations, nondeterminismTolerance, reset, mode,
                sampleSize, directions, parallelism, subjectCopies, Objects.requireNonNull(limit, "limit"), budget);
    }

    /** How long a check waits for the user's code to stop after a time limit interrupted it. */
    public static final Duration TIME_LIMIT_GRACE = Duration.ofSeconds(2);

    /** {@return whether a {@linkplain #withReset reset hook} was given} */
    public boolean hasReset() {
        return reset != NO_RESET;
    }

    /** Whether a {@linkplain #withTimeLimit time limit} is set. */
    public boolean hasTimeLimit() {
        return !timeLimit.isZero();
    }

    /**
     * A copy with another evaluation budget: a check in explicitly requested
     * {@link CheckMode#FULL} mode whose estimated cost (at least 6 forward evaluations per
     * checked element) exceeds {@code maxForwardEvaluations} is refused before it starts, with
     * a {@link CheckAbortedException} ({@link CheckAbortedException.Reason#BUDGET}) that states
     * the estimate and suggests {@link CheckMode#FAST} or {@link CheckMode#SAMPLED}.
     * {@link CheckMode#AUTO} never needs it: it runs fast above {@value #AUTO_FULL_LIMIT}
     * elements. The default is {@value #DEFAULT_BUDGET}.
     *
     * @since 0.1.0
     */
    public CheckOptions withBudget(long maxForwardEvaluations) {
        return new CheckOptions(seed, cotangents, tolerance, deviations, nondeterminismTolerance, reset, mode,
                sampleSize, directions, parallelism, subjectCopies, timeLimit, maxForwardEvaluations);
    }
}
