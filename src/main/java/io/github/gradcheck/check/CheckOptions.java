package io.github.gradcheck.check;

import io.github.gradcheck.internal.subject.NamePattern;
import io.github.gradcheck.subject.Subject;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * How a check is run. Immutable: each {@code with...} method returns a modified copy, and
 * {@link #builder()} or {@link #toBuilder()} sets several options at once.
 *
 * <pre>{@code
 * CheckOptions options = CheckOptions.defaults().withSeed(42).withCotangents(CotangentMode.FULL_JACOBIAN);
 * CheckOptions dropout = CheckOptions.defaults().withReset(() -> rng.setSeed(7));
 * CheckOptions flatSpot = CheckOptions.defaults().withDeviation("x", Deviation.atMost("flat spot: σ'(x) + 0.1 on purpose", 0.1));
 * CheckOptions big = CheckOptions.builder().mode(CheckMode.FAST).parallelism(2).build();
 * CheckOptions copies = CheckOptions.defaults().withParallelism(2).withSubjectCopies(() -> buildNetwork(weights));
 * CheckOptions bounded = CheckOptions.defaults().withTimeLimit(Duration.ofSeconds(30)).withBudget(100_000);
 * CheckOptions float32 = CheckOptions.defaults().withDoubleReference(sameNetworkInDouble);
 * }</pre>
 *
 * <p>Every option is validated where it is set (a builder setter, a {@code with...} method or the
 * canonical constructor): an invalid value, null included, is refused with an exception whose
 * message names the option and says what to pass instead.
 *
 * @param seed the seed of every random choice (the random cotangent, sampled elements and
 *     random directions)
 * @param cotangents how a non-scalar output is reduced to a scalar
 * @param tolerance how measurements become verdicts
 * @param deviations the nodes whose gradients deviate on purpose, with what they should be and why (see
 *     {@link #withDeviation(String, Deviation)})
 * @param nondeterminismTolerance the relative difference accepted between two evaluations at the
 *     same point (0: they must be bit-identical)
 * @param reset run before every evaluation of the subject's code, to reset its randomness; a hook
 *     that does nothing unless one {@linkplain #hasReset() was given}
 * @param mode how much of every node is measured ({@link CheckMode#AUTO}: by size)
 * @param sampleSize the elements sampled per node in {@link CheckMode#FAST fast} and
 *     {@link CheckMode#SAMPLED sampled} mode
 * @param directions the Gaussian random directions per node in fast mode
 * @param parallelism how many threads measure independent probes; more than one only takes
 *     effect for a subject that {@linkplain Subject#isPure() is pure} or with
 *     {@linkplain #withSubjectCopies copies} of a stateful one
 * @param subjectCopies makes independent copies of the subject for parallel probes, if given
 *     (see {@link #withSubjectCopies})
 * @param timeLimit the longest one check may take ({@link Duration#ZERO}: no limit, the default);
 *     see {@link #withTimeLimit}
 * @param budget the most forward evaluations an explicitly requested {@link CheckMode#FULL full}
 *     check may be expected to cost (see {@link #withBudget})
 * @param doubleReference the same computation in double on which a float subject's true gradients
 *     are measured, if given (see {@link #withDoubleReference})
 * @param graphChecks what is measured of a graph whose backward gradcheck composes (see
 *     {@link #withGraphChecks}); {@link GraphChecks#LOCAL_AND_END_TO_END} by default
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record CheckOptions(long seed, CotangentMode cotangents, TolerancePolicy tolerance, Map<String, Deviation> deviations,
                           double nondeterminismTolerance, Runnable reset, CheckMode mode, int sampleSize,
                           int directions, int parallelism, Optional<Supplier<? extends Subject>> subjectCopies,
                           Duration timeLimit, long budget, Optional<Subject> doubleReference,
                           GraphChecks graphChecks) {

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

    /** How long a check waits for the user's code to stop after a time limit interrupted it. */
    public static final Duration TIME_LIMIT_GRACE = Duration.ofSeconds(2);

    /** The reset hook of options that were given none. */
    private static final Runnable NO_RESET = () -> { };

    /**
     * Validates every option and copies the deviations.
     *
     * @param seed see {@link #seed()}
     * @param cotangents see {@link #cotangents()}
     * @param tolerance see {@link #tolerance()}
     * @param deviations see {@link #deviations()}
     * @param nondeterminismTolerance see {@link #nondeterminismTolerance()}
     * @param reset see {@link #reset()}
     * @param mode see {@link #mode()}
     * @param sampleSize see {@link #sampleSize()}
     * @param directions see {@link #directions()}
     * @param parallelism see {@link #parallelism()}
     * @param subjectCopies see {@link #subjectCopies()}
     * @param timeLimit see {@link #timeLimit()}
     * @param budget see {@link #budget()}
     * @param doubleReference see {@link #doubleReference()}
     * @param graphChecks see {@link #graphChecks()}
     * @throws IllegalArgumentException when an option is out of range; the message names it
     * @throws NullPointerException when an option is null; the message names it
     */
    public CheckOptions {
        requireCotangents(cotangents);
        requireTolerance(tolerance);
        deviations = Collections.unmodifiableMap(requireDeviations(deviations));
        requireNondeterminismTolerance(nondeterminismTolerance);
        requireReset(reset);
        requireMode(mode);
        requireSampleSize(sampleSize);
        requireDirections(directions);
        requireParallelism(parallelism);
        Objects.requireNonNull(subjectCopies, "the option subjectCopies must not be null; use Optional.empty()"
                + " for none, or set copies with CheckOptions.withSubjectCopies(() -> ...)");
        subjectCopies.ifPresent(CheckOptions::requireSubjectCopies);
        requireTimeLimit(timeLimit);
        requireBudget(budget);
        Objects.requireNonNull(doubleReference, "the option doubleReference must not be null; use Optional.empty()"
                + " for none, or set one with CheckOptions.withDoubleReference(subjectInDouble)");
        doubleReference.ifPresent(CheckOptions::requireDoubleReference);
        requireGraphChecks(graphChecks);
    }

    /**
     * The options with the default {@linkplain #graphChecks() graph checks}
     * ({@link GraphChecks#LOCAL_AND_END_TO_END}).
     *
     * @param seed see {@link #seed()}
     * @param cotangents see {@link #cotangents()}
     * @param tolerance see {@link #tolerance()}
     * @param deviations see {@link #deviations()}
     * @param nondeterminismTolerance see {@link #nondeterminismTolerance()}
     * @param reset see {@link #reset()}
     * @param mode see {@link #mode()}
     * @param sampleSize see {@link #sampleSize()}
     * @param directions see {@link #directions()}
     * @param parallelism see {@link #parallelism()}
     * @param subjectCopies see {@link #subjectCopies()}
     * @param timeLimit see {@link #timeLimit()}
     * @param budget see {@link #budget()}
     * @param doubleReference see {@link #doubleReference()}
     * @throws IllegalArgumentException when an option is out of range; the message names it
     * @throws NullPointerException when an option is null; the message names it
     */
    public CheckOptions(long seed, CotangentMode cotangents, TolerancePolicy tolerance, Map<String, Deviation> deviations,
                        double nondeterminismTolerance, Runnable reset, CheckMode mode, int sampleSize,
                        int directions, int parallelism, Optional<Supplier<? extends Subject>> subjectCopies,
                        Duration timeLimit, long budget, Optional<Subject> doubleReference) {
        this(seed, cotangents, tolerance, deviations, nondeterminismTolerance, reset, mode, sampleSize, directions,
                parallelism, subjectCopies, timeLimit, budget, doubleReference, GraphChecks.LOCAL_AND_END_TO_END);
    }

    /**
     * {@return a copy that measures {@code checks} of a graph whose backward gradcheck composes}
     * ({@code GraphSubject}, {@code Sequential}): the end-to-end table of every node with every op's local
     * backward checked on its own (the default), or the table alone. Other subjects are always checked end to end.
     *
     * @param checks what to measure, not null
     * @throws NullPointerException when {@code checks} is null
     */
    public CheckOptions withGraphChecks(GraphChecks checks) {
        return toBuilder().graphChecks(checks).build();
    }

    /**
     * {@return the deviation declared for the node named {@code node}}: declared under its own
     * name, else under the first declared pattern ({@code *} for any run of characters) that
     * stands for it; empty when the node is not declared to deviate
     *
     * @param node a node's name
     * @throws NullPointerException when {@code node} is null
     */
    public Optional<Deviation> deviationAt(String node) {
        Objects.requireNonNull(node, "deviationAt needs the name of a node, got null");
        return NamePattern.lookup(deviations, node);
    }

    /**
     * {@return the defaults}: seed {@link #DEFAULT_SEED}, a random cotangent, the
     * {@linkplain TolerancePolicy#defaults() default tolerance policy}, no declared deviation,
     * bit-identical evaluations required, no reset hook, {@link CheckMode#AUTO}, samples of
     * {@value #DEFAULT_SAMPLE_SIZE} elements and {@value #DEFAULT_DIRECTIONS} directions, one
     * thread, no subject copies, no time limit, a budget of {@value #DEFAULT_BUDGET} forward
     * evaluations and no double reference.
     */
    public static CheckOptions defaults() {
        return builder().build();
    }

    /** {@return a builder that starts from the {@linkplain #defaults() defaults}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from these options} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * {@return a copy with another seed}
     *
     * @param newSeed the seed of every random choice
     */
    public CheckOptions withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    /**
     * {@return a copy with another cotangent mode}
     *
     * @param cotangentMode how a non-scalar output is reduced to a scalar
     */
    public CheckOptions withCotangents(CotangentMode cotangentMode) {
        return toBuilder().cotangents(cotangentMode).build();
    }

    /**
     * {@return a copy with another tolerance policy}
     *
     * @param policy how measurements become verdicts
     */
    public CheckOptions withTolerance(TolerancePolicy policy) {
        return toBuilder().tolerance(policy).build();
    }

    /**
     * {@return a copy that declares an intended deviation}: the claimed gradient of {@code node}
     * differs from the true one on purpose (e.g. a "flat spot" constant added to a derivative), by
     * the amount {@code deviation} states. The node "deviates as declared" where its claim is the
     * intended one within the comparison's tolerance ({@link Deviation#intended}, or within a bound
     * of the true gradient, {@link Deviation#atMost}); anything else at that node still fails. The
     * nodes wrong only because of a node that deviates as declared deviate as declared too.
     *
     * @param node the node's name; the check refuses a name the subject does not record
     * @param deviation what the intended gradient is, and why
     */
    public CheckOptions withDeviation(String node, Deviation deviation) {
        return toBuilder().deviation(node, deviation).build();
    }

    /**
     * {@return a copy that declares a deviation of unstated size} ({@link Deviation#unstated}):
     * every error at {@code node} is accepted as declared.
     *
     * <p>A name with {@code *} is a pattern that declares every node it matches ({@code *} stands
     * for any run of characters, dots included): {@code withDeviation("s*.layer1.sum", why)}
     * declares {@code s0.layer1.sum}, {@code s1.layer1.sum}, ... at once. A node's own name wins
     * over patterns; among patterns, the first declared that matches gives the reason.
     *
     * @param node the node's name, or a pattern with {@code *}; the check refuses a name the
     *     subject does not record, and a pattern that matches none of its nodes
     * @param why the reason, shown in reports
     * @deprecated a deviation that says neither what the gradient should be nor by how much hides
     *     every other error at its node, a real bug included: declare the intended gradient with
     *     {@link #withDeviation(String, Deviation)} and {@link Deviation#intended}, or a bound with
     *     {@link Deviation#atMost}. This one still works as it did.
     */
    @Deprecated(since = "0.1.0")
    public CheckOptions withDeviation(String node, String why) {
        return toBuilder().deviation(node, Deviation.unstated(why)).build();
    }

    /**
     * {@return a copy that accepts evaluations at the same point differing by up to
     * {@code relative}} (relative to the largest element of the node), e.g. for parallel
     * reductions whose order varies. The difference is then also counted as noise of every
     * measurement.
     *
     * @param relative the accepted relative difference, in [0, 1)
     */
    public CheckOptions withNondeterminismTolerance(double relative) {
        return toBuilder().nondeterminismTolerance(relative).build();
    }

    /**
     * {@return a copy that runs {@code hook} before every evaluation of the subject} (forward,
     * backward and every perturbed re-evaluation), e.g. to reseed the random generator of a
     * dropout layer so that every evaluation draws the same mask.
     *
     * @param hook what to run before every evaluation
     */
    public CheckOptions withReset(Runnable hook) {
        return toBuilder().reset(hook).build();
    }

    /**
     * {@return a copy that measures in {@code newMode}}: {@link CheckMode#FULL} every element,
     * {@link CheckMode#FAST} random directions plus sampled elements, {@link CheckMode#SAMPLED}
     * sampled elements, {@link CheckMode#AUTO} chosen by size.
     *
     * @param newMode how much of every node to measure
     */
    public CheckOptions withMode(CheckMode newMode) {
        return toBuilder().mode(newMode).build();
    }

    /**
     * {@return a copy that samples {@code elements} elements per node in fast and sampled mode}
     *
     * @param elements how many, at least 1
     */
    public CheckOptions withSampleSize(int elements) {
        return toBuilder().sampleSize(elements).build();
    }

    /**
     * {@return a copy that draws {@code count} Gaussian random directions per node in fast mode}
     *
     * @param count how many, at least 1
     */
    public CheckOptions withDirections(int count) {
        return toBuilder().directions(count).build();
    }

    /**
     * {@return a copy that measures independent probes on {@code threads} threads, when that is
     * safe}: the subject {@linkplain Subject#isPure() declares itself pure}, or
     * {@link #withSubjectCopies} supplies independent copies of it. A stateful subject without
     * copies is always measured in one thread. The report is the same as in one thread (same
     * order, numbers and counts); only the wall time differs. The {@link #withReset reset hook}
     * is then called from several threads, one call at a time.
     *
     * @param threads how many threads, at least 1
     */
    public CheckOptions withParallelism(int threads) {
        return toBuilder().parallelism(threads).build();
    }

    /**
     * {@return a copy that may measure a stateful subject on several threads} (see
     * {@link #withParallelism}), each thread with its own copy made by {@code copies}: every call
     * must return a new, independent subject in the same state as the checked one (e.g. the same
     * network built again with the same weights). Each copy's forward is compared with the
     * subject's before it is used; a copy that differs stops the check with an error. These
     * comparisons are not counted as evaluations, so that the report equals the one-thread report.
     *
     * @param copies makes a new copy of the subject on every call
     */
    public CheckOptions withSubjectCopies(Supplier<? extends Subject> copies) {
        return toBuilder().subjectCopies(copies).build();
    }

    /**
     * {@return a copy that ends a check taking longer than {@code limit}} with a
     * {@link CheckAbortedException} ({@link CheckAbortedException.Reason#TIME_LIMIT}) naming the
     * subject, the node being measured and the limit; {@link Duration#ZERO} (the default) sets
     * no limit. With a limit the check runs on a worker thread of its own: when the limit is hit,
     * that thread is interrupted and, up to {@link #TIME_LIMIT_GRACE} later, awaited, so that
     * every parameter your code perturbs in place is restored before the exception is thrown. If
     * your code ignores the interrupt and is still running then, the message says so and names
     * the node whose value your code may still be perturbing; the check itself then stops at
     * the next evaluation and restores it when your code returns.
     *
     * @param limit the longest one check may take, not negative
     * @since 0.1.0
     */
    public CheckOptions withTimeLimit(Duration limit) {
        return toBuilder().timeLimit(limit).build();
    }

    /**
     * {@return a copy with another evaluation budget}: a check in explicitly requested
     * {@link CheckMode#FULL} mode whose estimated cost (at least 6 forward evaluations per
     * checked element) exceeds {@code maxForwardEvaluations} is refused before it starts, with
     * a {@link CheckAbortedException} ({@link CheckAbortedException.Reason#BUDGET}) that states
     * the estimate and suggests {@link CheckMode#FAST} or {@link CheckMode#SAMPLED}.
     * {@link CheckMode#AUTO} never needs it: it runs fast above {@value #AUTO_FULL_LIMIT}
     * elements. The default is {@value #DEFAULT_BUDGET}.
     *
     * @param maxForwardEvaluations the budget, at least 1
     * @since 0.1.0
     */
    public CheckOptions withBudget(long maxForwardEvaluations) {
        return toBuilder().budget(maxForwardEvaluations).build();
    }

    /**
     * {@return a copy that measures the true gradients on {@code reference}}: the same computation
     * as the checked subject (typically computing in {@code float}) in double, recording the same
     * nodes with the same shapes and the same output. The claimed gradients are still the checked
     * subject's; the measurement has double resolution, and the tolerance allows for the float
     * rounding of the claimed gradients. The report notes that the reference was used. The
     * reference's backward is never called.
     *
     * @param reference the same computation in double
     */
    public CheckOptions withDoubleReference(Subject reference) {
        return toBuilder().doubleReference(reference).build();
    }

    /** {@return a copy without a {@linkplain #withDoubleReference double reference}: the subject measured on itself} */
    public CheckOptions withoutDoubleReference() {
        return toBuilder().noDoubleReference().build();
    }

    /** {@return whether a {@linkplain #withReset reset hook} was given} */
    public boolean hasReset() {
        return reset != NO_RESET;
    }

    /** {@return whether a {@linkplain #withTimeLimit time limit} is set} */
    public boolean hasTimeLimit() {
        return !timeLimit.isZero();
    }

    /**
     * Sets several options at once; {@link #build()} validates them together as the
     * {@linkplain CheckOptions#CheckOptions canonical constructor} does. Each setter refuses an
     * invalid value at once, with a message that names the option. Not thread-safe.
     *
     * <pre>{@code
     * CheckOptions options = CheckOptions.builder().seed(42).mode(CheckMode.FAST).parallelism(2).build();
     * }</pre>
     *
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    public static final class Builder {

        private long seed = DEFAULT_SEED;
        private CotangentMode cotangents = CotangentMode.RANDOM;
        private TolerancePolicy tolerance = TolerancePolicy.defaults();
        private final Map<String, Deviation> deviations = new LinkedHashMap<>();
        private double nondeterminismTolerance;
        private Runnable reset = NO_RESET;
        private CheckMode mode = CheckMode.AUTO;
        private int sampleSize = DEFAULT_SAMPLE_SIZE;
        private int directions = DEFAULT_DIRECTIONS;
        private int parallelism = 1;
        private Optional<Supplier<? extends Subject>> subjectCopies = Optional.empty();
        private Duration timeLimit = NO_TIME_LIMIT;
        private long budget = DEFAULT_BUDGET;
        private Optional<Subject> doubleReference = Optional.empty();
        private GraphChecks graphChecks = GraphChecks.LOCAL_AND_END_TO_END;

        private Builder() {
        }

        private Builder(CheckOptions from) {
            seed = from.seed;
            cotangents = from.cotangents;
            tolerance = from.tolerance;
            deviations.putAll(from.deviations);
            nondeterminismTolerance = from.nondeterminismTolerance;
            reset = from.reset;
            mode = from.mode;
            sampleSize = from.sampleSize;
            directions = from.directions;
            parallelism = from.parallelism;
            subjectCopies = from.subjectCopies;
            timeLimit = from.timeLimit;
            budget = from.budget;
            doubleReference = from.doubleReference;
            graphChecks = from.graphChecks;
        }

        /**
         * Sets the seed of every random choice.
         *
         * @param value the seed; any value
         * @return this builder
         */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * Sets how a non-scalar output is reduced to a scalar.
         *
         * @param value the cotangent mode, not null
         * @return this builder
         */
        public Builder cotangents(CotangentMode value) {
            cotangents = requireCotangents(value);
            return this;
        }

        /**
         * Sets how measurements become verdicts.
         *
         * @param value the tolerance policy, not null
         * @return this builder
         */
        public Builder tolerance(TolerancePolicy value) {
            tolerance = requireTolerance(value);
            return this;
        }

        /**
         * Declares that the gradient of {@code node} deviates on purpose (see
         * {@link CheckOptions#withDeviation(String, Deviation)}); a second declaration for the same
         * node replaces the first.
         *
         * @param node the node's name, not null
         * @param deviation what the intended gradient is, and why; not null
         * @return this builder
         */
        public Builder deviation(String node, Deviation deviation) {
            requireDeviation(node, deviation);
            deviations.put(node, deviation);
            return this;
        }

        /**
         * Declares that the gradient of {@code node} deviates on purpose by an unstated amount
         * (see {@link CheckOptions#withDeviation(String, String)}).
         *
         * @param node the node's name, or a pattern with {@code *} for many nodes; not null
         * @param why the reason, not null
         * @return this builder
         * @deprecated hides every other error at the node: use {@link #deviation(String, Deviation)}
         */
        @Deprecated(since = "0.1.0")
        public Builder deviation(String node, String why) {
            Objects.requireNonNull(why, "the deviation declared for node '" + node + "' (option deviations) needs a"
                    + " reason, got null; e.g. withDeviation(\"" + node + "\", Deviation.atMost(\"flat spot on purpose\","
                    + " 0.1))");
            return deviation(node, Deviation.unstated(why));
        }

        /**
         * Replaces every declared deviation with {@code declared}, in its iteration order.
         *
         * @param declared node name to deviation, neither null; empty for none
         * @return this builder
         */
        public Builder deviations(Map<String, Deviation> declared) {
            Map<String, Deviation> copy = requireDeviations(declared);
            deviations.clear();
            deviations.putAll(copy);
            return this;
        }

        /**
         * Sets the relative difference accepted between two evaluations at the same point.
         *
         * @param relative in [0, 1); 0 requires bit-identical evaluations
         * @return this builder
         */
        public Builder nondeterminismTolerance(double relative) {
            nondeterminismTolerance = requireNondeterminismTolerance(relative);
            return this;
        }

        /**
         * Sets the hook run before every evaluation of the subject (see {@link CheckOptions#withReset}).
         *
         * @param hook the hook, not null
         * @return this builder
         */
        public Builder reset(Runnable hook) {
            reset = requireReset(hook);
            return this;
        }

        /**
         * Sets how much of every node is measured.
         *
         * @param value the mode, not null
         * @return this builder
         */
        public Builder mode(CheckMode value) {
            mode = requireMode(value);
            return this;
        }

        /**
         * Sets how many elements per node fast and sampled mode compare one by one.
         *
         * @param elements at least 1
         * @return this builder
         */
        public Builder sampleSize(int elements) {
            sampleSize = requireSampleSize(elements);
            return this;
        }

        /**
         * Sets how many Gaussian random directions per node fast mode compares.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder directions(int count) {
            directions = requireDirections(count);
            return this;
        }

        /**
         * Sets how many threads measure independent probes (see {@link CheckOptions#withParallelism}).
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder parallelism(int threads) {
            parallelism = requireParallelism(threads);
            return this;
        }

        /**
         * Sets how independent copies of a stateful subject are made for parallel probes (see
         * {@link CheckOptions#withSubjectCopies}).
         *
         * @param copies makes a new copy on every call, not null
         * @return this builder
         */
        public Builder subjectCopies(Supplier<? extends Subject> copies) {
            subjectCopies = Optional.of(requireSubjectCopies(copies));
            return this;
        }

        /**
         * Sets the longest one check may take (see {@link CheckOptions#withTimeLimit}).
         *
         * @param limit not negative; {@link Duration#ZERO} for no limit
         * @return this builder
         */
        public Builder timeLimit(Duration limit) {
            timeLimit = requireTimeLimit(limit);
            return this;
        }

        /**
         * Sets the most forward evaluations an explicitly requested full check may be expected to
         * cost (see {@link CheckOptions#withBudget}).
         *
         * @param maxForwardEvaluations at least 1
         * @return this builder
         */
        public Builder budget(long maxForwardEvaluations) {
            budget = requireBudget(maxForwardEvaluations);
            return this;
        }

        /**
         * Sets the same computation in double on which the true gradients are measured (see
         * {@link CheckOptions#withDoubleReference}).
         *
         * @param reference the subject in double, not null
         * @return this builder
         */
        public Builder doubleReference(Subject reference) {
            doubleReference = Optional.of(requireDoubleReference(reference));
            return this;
        }

        /**
         * Measures the checked subject on itself, without a double reference (the default).
         *
         * @return this builder
         */
        public Builder noDoubleReference() {
            doubleReference = Optional.empty();
            return this;
        }

        /**
         * Sets what is measured of a graph whose backward gradcheck composes (see
         * {@link CheckOptions#withGraphChecks}).
         *
         * @param checks what to measure, not null
         * @return this builder
         */
        public Builder graphChecks(GraphChecks checks) {
            graphChecks = requireGraphChecks(checks);
            return this;
        }

        /** {@return the options set so far} */
        public CheckOptions build() {
            return new CheckOptions(seed, cotangents, tolerance, deviations, nondeterminismTolerance, reset, mode,
                    sampleSize, directions, parallelism, subjectCopies, timeLimit, budget, doubleReference,
                    graphChecks);
        }
    }

    // ---- validation, shared by the builder's setters and the canonical constructor -------------

    private static GraphChecks requireGraphChecks(GraphChecks value) {
        return Objects.requireNonNull(value, "the option graphChecks must not be null; use"
                + " GraphChecks.LOCAL_AND_END_TO_END (the default), GraphChecks.END_TO_END or GraphChecks.LOCAL");
    }

    private static CotangentMode requireCotangents(CotangentMode value) {
        return Objects.requireNonNull(value, "the option cotangents must not be null; use CotangentMode.RANDOM (the"
                + " default) or CotangentMode.FULL_JACOBIAN");
    }

    private static TolerancePolicy requireTolerance(TolerancePolicy value) {
        return Objects.requireNonNull(value, "the option tolerance must not be null; use TolerancePolicy.defaults()"
                + " or a copy of it made with its with... methods");
    }

    private static void requireDeviation(String node, Deviation deviation) {
        Objects.requireNonNull(node, "a deviation (option deviations) needs the name of the node that deviates, got"
                + " null; e.g. withDeviation(\"x\", Deviation.atMost(\"flat spot on purpose\", 0.1))");
        Objects.requireNonNull(deviation, "the deviation declared for node '" + node + "' (option deviations) must"
                + " not be null; e.g. withDeviation(\"" + node + "\", Deviation.atMost(\"flat spot on purpose\", 0.1))");
    }

    private static Map<String, Deviation> requireDeviations(Map<String, Deviation> declared) {
        Objects.requireNonNull(declared, "the option deviations must not be null; use Map.of() for none");
        Map<String, Deviation> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Deviation> e : declared.entrySet()) {
            requireDeviation(e.getKey(), e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        return copy;
    }

    private static double requireNondeterminismTolerance(double relative) {
        if (!(relative >= 0) || relative >= 1) {
            throw new IllegalArgumentException("the nondeterminism tolerance (option nondeterminismTolerance) is a"
                    + " relative difference in [0, 1), got " + relative + "; use 0 (the default) to require"
                    + " bit-identical evaluations, or a small value such as 1e-12 for sums whose order varies");
        }
        return relative;
    }

    private static Runnable requireReset(Runnable hook) {
        return Objects.requireNonNull(hook, "the option reset must not be null; give a hook to run before every"
                + " evaluation, e.g. () -> rng.setSeed(7), or leave it unset for none");
    }

    private static CheckMode requireMode(CheckMode value) {
        return Objects.requireNonNull(value, "the option mode must not be null; use CheckMode.AUTO (the default),"
                + " FULL, FAST or SAMPLED");
    }

    private static int requireSampleSize(int elements) {
        if (elements < 1) {
            throw new IllegalArgumentException("the sample size (option sampleSize) is the number of elements checked"
                    + " per node in fast and sampled mode and must be at least 1, got " + elements + "; the default"
                    + " is " + DEFAULT_SAMPLE_SIZE);
        }
        return elements;
    }

    private static int requireDirections(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("fast mode needs at least 1 random direction per node (option"
                    + " directions), got " + count + "; the default is " + DEFAULT_DIRECTIONS);
        }
        return count;
    }

    private static int requireParallelism(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the parallelism (option parallelism) is a number of threads and must"
                    + " be at least 1, got " + threads + "; use 1 (the default) to measure in the calling thread");
        }
        return threads;
    }

    private static Supplier<? extends Subject> requireSubjectCopies(Supplier<? extends Subject> copies) {
        return Objects.requireNonNull(copies, "the option subjectCopies must not be null; give a supplier that"
                + " builds a new copy of the subject on every call, e.g. () -> buildNetwork(weights)");
    }

    private static Duration requireTimeLimit(Duration limit) {
        Objects.requireNonNull(limit, "the option timeLimit must not be null; use Duration.ZERO for no limit, or"
                + " e.g. Duration.ofSeconds(30)");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("the time limit of a check (option timeLimit) must be positive (or"
                    + " Duration.ZERO for none), got " + limit);
        }
        return limit;
    }

    private static long requireBudget(long maxForwardEvaluations) {
        if (maxForwardEvaluations < 1) {
            throw new IllegalArgumentException("the evaluation budget (option budget) is a number of forward"
                    + " evaluations and must be at least 1, got " + maxForwardEvaluations + "; the default is "
                    + DEFAULT_BUDGET);
        }
        return maxForwardEvaluations;
    }

    private static Subject requireDoubleReference(Subject reference) {
        return Objects.requireNonNull(reference, "the option doubleReference must not be null; give the same"
                + " computation in double, or leave it unset to measure the subject on itself");
    }
}
