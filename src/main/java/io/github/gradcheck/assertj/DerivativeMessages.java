package io.github.gradcheck.assertj;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.report.TextReport;
import java.util.Comparator;
import java.util.List;

/**
 * The messages of the Jacobian and Hessian assertions, in the shape every gradcheck assertion
 * shares: what was expected of the subject at the point, why not, and the report.
 */
final class DerivativeMessages {

    private DerivativeMessages() {
    }

    static String message(JacobianReport report, String expectation, String but) {
        return "\nExpecting subject '" + report.subject() + "' " + expectation + " at:\n  " + report.point()
                + "\nbut " + but + ":\n" + TextReport.render(report).stripTrailing();
    }

    /** Why a report did not pass, in a few words. */
    static String but(JacobianReport report) {
        List<JacobianEntry> wrong = report.wrongEntries();
        if (report.verdict() == Verdict.INCONCLUSIVE) {
            return "the check was inconclusive at that point (" + report.inconclusiveEntries() + " entries too coarse"
                    + " to decide, no entry found wrong); choose another point";
        }
        if (report.gradient().map(g -> g.verdict() == Verdict.FAIL).orElse(false)) {
            GradientReport g = report.gradient().get();
            return "the claimed gradient is wrong, the first wrong node '" + g.blame().origin().orElse("?") + "'"
                    + (wrong.isEmpty() ? "" : ", and " + wrong.size() + " entries of " + report.symbol() + " are wrong");
        }
        if (!wrong.isEmpty()) {
            JacobianEntry worst = wrong.stream().max(Comparator.comparingDouble(e -> e.comparison().severity()))
                    .orElseThrow();
            return wrong.size() + " of " + report.entries().size() + " compared entries are wrong, the worst "
                    + worst.name(report.symbol()) + " (" + worst.derivative(report.kind()) + ")";
        }
        List<IdentityCheck> identities = report.failedIdentities();
        if (!identities.isEmpty()) {
            return identities.get(0).identity() == IdentityCheck.Identity.ADJOINT
                    ? "the JVP and the VJP disagree (the adjoint test failed)" : "the claimed Hessian is not symmetric";
        }
        return report.symbol() + "·t is wrong along a random tangent, though no single column could be shown wrong";
    }
}
