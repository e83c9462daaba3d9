package io.github.gradcheck.assertj;

import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.model.Point;
import java.util.Objects;
import org.apiguardian.api.API;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;

/**
 * What every assertion that runs a check shares: the point, chosen with {@code at(...)}, and the
 * check's options, chosen with {@code with...(...)}. Each of these drops the reports of earlier
 * assertions of the chain, so the next assertion checks again with the new setup; until then,
 * assertions of one chain reuse one check's report.
 *
 * @param <SELF> the type of the concrete assertion, returned by every method for chaining
 * @param <ACTUAL> the type of the subject
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public abstract class AbstractCheckAssert<SELF extends AbstractCheckAssert<SELF, ACTUAL>, ACTUAL>
        extends AbstractAssert<SELF, ACTUAL> {

    // at(...) and with...(...) change this object and return it rather than a configured copy:
    // AssertJ's soft assertions collect the failures of the proxy object they created, and a copy
    // would throw its failures instead.
    private Point point;
    private CheckOptions options = CheckOptions.defaults();

    /**
     * An assertion on {@code actual}.
     *
     * @param actual the subject (may be null: the assertions then fail with AssertJ's usual message)
     * @param selfType the concrete assertion class
     */
    protected AbstractCheckAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Checks at {@code point}.
     *
     * <pre>{@code
     * // assertion succeeds
     * assertThat(f).at(Point.of("x", 3.0, "y", -4.0)).hasCorrectGradients();
     * }</pre>
     *
     * @param point where to check; use {@link Point#builder()} for constant inputs (labels, indices)
     * @return this assertion
     */
    @CheckReturnValue
    public SELF at(Point point) {
        this.point = Objects.requireNonNull(point, "the point to check at must not be null");
        forgetReports();
        return myself;
    }

    /**
     * Checks at the point of the given alternating names and values, as
     * {@link Point#of(Object...)} takes them: numbers, {@code double[]}, {@code double[][]},
     * {@code float[]}, ...
     *
     * <pre>{@code
     * // assertion succeeds
     * assertThat(f).at("x", 3.0, "y", -4.0).hasCorrectGradients();
     * }</pre>
     *
     * @param namesAndValues {@code "x", 3.0, "W", new double[][] {...}, ...}
     * @return this assertion
     * @throws IllegalArgumentException when the arguments do not alternate name and value
     */
    @CheckReturnValue
    public SELF at(Object... namesAndValues) {
        Objects.requireNonNull(namesAndValues, "the names and values to check at must not be null");
        return at(Point.of(namesAndValues));
    }

    /**
     * Uses {@code seed} for every random choice of the check (the random output cotangent of
     * a non-scalar output), instead of {@link CheckOptions#DEFAULT_SEED}.
     *
     * <pre>{@code
     * // assertion succeeds
     * assertThat(f).at("x", 3.0, "y", -4.0).withSeed(42).hasCorrectGradients();
     * }</pre>
     *
     * @param seed the seed; the failure message prints it
     * @return this assertion
     */
    @CheckReturnValue
    public SELF withSeed(long seed) {
        return withOptions(options.withSeed(seed));
    }

    /**
     * Turns measurements into verdicts with {@code policy} instead of
     * {@link TolerancePolicy#defaults()}.
     *
     * <pre>{@code
     * // assertion succeeds: a stricter safety factor still accepts the right backward
     * assertThat(f).at("x", 3.0, "y", -4.0).withTolerance(TolerancePolicy.defaults().withSafety(2)).hasCorrectGradients();
     * }</pre>
     *
     * @param policy the tolerance policy
     * @return this assertion
     */
    @CheckReturnValue
    public SELF withTolerance(TolerancePolicy policy) {
        Objects.requireNonNull(policy, "the tolerance policy must not be null");
        return withOptions(options.withTolerance(policy));
    }

    /**
     * Checks with {@code options}, replacing every option set so far.
     *
     * <pre>{@code
     * // flatSpot's backward claims 3·(sigmoid'(x) + 0.1) on purpose, 0.3 more than the truth
     * // assertion succeeds: a declared deviation passes where it is what was declared
     * assertThat(flatSpot).at("x", 0.4)
     *         .withOptions(CheckOptions.defaults().withDeviation("x", Deviation.atMost("flat spot: 3·(sigmoid' + 0.1)", 0.3)))
     *         .hasCorrectGradients();
     * }</pre>
     *
     * @param options the options, e.g. {@code CheckOptions.defaults().withSeed(42)}
     * @return this assertion
     */
    @CheckReturnValue
    public SELF withOptions(CheckOptions options) {
        this.options = Objects.requireNonNull(options, "the check options must not be null");
        forgetReports();
        return myself;
    }

    /** {@return the options chosen so far} */
    protected CheckOptions options() {
        return options;
    }

    /**
     * {@return the point chosen with {@code at(...)}}
     *
     * @param subject the subject's name, for the message
     * @param example an assertion chain that shows how to choose a point, for the message
     * @throws IllegalStateException when no point was chosen yet
     */
    protected Point point(String subject, String example) {
        if (point == null) {
            throw new IllegalStateException("no point to check subject '" + subject
                    + "' at: call at(...) before asserting, e.g. " + example);
        }
        return point;
    }

    /** Drops the reports of earlier assertions: the point or the options changed. */
    protected abstract void forgetReports();
}
