package io.github.gradcheck.assertj;

import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link GradientReport} that was already computed, e.g. by
 * {@code GradCheck.check(subject, point)}, with the same failure messages as
 * {@link AbstractSubjectAssert}.
 *
 * <pre>{@code
 * GradientReport report = GradCheck.check(WorkedExample.graph(true), Point.of("x", 3.0, "y", -4.0));
 *
 * // assertion succeeds: the wrong gradient starts at den, in the backward of invden
 * assertThat(report).hasVerdict(Verdict.FAIL).blames("den").blamesEdge("den", "invden");
 * // assertion fails: the report names 'den' as the first wrong node, and prints the table
 * assertThat(report).isCorrect();
 * }</pre>
 *
 * @param <SELF> the type of the concrete assertion, returned by every method for chaining
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public abstract class AbstractGradientReportAssert<SELF extends AbstractGradientReportAssert<SELF>>
        extends AbstractAssert<SELF, GradientReport> {

    /**
     * An assertion on {@code actual}.
     *
     * @param actual the report (may be null: the assertions then fail with AssertJ's usual message)
     * @param selfType the concrete assertion class
     */
    protected AbstractGradientReportAssert(GradientReport actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Verifies that the report passed: every claimed gradient matches the measured one. An
     * inconclusive report fails with a message saying so.
     *
     * <pre>{@code
     * // assertion succeeds
     * assertThat(GradCheck.check(WorkedExample.graph(false), point)).isCorrect();
     * // assertion fails: node 'den' is the first wrong node
     * assertThat(GradCheck.check(WorkedExample.graph(true), point)).isCorrect();
     * }</pre>
     *
     * @return this assertion
     */
    public SELF isCorrect() {
        isNotNull();
        if (actual.verdict() != Verdict.PASS) {
            throw failure("%s", ShouldHaveCorrectGradients.shouldHaveCorrectGradients(actual));
        }
        return myself;
    }

    /**
     * Verifies the report's overall verdict.
     *
     * <pre>{@code
     * // assertion succeeds
     * assertThat(GradCheck.check(WorkedExample.graph(true), point)).hasVerdict(Verdict.FAIL);
     * // assertion fails: the verdict is FAIL
     * assertThat(GradCheck.check(WorkedExample.graph(true), point)).hasVerdict(Verdict.PASS);
     * }</pre>
     *
     * @param expected the verdict expected
     * @return this assertion
     */
    public SELF hasVerdict(Verdict expected) {
        Objects.requireNonNull(expected, "the expected verdict must not be null");
        isNotNull();
        Verdict verdict = actual.verdict();
        if (verdict != expected) {
            throw failureWithActualExpected(verdict, expected, "%s",
                    FailureMessage.of(actual, "to have verdict " + expected, "it was " + verdict));
        }
        return myself;
    }

    /**
     * Verifies that a wrong gradient starts at {@code node}: it is the blame's origin, or one
     * of its further origins when there are several independent errors.
     *
     * <pre>{@code
     * // assertion succeeds
     * assertThat(GradCheck.check(WorkedExample.graph(true), point)).blames("den");
     * // assertion fails: x is wrong only as a consequence of den
     * assertThat(GradCheck.check(WorkedExample.graph(true), point)).blames("x");
     * }</pre>
     *
     * @param node the node's name as the report prints it
     * @return this assertion
     * @throws IllegalArgumentException when the report has no checked node of that name
     */
    public SELF blames(String node) {
        Objects.requireNonNull(node, "the node name must not be null");
        isNotNull();
        ReportFacts.nodeReport(actual, node);
        if (!ReportFacts.origins(actual).contains(node)) {
            throw failure("%s", ShouldHaveWrongGradientAt.shouldHaveWrongGradientAt(actual, node));
        }
        return myself;
    }

    /**
     * Verifies that the blame found the local backward of {@code consumer} with respect to its
     * argument {@code producer} wrong (graph subjects only: they check the edges into the nodes
     * where a wrong gradient starts).
     *
     * <pre>{@code
     * // assertion succeeds: the backward of op 'invden' is wrong with respect to its argument den
     * assertThat(GradCheck.check(WorkedExample.graph(true), point)).blamesEdge("den", "invden");
     * // assertion fails: the blame checked only the backward of den's consumers (den is where the error starts)
     * assertThat(GradCheck.check(WorkedExample.graph(true), point)).blamesEdge("xpysqr", "den");
     * }</pre>
     *
     * @param producer the node the consumer takes as an argument, e.g. {@code "Tanh"}
     * @param consumer the op or layer whose backward is expected to be wrong, e.g. {@code "Dense#2"}
     * @return this assertion
     */
    public SELF blamesEdge(String producer, String consumer) {
        Objects.requireNonNull(producer, "the producer's name must not be null");
        Objects.requireNonNull(consumer, "the consumer's name must not be null");
        isNotNull();
        Optional<EdgeReport> edge = ShouldBlameEdge.edgeReport(actual, producer, consumer);
        if (edge.isEmpty() || edge.get().verdict() != Verdict.FAIL) {
            throw failure("%s", ShouldBlameEdge.shouldBlameEdge(actual, producer, consumer));
        }
        return myself;
    }

    /**
     * Verifies that the claimed gradient at {@code node} matches the measured one.
     *
     * <pre>{@code
     * // assertion succeeds: num is right although den is wrong
     * assertThat(GradCheck.check(WorkedExample.graph(true), point)).hasCorrectGradientAt("num");
     * // assertion fails: den is wrong
     * assertThat(GradCheck.check(WorkedExample.graph(true), point)).hasCorrectGradientAt("den");
     * }</pre>
     *
     * @param node the node's name as the report prints it
     * @return this assertion
     * @throws IllegalArgumentException when the report has no checked node of that name
     */
    public SELF hasCorrectGradientAt(String node) {
        Objects.requireNonNull(node, "the node name must not be null");
        isNotNull();
        if (ReportFacts.nodeReport(actual, node).verdict() != Verdict.PASS) {
            throw failure("%s", ShouldHaveCorrectGradients.shouldHaveCorrectGradientAt(actual, node));
        }
        return myself;
    }
}
