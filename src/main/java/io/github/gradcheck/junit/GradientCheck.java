package io.github.gradcheck.junit;

import io.github.gradcheck.check.CotangentMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test method that checks a subject's gradients at many generated points. The
 * method declares the subject and the domain of each input on the {@link CheckSpec} it
 * takes as a parameter; after the method returns, the extension draws points, checks each
 * with the engine, shrinks a failing point to a simpler one that still shows the same bug as
 * clearly (the same broken places with the same kinds of diagnosis, nothing newly measured 0,
 * unused or inconclusive), and fails with the reports at the shrunk input and at the input as
 * first found, and the one seed that reproduces it: a {@link GradientCheckFailure} that carries
 * these as values besides its message. A passing method publishes its summary (points,
 * evaluations, wall time) as report entries. The method is one test in the IDE and in build
 * reports.
 *
 * <pre>{@code
 * @GradientCheck(tries = 200)
 * void denseThenTanh(CheckSpec check) {
 *     check.subject(Sequential.of("dense+tanh", new Dense(4, 3, 42), new Tanh()))
 *          .input("x", Domain.uniform(-2, 2).vector(4));
 * }
 * }</pre>
 *
 * <h2>Settings and where they come from</h2>
 *
 * Each attribute is an array so that "not given" can be told apart from any value: write
 * {@code tries = 200}, not {@code tries = {200}} (both work). An attribute not given on the
 * annotation comes from the JUnit Platform configuration parameter named below (set in
 * {@code junit-platform.properties}, with {@code -D} or in the build tool's configuration),
 * else from the built-in default. Explicit attribute values win over configuration
 * parameters — except the seed and the tries: a {@code -Dgradcheck.seed=...} system property
 * (as given on the command line) wins over everything, because that is how a failure is
 * reproduced, and so does a {@code -Dgradcheck.tries=...} system property, because that is how a
 * build asks every method for the same effort. The factor {@value #TRIES_FACTOR_PARAMETER}
 * scales every other method's tries (annotation, configuration parameter or default), rounded up:
 * {@code -Dgradcheck.triesFactor=10} checks ten times as many points everywhere.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>attribute</th><th>configuration parameter</th><th>default</th></tr>
 *   <tr><td>{@link #tries}</td><td>{@value #TRIES_PARAMETER}</td><td>{@value #DEFAULT_TRIES}</td></tr>
 *   <tr><td>(none: it scales {@link #tries})</td><td>{@value #TRIES_FACTOR_PARAMETER}</td><td>1</td></tr>
 *   <tr><td>{@link #seed}</td><td>{@value #SEED_PARAMETER}</td><td>a fresh random seed per run, printed on failure</td></tr>
 *   <tr><td>{@link #cotangents}</td><td>{@value #COTANGENTS_PARAMETER}</td><td>the engine's ({@code RANDOM})</td></tr>
 *   <tr><td>{@link #shrinkEvaluations}</td><td>{@value #SHRINK_EVALUATIONS_PARAMETER}</td><td>{@value #DEFAULT_SHRINK_EVALUATIONS}</td></tr>
 *   <tr><td>{@link #safety}</td><td>{@value #SAFETY_PARAMETER}</td><td>the engine's (10)</td></tr>
 *   <tr><td>{@link #timeLimit}</td><td>{@value #TIME_LIMIT_PARAMETER}</td><td>1 minute per checked point</td></tr>
 *   <tr><td>(none)</td><td>{@value #SUMMARY_PARAMETER}</td><td>{@code publish}: a passing test's summary as report entries; {@code print} also prints it</td></tr>
 * </table>
 *
 * The safety factor multiplies the measurement's own error estimate in the tolerance; the rest
 * of the tolerance policy (and every other engine option) is set in code with
 * {@link CheckSpec#options}. Annotation and configuration parameter win over those options.
 *
 * <h2>Inconclusive points and errors in the subject</h2>
 *
 * A point the engine calls inconclusive (its measurement too coarse to decide, e.g. near a
 * kink) is never a failure: another point is drawn instead, at most {@code tries} extra
 * draws in all; their number is published as a report entry and named in any failure. If
 * no point at all is conclusive, the test is aborted (skipped), not passed. When the
 * subject's code throws ({@code SubjectException}), the test fails with that message, the
 * point and the seed; the point is shrunk only while the same exception persists. Every
 * failure is a {@link GradientCheckFailure}; its cause is the exception, if one was thrown.
 *
 * <h2>Misconfiguration and limits</h2>
 *
 * A non-positive {@code tries}, a method that declares no subject or no inputs, and a domain
 * that cannot produce values fail the test with a sentence naming the method and the fix.
 * JUnit does not run test methods that return a value: it only logs a discovery warning.
 * The extension therefore fails every {@code @GradientCheck} method of a class that also
 * has a non-void {@code @GradientCheck} method, naming it; a class whose only
 * {@code @GradientCheck} methods are non-void still runs nothing. To make JUnit itself
 * fail on that, set the configuration parameter
 * {@code junit.platform.discovery.issue.severity.critical=WARNING}.
 *
 * <p>Safe under JUnit's parallel execution: every invocation has its own spec, seeds and
 * state; the seeds of a method's points depend on the master seed alone, not on the thread
 * or the test order. The subject's own objects must not be shared between test methods
 * that run in parallel.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@Target({ElementType.ANNOTATION_TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(GradientCheckExtension.class)
public @interface GradientCheck {

    /** The configuration parameter for the number of tries: {@value}. */
    String TRIES_PARAMETER = "gradcheck.tries";

    /**
     * The configuration parameter (and system property) for a factor that scales every method's
     * tries, rounded up: {@value}. A nightly build sets it to e.g. {@code 10}; it does not scale a
     * {@code -Dgradcheck.tries} system property.
     */
    String TRIES_FACTOR_PARAMETER = "gradcheck.triesFactor";

    /** The configuration parameter (and system property) for the master seed: {@value}. */
    String SEED_PARAMETER = "gradcheck.seed";

    /** The configuration parameter for the cotangent mode ({@code RANDOM} or {@code FULL_JACOBIAN}): {@value}. */
    String COTANGENTS_PARAMETER = "gradcheck.cotangents";

    /** The configuration parameter for the shrink budget: {@value}. */
    String SHRINK_EVALUATIONS_PARAMETER = "gradcheck.shrink.evaluations";

    /** The configuration parameter for the tolerance's safety factor on the error estimate: {@value}. */
    String SAFETY_PARAMETER = "gradcheck.tolerance.safety";

    /** The configuration parameter for the time limit of each point's check (e.g. {@code 30s}, {@code none}): {@value}. */
    String TIME_LIMIT_PARAMETER = "gradcheck.timeLimit";

    /**
     * The configuration parameter (or system property given to the build) for what a passing test
     * shows: {@value}. {@code publish} (the default): its summary (seed, points, evaluations, wall
     * time) as report entries, which build tools write into their test reports; {@code print}: also
     * one line per passing test on standard output.
     *
     * @since 0.1.0
     */
    String SUMMARY_PARAMETER = "gradcheck.summary";

    /** The time limit of each point's check when neither the annotation nor the build says: one minute. */
    java.time.Duration DEFAULT_TIME_LIMIT = java.time.Duration.ofMinutes(1);

    /** The number of conclusive points checked when neither the annotation nor the build says: {@value}. */
    int DEFAULT_TRIES = 100;

    /** The number of checks shrinking may spend when neither the annotation nor the build says: {@value}. */
    int DEFAULT_SHRINK_EVALUATIONS = 100;

    /**
     * How many conclusive tries to make: points drawn and checked that passed or failed.
     * Inconclusive tries are redrawn, at most this many extra in all.
     *
     * @return one positive value, or none for the build-wide {@value #TRIES_PARAMETER} or
     *         {@value #DEFAULT_TRIES}
     */
    int[] tries() default {};

    /**
     * The master seed every point and every check's randomness derive from. A
     * {@code -Dgradcheck.seed} system property overrides it.
     *
     * @return one value, or none for the build-wide {@value #SEED_PARAMETER} or a fresh random
     *         seed; a failure prints it and carries it as {@link GradientCheckFailure#seed()}
     */
    long[] seed() default {};

    /**
     * How a non-scalar output is reduced to a scalar for the check.
     *
     * @return one value, or none for the build-wide {@value #COTANGENTS_PARAMETER} or the
     *         options' mode ({@code RANDOM} by default)
     */
    CotangentMode[] cotangents() default {};

    /**
     * How many checks shrinking a failing point may spend; 0 turns shrinking off.
     *
     * @return one value, 0 or more, or none for the build-wide
     *         {@value #SHRINK_EVALUATIONS_PARAMETER} or {@value #DEFAULT_SHRINK_EVALUATIONS}
     */
    int[] shrinkEvaluations() default {};

    /**
     * The tolerance's safety factor S on the measurement's error estimate: larger accepts
     * more, smaller demands more.
     *
     * @return one positive finite value, or none for the build-wide {@value #SAFETY_PARAMETER}
     *         or the options' factor (the engine's default is 10)
     */
    double[] safety() default {};

    /**
     * The longest the check of one point may take, e.g. {@code "500ms"}, {@code "30s"},
     * {@code "2m"}, {@code "PT1M"}, or {@code "none"}; one value, or none for the build-wide
     * {@value #TIME_LIMIT_PARAMETER} (default one minute). A check that exceeds it fails the
     * test with a message naming the node being measured; the point is not shrunk. See
     * {@code CheckOptions.withTimeLimit}.
     *
     * @return one duration, or none for the build-wide {@value #TIME_LIMIT_PARAMETER}, else the
     *         limit of the spec's options, else one minute
     * @since 0.1.0
     */
    String[] timeLimit() default {};
}
