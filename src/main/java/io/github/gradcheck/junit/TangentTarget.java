package io.github.gradcheck.junit;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Subject;

/**
 * A {@code @GradientCheck} method's subject when its tangent rules (forward mode node by node) are
 * checked rather than its backward ({@link CheckSpec#tangentsOf}): how to check it, and how to tell
 * that a shrunk point fails the same way.
 *
 * @param subject a graph of ops or layers with tangent rules, or traced code with tangent code
 */
record TangentTarget(Subject subject) {

    /** {@return the subject's name} */
    String name() {
        return subject.name();
    }

    /** {@return the report of checking the subject's tangent rules at {@code point}} */
    TangentReport check(GradientChecker checker, Point point) {
        return checker.checkTangents(subject, point);
    }

    /**
     * {@return what a failure is, to keep shrinking on the same one}: the first wrong node going
     * forward (with the first wrong argument of its rule), else the first node or layer whose rule
     * disagrees with its backward
     */
    static String failure(TangentReport report) {
        if (report.blame().origin().isPresent()) {
            return "node " + report.blame().origin().get() + report.blame().wrongEdges().stream().findFirst()
                    .map(e -> " argument " + e.edge().producer()).orElse("");
        }
        return report.failedIdentities().isEmpty() ? "tangent"
                : "adjoint " + report.failedIdentities().get(0).where().replaceFirst(", random pair \\d+$", "");
    }

    /** {@return what is wrong, in a few words, for the failure's headline} */
    static String describe(TangentReport report) {
        if (report.blame().origin().isPresent()) {
            return "the first wrong node going forward is '" + report.blame().origin().get() + "'"
                    + report.blame().wrongEdges().stream().findFirst().map(e -> " (its rule with respect to '"
                    + e.edge().producer() + "')").orElse("");
        }
        return report.failedIdentities().isEmpty() ? "no single node could be blamed"
                : "the tangent rule of " + report.failedIdentities().get(0).where().replaceFirst(", random pair \\d+$",
                "") + " disagrees with its backward";
    }
}
