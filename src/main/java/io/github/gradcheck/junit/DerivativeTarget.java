package io.github.gradcheck.junit;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.ForwardSubject;
import io.github.gradcheck.subject.HessianSubject;
import java.util.List;

/**
 * A {@code @GradientCheck} method's subject when it claims a Jacobian (or JVP) or a Hessian (or
 * HVP) rather than a backward: how to check it, and how to tell that a shrunk point fails the same
 * way.
 */
sealed interface DerivativeTarget {

    /** {@return the subject's name} */
    String name();

    /** {@return the report of checking the subject at {@code point}} */
    JacobianReport check(GradientChecker checker, Point point);

    /** A forward-mode subject. */
    record Forward(ForwardSubject subject) implements DerivativeTarget {
        @Override
        public String name() {
            return subject.name();
        }

        @Override
        public JacobianReport check(GradientChecker checker, Point point) {
            return checker.checkForward(subject, point);
        }
    }

    /** A scalar function with a claimed Hessian. */
    record Hessian(HessianSubject subject) implements DerivativeTarget {
        @Override
        public String name() {
            return subject.name();
        }

        @Override
        public JacobianReport check(GradientChecker checker, Point point) {
            return checker.checkHessian(subject, point);
        }
    }

    /**
     * {@return what a failure is, to keep shrinking on the same one}: the first wrong entry, else
     * the wrong gradient's first wrong node, else the failed identity, else a wrong random tangent
     */
    static String failure(JacobianReport report) {
        if (report.gradient().isPresent() && report.gradient().get().blame().origin().isPresent()) {
            return "gradient " + report.gradient().get().blame().origin().get();
        }
        List<JacobianEntry> wrong = report.wrongEntries();
        if (!wrong.isEmpty()) {
            return "entry " + wrong.get(0).row() + "," + wrong.get(0).column();
        }
        List<IdentityCheck> identities = report.failedIdentities();
        return identities.isEmpty() ? "tangent" : identities.get(0).identity().name();
    }
}
