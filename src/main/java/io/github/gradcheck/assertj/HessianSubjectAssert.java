package io.github.gradcheck.assertj;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.HessianSubject;
import org.apiguardian.api.API;

/**
 * Assertions on the claimed Hessian (or HVP) of a {@link HessianSubject}, and on its claimed
 * gradient. Create one with {@link GradientAssertions#assertThat(HessianSubject)}.
 *
 * <pre>{@code
 * // assertion succeeds
 * assertThat(LogisticRegression.subject(Bug.NONE)).at(LogisticRegression.POINT).hasCorrectHessian();
 * // assertion succeeds: the gradient is right, the diagonal of the Hessian is not
 * assertThat(LogisticRegression.subject(Bug.MISSING_REGULARISER)).at(LogisticRegression.POINT)
 *         .hasCorrectGradient().hasWrongHessianEntry(0, 0).hasCorrectHessianEntry(0, 1);
 * }</pre>
 *
 * <p>Not final and with a public constructor, as AssertJ's soft assertions need to proxy it.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public class HessianSubjectAssert extends AbstractDerivativeSubjectAssert<HessianSubjectAssert, HessianSubject> {

    /**
     * An assertion on {@code actual}; start one with {@link GradientAssertions#assertThat(HessianSubject)}.
     *
     * <p>Internal: public for AssertJ's soft assertions, which proxy this class.
     *
     * @param actual the subject
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public HessianSubjectAssert(HessianSubject actual) {
        super(actual, HessianSubjectAssert.class);
    }

    @Override
    protected JacobianReport check(GradientChecker checker, Point point) {
        return checker.checkHessian(actual, point);
    }

    @Override
    protected String name() {
        return actual.name();
    }

    /**
     * Verifies that the claimed gradient (when there is one), every claimed entry of the Hessian
     * and its symmetry are right. Fails when one is wrong, and when the check is inconclusive.
     *
     * @return this assertion
     * @throws AssertionError when the gradient or an entry is wrong, the Hessian is not symmetric, or
     *     the check is inconclusive
     */
    public HessianSubjectAssert hasCorrectHessian() {
        requirePassed("to have a correct Hessian");
        return myself;
    }

    /**
     * Verifies that no claimed entry of the Hessian was found wrong: the entries alone (not the
     * gradient, see {@link #hasCorrectGradient()}, nor the symmetry), and an inconclusive entry passes.
     *
     * @return this assertion
     * @throws AssertionError when an entry is wrong
     */
    public HessianSubjectAssert hasNoWrongHessianEntries() {
        requireNoWrongEntries("to have no wrong Hessian entries");
        return myself;
    }

    /**
     * Verifies that the claimed gradient, checked before the Hessian, is right.
     *
     * @return this assertion
     * @throws AssertionError when the gradient is wrong or inconclusive, or none was given
     */
    public HessianSubjectAssert hasCorrectGradient() {
        JacobianReport r = report();
        if (r.gradient().isEmpty() || r.gradient().get().verdict() != Verdict.PASS) {
            throw failure("%s", DerivativeMessages.message(r, "to have a correct gradient", r.gradient().isEmpty()
                    ? "it claims no gradient" : "the gradient is " + r.gradient().get().verdict().label()));
        }
        return myself;
    }

    /**
     * Verifies that entry H[row][column] (∂²f/∂x<sub>row</sub>∂x<sub>column</sub>) was found wrong.
     *
     * @param row the first input element, counted over the differentiable inputs in order
     * @param column the second
     * @return this assertion
     * @throws AssertionError when that entry is right or inconclusive
     * @throws IllegalArgumentException when that entry was not compared
     */
    public HessianSubjectAssert hasWrongHessianEntry(int row, int column) {
        requireEntry(row, column, Verdict.FAIL);
        return myself;
    }

    /**
     * Verifies that entry H[row][column] matches the measured one.
     *
     * @param row the first input element, counted over the differentiable inputs in order
     * @param column the second
     * @return this assertion
     * @throws AssertionError when that entry is wrong or inconclusive
     * @throws IllegalArgumentException when that entry was not compared
     */
    public HessianSubjectAssert hasCorrectHessianEntry(int row, int column) {
        requireEntry(row, column, Verdict.PASS);
        return myself;
    }
}
