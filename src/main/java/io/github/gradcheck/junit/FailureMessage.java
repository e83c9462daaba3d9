package io.github.gradcheck.junit;

import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.input.ShrinkResult;
import io.github.gradcheck.junit.Trials.Outcome;
import io.github.gradcheck.report.TextReport;
import java.util.List;

/**
 * The text a person reads when a {@code @GradientCheck} fails: what went wrong and where,
 * the input as shrunk and as first found, the try, the seed and how to re-run exactly that,
 * then the per-node report. {@link #attachment} adds the report at the input as first found.
 */
final class FailureMessage {

    private final String method;
    private final String rerunTarget;
    private final Settings settings;
    private final Outcome.Failure failure;
    private final Diagnoses shrunkDiagnoses;

    /** @param shrunkDiagnoses the diagnoses of the shrunk report, or null when there is none */
    FailureMessage(String method, String rerunTarget, Settings settings, Outcome.Failure failure,
                   Diagnoses shrunkDiagnoses) {
        this.method = method;
        this.rerunTarget = rerunTarget;
        this.settings = settings;
        this.failure = failure;
        this.shrunkDiagnoses = shrunkDiagnoses;
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("@GradientCheck ").append(method).append(": ").append(headline()).append('\n');
        inputs(sb);
        sb.append("found at try ").append(failure.tryNumber()).append(": ").append(failure.passed())
                .append(failure.passed() == 1 ? " point" : " points").append(" passed before it, ")
                .append(failure.inconclusive()).append(" inconclusive (redrawn)\n");
        sb.append("seed: ").append(settings.seed()).append(" (").append(settings.seedOrigin())
                .append("; every try's point and check seed derive from it)\n");
        sb.append("re-run exactly this: -D").append(GradientCheck.SEED_PARAMETER).append('=').append(settings.seed())
                .append(" (e.g. mvn test -Dtest='").append(rerunTarget).append("' -D")
                .append(GradientCheck.SEED_PARAMETER).append('=').append(settings.seed())
                .append("), or @GradientCheck(seed = ").append(settings.seed()).append("L)\n");
        if (failure instanceof Outcome.WrongGradient wrong) {
            sb.append('\n').append(wrong.shrink().shrunk() ? "report at the shrunk input:\n" : "report:\n")
                    .append(TextReport.render(wrong.shrunkReport(), shrunkDiagnoses));
        }
        if (failure instanceof Outcome.WrongDerivative wrong) {
            sb.append('\n').append(wrong.shrink().shrunk() ? "report at the shrunk input:\n" : "report:\n")
                    .append(TextReport.render(wrong.shrunkReport(), shrunkDiagnoses));
        }
        if (failure instanceof Outcome.WrongTangents wrong) {
            sb.append('\n').append(wrong.shrink().shrunk() ? "report at the shrunk input:\n" : "report:\n")
                    .append(TextReport.render(wrong.shrunkReport(), shrunkDiagnoses));
        }
        return sb.toString();
    }

    /** The message {@code text}, plus the report at the input as first found when shrinking changed it. */
    String attachment(String text) {
        if (failure instanceof Outcome.WrongGradient wrong && wrong.shrink().shrunk()) {
            text += "\n\nreport at the input as first found:\n" + TextReport.render(wrong.firstReport());
        }
        if (failure instanceof Outcome.WrongDerivative wrong && wrong.shrink().shrunk()) {
            text += "\n\nreport at the input as first found:\n" + TextReport.render(wrong.firstReport());
        }
        if (failure instanceof Outcome.WrongTangents wrong && wrong.shrink().shrunk()) {
            text += "\n\nreport at the input as first found:\n" + TextReport.render(wrong.firstReport());
        }
        return text;
    }

    private String headline() {
        if (failure instanceof Outcome.WrongGradient wrong) {
            return "the claimed gradients of subject '" + wrong.firstReport().subject() + "' are WRONG; "
                    + wrong.shrunkReport().blame().origin()
                    .map(o -> "the first wrong node is '" + o + "'.").orElse("no single node could be blamed.");
        }
        if (failure instanceof Outcome.WrongDerivative wrong) {
            JacobianReport r = wrong.shrunkReport();
            return "the claimed " + r.kind().label() + " of subject '" + r.subject() + "' " + (r.kind().products()
                    ? "are" : "is") + " WRONG; " + describe(r) + ".";
        }
        if (failure instanceof Outcome.WrongTangents wrong) {
            return "the claimed tangents of subject '" + wrong.firstReport().subject() + "' are WRONG; "
                    + TangentTarget.describe(wrong.shrunkReport()) + ".";
        }
        if (failure instanceof Outcome.SubjectThrew threw) {
            return "the subject failed: " + threw.exception().getMessage();
        }
        Outcome.Errored errored = (Outcome.Errored) failure;
        return errored.context() + ": " + errored.exception();
    }

    /** What is wrong in a Jacobian or Hessian report, in a few words. */
    private static String describe(JacobianReport r) {
        List<JacobianEntry> wrong = r.wrongEntries();
        if (r.gradient().isPresent() && r.gradient().get().blame().origin().isPresent()) {
            return "its gradient is wrong, the first wrong node '" + r.gradient().get().blame().origin().get() + "'";
        }
        if (!wrong.isEmpty()) {
            JacobianEntry first = wrong.get(0);
            return wrong.size() + " of " + r.entries().size() + " entries are wrong, the first " + first.name(r.symbol())
                    + " (" + first.derivative(r.kind()) + ")";
        }
        return r.failedIdentities().isEmpty() ? "it is wrong along a random tangent"
                : "the identity " + r.failedIdentities().get(0).identity().formula() + " fails";
    }

    private void inputs(StringBuilder sb) {
        if (!(failure instanceof Outcome.ShrunkFailure shrunkFailure)) {
            sb.append("input: ").append(failure.firstPoint().map(Object::toString).orElse("(none drawn)"))
                    .append('\n');
            return;
        }
        ShrinkResult shrink = shrunkFailure.shrink();
        if (shrink.shrunk()) {
            sb.append("failing input (shrunk):  ").append(shrink.simplest()).append("   [")
                    .append(shrink.steps()).append(shrink.steps() == 1 ? " simplification in " : " simplifications in ")
                    .append(shrink.evaluations()).append(shrink.evaluations() == 1 ? " check]\n" : " checks]\n");
            sb.append("input as first found:    ").append(shrink.original()).append('\n');
        } else {
            sb.append("failing input:           ").append(shrink.original()).append('\n');
            sb.append("input as first found:    ").append(shrink.original()).append(" (no simpler failing input found in ")
                    .append(shrink.evaluations()).append(shrink.evaluations() == 1 ? " check)\n" : " checks)\n");
        }
    }
}
