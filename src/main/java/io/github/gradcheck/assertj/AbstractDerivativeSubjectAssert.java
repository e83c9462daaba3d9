package io.github.gradcheck.assertj;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.model.Point;
import org.apiguardian.api.API;

/**
 * What the assertions on a claimed Jacobian and on a claimed Hessian share: choose the point with
 * {@code at(...)}, optionally the options, then assert; the first assertion of a chain runs one
 * check, and later ones reuse its report until the point or the options change. As for gradients,
 * an inconclusive check is never reported as a wrong derivative, and errors in the subject's code
 * propagate as {@link io.github.gradcheck.model.SubjectException}.
 *
 * @param <SELF> the type of the concrete assertion, returned by every method for chaining
 * @param <ACTUAL> the type of the subject
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public abstract class AbstractDerivativeSubjectAssert<SELF extends AbstractDerivativeSubjectAssert<SELF, ACTUAL>, ACTUAL>
        extends AbstractCheckAssert<SELF, ACTUAL> {

    private JacobianReport report;

    /**
     * An assertion on {@code actual}.
     *
     * @param actual the subject (may be null: the assertions then fail with AssertJ's usual message)
     * @param selfType the concrete assertion class
     */
    protected AbstractDerivativeSubjectAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    @Override
    protected void forgetReports() {
        report = null;
    }

    /** {@return the check's report, running the check if this chain has not yet} */
    protected JacobianReport report() {
        isNotNull();
        Point point = point(name(), "assertThat(subject).at(\"x\", new double[] {1, 2}).hasCorrectJacobian()");
        if (report == null) {
            report = check(new GradientChecker(options()), point);
        }
        return report;
    }

    /**
     * {@return the report of checking the subject with {@code checker} at {@code point}}
     *
     * @param checker the checker with this assertion's options
     * @param point where to check
     */
    protected abstract JacobianReport check(GradientChecker checker, Point point);

    /** {@return the subject's name, for messages} */
    protected abstract String name();

    /** Fails unless the whole check passed: every entry, identity and (for a Hessian) the gradient. */
    void requirePassed(String expectation) {
        JacobianReport r = report();
        if (r.verdict() != Verdict.PASS) {
            throw failure("%s", DerivativeMessages.message(r, expectation, DerivativeMessages.but(r)));
        }
    }

    /** Fails when an entry (or a random tangent) was found wrong; inconclusive entries pass, identities are not asked. */
    void requireNoWrongEntries(String expectation) {
        JacobianReport r = report();
        if (r.matrixVerdict() == Verdict.FAIL) {
            throw failure("%s", DerivativeMessages.message(r, expectation, DerivativeMessages.but(r)));
        }
    }

    /** Fails unless entry (row, column) was compared and found {@code expected}. */
    void requireEntry(int row, int column, Verdict expected) {
        JacobianReport r = report();
        JacobianEntry e = r.entry(row, column).orElseThrow(() -> new IllegalArgumentException("subject '" + name()
                + "' has no compared entry " + r.symbol() + "[" + row + "," + column + "]; it is " + r.rows().size()
                + " × " + r.columns().size() + (r.complete() ? "" : " and not every column was compared")));
        if (e.verdict() != expected) {
            String expectation = "to have " + (expected == Verdict.FAIL ? "a wrong" : "a correct") + " entry "
                    + e.name(r.symbol()) + " (" + e.derivative(r.kind()) + ")";
            throw failure("%s", DerivativeMessages.message(r, expectation, "it is " + e.verdict().label()
                    + ": claimed " + Numbers.full(e.analytic()) + ", measured "
                    + Numbers.full(e.numeric())));
        }
    }
}
