package io.github.gradcheck.assertj;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.ForwardSubject;
import org.apiguardian.api.API;

/**
 * Assertions on the claimed Jacobian (or JVP) of a {@link ForwardSubject}. Create one with
 * {@link GradientAssertions#assertThat(ForwardSubject)}.
 *
 * <pre>{@code
 * // assertion succeeds
 * assertThat(RangeBearing.subject(Bug.NONE)).at(RangeBearing.POINT).hasCorrectJacobian();
 * // assertion succeeds: the bearing row is wrong where its sign was flipped
 * assertThat(RangeBearing.subject(Bug.FLIPPED_BEARING_SIGN)).at(RangeBearing.POINT)
 *         .hasWrongJacobianEntry(1, 0).hasCorrectJacobianEntry(0, 0);
 * // assertion fails with the entry-by-entry report
 * assertThat(RangeBearing.subject(Bug.FLIPPED_BEARING_SIGN)).at(RangeBearing.POINT).hasCorrectJacobian();
 * }</pre>
 *
 * <p>Not final and with a public constructor, as AssertJ's soft assertions need to proxy it.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public class ForwardSubjectAssert extends AbstractDerivativeSubjectAssert<ForwardSubjectAssert, ForwardSubject> {

    /**
     * An assertion on {@code actual}; start one with {@link GradientAssertions#assertThat(ForwardSubject)}.
     *
     * <p>Internal: public for AssertJ's soft assertions, which proxy this class.
     *
     * @param actual the subject
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public ForwardSubjectAssert(ForwardSubject actual) {
        super(actual, ForwardSubjectAssert.class);
    }

    @Override
    protected JacobianReport check(GradientChecker checker, Point point) {
        return checker.checkForward(actual, point);
    }

    @Override
    protected String name() {
        return actual.name();
    }

    /**
     * Verifies that every claimed entry of the Jacobian matches the measured one (and, for a JVP
     * with a VJP, that they pass the adjoint test). Fails when an entry is wrong, naming the
     * wrong entries by row and column, and also when the check is inconclusive.
     *
     * @return this assertion
     * @throws AssertionError when an entry is wrong or the check is inconclusive
     */
    public ForwardSubjectAssert hasCorrectJacobian() {
        requirePassed("to have a correct Jacobian");
        return myself;
    }

    /**
     * Verifies that no claimed entry was found wrong: the entries alone (the adjoint test is
     * {@link #failsTheAdjointTest()}'s), and an inconclusive entry passes (for loops over many points).
     *
     * @return this assertion
     * @throws AssertionError when an entry, or J·t along a random tangent, is wrong
     */
    public ForwardSubjectAssert hasNoWrongJacobianEntries() {
        requireNoWrongEntries("to have no wrong Jacobian entries");
        return myself;
    }

    /**
     * Verifies that entry J[row][column] (∂out<sub>row</sub>/∂in<sub>column</sub>) was found wrong:
     * to test that a deliberately broken Jacobian is caught where it is.
     *
     * @param row the output component
     * @param column the input element, counted over the differentiable inputs in order
     * @return this assertion
     * @throws AssertionError when that entry is right or inconclusive
     * @throws IllegalArgumentException when that entry was not compared
     */
    public ForwardSubjectAssert hasWrongJacobianEntry(int row, int column) {
        requireEntry(row, column, Verdict.FAIL);
        return myself;
    }

    /**
     * Verifies that entry J[row][column] matches the measured one (other entries may be wrong).
     *
     * @param row the output component
     * @param column the input element, counted over the differentiable inputs in order
     * @return this assertion
     * @throws AssertionError when that entry is wrong or inconclusive
     * @throws IllegalArgumentException when that entry was not compared
     */
    public ForwardSubjectAssert hasCorrectJacobianEntry(int row, int column) {
        requireEntry(row, column, Verdict.PASS);
        return myself;
    }

    /**
     * Verifies that the subject's JVP and VJP disagree: the adjoint test ⟨u, J·t⟩ = ⟨Jᵀ·u, t⟩
     * failed (to test that a mismatched backward is caught).
     *
     * @return this assertion
     * @throws AssertionError when the adjoint test passed, or the subject has no VJP
     */
    public ForwardSubjectAssert failsTheAdjointTest() {
        JacobianReport r = report();
        boolean failed = r.failedIdentities().stream().anyMatch(i -> i.identity() == IdentityCheck.Identity.ADJOINT);
        if (!failed) {
            throw failure("%s", DerivativeMessages.message(r, "to fail the adjoint test ⟨u, J·t⟩ = ⟨Jᵀ·u, t⟩",
                    r.identities().isEmpty() ? "it has no VJP to test against its JVP (JvpSubject.withVjp)"
                            : "the JVP and the VJP agree to rounding"));
        }
        return myself;
    }
}
