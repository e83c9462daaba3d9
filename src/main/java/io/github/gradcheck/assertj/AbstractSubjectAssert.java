package io.github.gradcheck.assertj;

import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.Subject;
import java.util.Objects;
import org.apiguardian.api.API;
import org.assertj.core.annotation.CheckReturnValue;

/**
 * Assertions on the gradients of a {@link Subject}: choose the point with {@code at(...)},
 * optionally the check's options with {@code with...(...)}, then assert.
 *
 * <pre>{@code
 * Subject f = WorkedExample.traced(false);
 * Subject broken = WorkedExample.traced(true); // the backward of invden has the wrong sign
 *
 * // assertion succeeds
 * assertThat(f).at("x", 3.0, "y", -4.0).hasCorrectGradients();
 * // assertion succeeds: the error starts at 'den', and 'num' is right
 * assertThat(broken).at("x", 3.0, "y", -4.0).hasWrongGradientAt("den").hasCorrectGradientAt("num");
 *
 * // assertion fails with the per-node report: the backward rule into 'den' is wrong
 * assertThat(broken).at("x", 3.0, "y", -4.0).hasCorrectGradients();
 * }</pre>
 *
 * <p><b>How it checks.</b> The first assertion of a chain runs one check (the engine's
 * {@link GradientChecker}) with the chosen point and options; later assertions of the same
 * chain reuse its report until {@code at} or a {@code with...} method changes the setup.
 * Configure before you assert: the report is not re-run when the subject's own state changes.
 *
 * <p><b>Three outcomes.</b> A check passes, fails (a claimed gradient is wrong), or is
 * <em>inconclusive</em> (the finite-difference measurement was too coarse at this point to
 * decide). An inconclusive check is never reported as a wrong gradient:
 * {@link #hasCorrectGradients()} fails with a message saying the check was inconclusive and
 * to choose another point, and {@link #hasNoWrongGradients()} accepts it, for property-based
 * tests that draw many points.
 *
 * <p><b>Errors in the subject.</b> When the subject's code throws, returns null, returns an
 * array of the wrong shape or a non-finite value, the check cannot be done and the
 * {@link io.github.gradcheck.model.SubjectException} propagates unchanged (it names the
 * subject, the node and the problem). It is not turned into an assertion failure, so soft
 * assertions do not collect it either: it stops the test, as any other error in the code
 * under test does.
 *
 * <p><b>Misuse.</b> Asserting before {@code at(...)} throws {@link IllegalStateException};
 * naming a node the subject does not have throws {@link IllegalArgumentException} listing
 * its nodes; null arguments throw {@link NullPointerException} with a sentence naming them.
 *
 * @param <SELF> the type of the concrete assertion, returned by every method for chaining
 * @param <ACTUAL> the type of the subject
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public abstract class AbstractSubjectAssert<SELF extends AbstractSubjectAssert<SELF, ACTUAL>, ACTUAL extends Subject>
        extends AbstractCheckAssert<SELF, ACTUAL> {

    private GradientReport report;
    private TangentReport tangentReport;

    /**
     * An assertion on {@code actual}.
     *
     * @param actual the subject (may be null: the assertions then fail with AssertJ's usual message)
     * @param selfType the concrete assertion class
     */
    protected AbstractSubjectAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    // ---- the options ---------------------------------------------------------------------------

    /**
     * Checks every component of a non-scalar output in turn (one backward per component)
     * instead of one random combination of them.
     *
     * <pre>{@code
     * // a subject whose output is the vector (x0 x1, x1 x2, -x0), and whose backward is right
     * // assertion succeeds: one backward per component of the output, each right
     * assertThat(products).at("x", new double[] {0.3, -1.1, 0.8}).withFullJacobian().hasCorrectGradients();
     * }</pre>
     *
     * @return this assertion
     */
    @CheckReturnValue
    public SELF withFullJacobian() {
        return withOptions(options().withCotangents(CotangentMode.FULL_JACOBIAN));
    }

    @Override
    protected void forgetReports() {
        report = null;
        tangentReport = null;
    }

    // ---- assertions ---------------------------------------------------------------------------

    /**
     * Verifies that every claimed gradient of the subject matches the measured one at the
     * point. Fails when one is wrong, with the per-node report that names the first wrong
     * node, and also when the check is inconclusive, saying so (no gradient was found wrong;
     * choose another point).
     *
     * <pre>{@code
     * // assertion succeeds
     * assertThat(WorkedExample.traced(false)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
     * // assertion fails: "but the backward rule that maps d(invden) to d(den) is wrong (node 'den' is
     * // the first wrong node):" and the report
     * assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
     * }</pre>
     *
     * @return this assertion
     * @throws AssertionError when a gradient is wrong or the check is inconclusive
     */
    public SELF hasCorrectGradients() {
        GradientReport r = report();
        if (r.verdict() != Verdict.PASS) {
            throw failure("%s", ShouldHaveCorrectGradients.shouldHaveCorrectGradients(r));
        }
        return myself;
    }

    /**
     * Verifies that no claimed gradient was found wrong at the point: like
     * {@link #hasCorrectGradients()}, but an inconclusive check passes. Meant for loops and
     * property-based tests over many points, where a point too coarse to decide should count
     * as no evidence rather than as a failure. Make sure enough points are conclusive, e.g. by
     * counting them with {@code GradCheck.check}.
     *
     * <pre>{@code
     * // assertion succeeds
     * assertThat(WorkedExample.traced(false)).at("x", 3.0, "y", -4.0).hasNoWrongGradients();
     * // assertion fails: node 'den' is wrong
     * assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasNoWrongGradients();
     * }</pre>
     *
     * @return this assertion
     * @throws AssertionError when a gradient is wrong
     */
    public SELF hasNoWrongGradients() {
        GradientReport r = report();
        if (r.verdict() == Verdict.FAIL) {
            throw failure("%s", ShouldHaveCorrectGradients.shouldHaveNoWrongGradients(r));
        }
        return myself;
    }

    /**
     * Verifies that the claimed gradient at {@code node} matches the measured one (other nodes
     * may be wrong).
     *
     * <pre>{@code
     * // assertion succeeds: the broken backward of invden leaves num right
     * assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasCorrectGradientAt("num");
     * // assertion fails: den is wrong
     * assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasCorrectGradientAt("den");
     * }</pre>
     *
     * @param node the node's name as the report prints it, e.g. {@code "Dense#1.W"}
     * @return this assertion
     * @throws AssertionError when that node's gradient is wrong or inconclusive
     * @throws IllegalArgumentException when the subject has no checked node of that name
     */
    public SELF hasCorrectGradientAt(String node) {
        Objects.requireNonNull(node, "the node name must not be null");
        GradientReport r = report();
        if (ReportFacts.nodeReport(r, node).verdict() != Verdict.PASS) {
            throw failure("%s", ShouldHaveCorrectGradients.shouldHaveCorrectGradientAt(r, node));
        }
        return myself;
    }

    /**
     * Verifies that a wrong gradient starts at {@code node}: the check fails, and {@code node}
     * is the blame's origin (the first wrong node whose consumers are all right), or one of
     * its further origins when there are several independent errors. Use it to test that a
     * deliberately broken backward is caught where it is. An origin's failure always rests on an
     * element (or, in fast mode, a random direction) whose failure an independent measurement
     * confirmed; the node's other wrong elements may be {@linkplain
     * io.github.gradcheck.check.Finding#NOT_CONFIRMED_SEPARATELY not confirmed separately}, which
     * changes nothing here: the assertion is about the node.
     *
     * <pre>{@code
     * // assertion succeeds: the broken backward of invden maps d(invden) to a wrong d(den)
     * assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasWrongGradientAt("den");
     * // assertion fails: x is wrong only as a consequence of den
     * assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasWrongGradientAt("x");
     * // assertion fails: every gradient is right
     * assertThat(WorkedExample.traced(false)).at("x", 3.0, "y", -4.0).hasWrongGradientAt("den");
     * }</pre>
     *
     * @param node the node's name as the report prints it
     * @return this assertion
     * @throws AssertionError when the check passes, is inconclusive, or blames another node
     * @throws IllegalArgumentException when the subject has no checked node of that name
     */
    public SELF hasWrongGradientAt(String node) {
        Objects.requireNonNull(node, "the node name must not be null");
        GradientReport r = report();
        ReportFacts.nodeReport(r, node);
        if (!ReportFacts.origins(r).contains(node)) {
            throw failure("%s", ShouldHaveWrongGradientAt.shouldHaveWrongGradientAt(r, node));
        }
        return myself;
    }

    /**
     * Verifies that the subject's tangent rules (forward mode) are right node by node: for a graph of
     * ops with {@code Op.withTangent}, every node's claimed tangent matches its measured directional
     * derivative, and every op's tangent rule agrees with its backward. Fails with the per-node
     * report going forward, and when the check is inconclusive.
     *
     * <pre>{@code
     * // assertion succeeds
     * assertThat(WorkedExampleTangents.graph(false)).at("x", 3.0, "y", -4.0).hasCorrectTangents();
     * }</pre>
     *
     * @return this assertion
     * @throws AssertionError when a tangent or an op's adjoint test is wrong, or the check is inconclusive
     * @since 0.1.0
     */
    public SELF hasCorrectTangents() {
        TangentReport r = tangentReport();
        if (r.verdict() != Verdict.PASS) {
            String but = r.verdict() == Verdict.INCONCLUSIVE ? "the check was inconclusive at that point; choose"
                    + " another point" : r.blame().origin().map(o -> "node '" + o + "' is the first wrong node going"
                    + " forward").orElse("an op's tangent rule disagrees with its backward");
            throw failure("%s", tangentMessage(r, "to have correct tangents", but));
        }
        return myself;
    }

    /**
     * Verifies that a wrong tangent starts at {@code node}, going forward: its tangent is wrong while
     * its producers' are right.
     *
     * <pre>{@code
     * // assertion succeeds: the tangent rule of invden lost its minus sign
     * assertThat(WorkedExampleTangents.graph(true)).at("x", 3.0, "y", -4.0).hasWrongTangentAt("invden");
     * }</pre>
     *
     * @param node the node's name
     * @return this assertion
     * @throws AssertionError when the tangents are right, or the first wrong one is elsewhere
     * @since 0.1.0
     */
    public SELF hasWrongTangentAt(String node) {
        Objects.requireNonNull(node, "the node name must not be null");
        TangentReport r = tangentReport();
        boolean origin = r.blame().isOrigin(node);
        if (!origin) {
            throw failure("%s", tangentMessage(r, "to have a wrong tangent starting at node '" + node + "'",
                    r.blame().origin().map(o -> "the first wrong node going forward is '" + o + "'")
                            .orElse("no tangent is wrong")));
        }
        return myself;
    }

    private TangentReport tangentReport() {
        isNotNull();
        Point point = point(actual.name(), "assertThat(subject).at(\"x\", 3.0).hasCorrectTangents()");
        if (tangentReport == null) {
            tangentReport = new GradientChecker(options()).checkTangents(actual, point);
        }
        return tangentReport;
    }

    private static String tangentMessage(TangentReport r, String expectation, String but) {
        return "\nExpecting subject '" + r.subject() + "' " + expectation + " at:\n  " + r.point() + "\nbut " + but
                + ":\n" + TextReport.render(r).stripTrailing();
    }

    private GradientReport report() {
        isNotNull();
        Point point = point(actual.name(), "assertThat(subject).at(\"x\", 3.0).hasCorrectGradients()");
        if (report == null) {
            report = new GradientChecker(options()).check(actual, point);
        }
        return report;
    }
}
