package io.github.gradcheck.junit;

import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.input.ShrinkResult;
import io.github.gradcheck.report.TextReport;

/**
 * The text a person reads when a {@code @GradientCheck} fails: what went wrong and where,
 * the input as shrunk and as first found, the try, the seed and how to re-run exactly that,
 * then the per-node report. {@link #attachment} adds the report at the input as first found.
 */
final class FailureMessage {

    private final String method;
    private final String rerunTarget;
    private final Settings settings;
    private final Trials.Outcome outcome;
    private final Diagnoses shrunkDiagnoses;

    /** @param shrunkDiagnoses the diagnoses of the shrunk report, or null when there is none */
    FailureMessage(String method, String rerunTarget, Settings settings, Trials.Outcome outcome,
                   Diagnoses shrunkDiagnoses) {
        this.method = method;
        this.rerunTarget = rerunTarget;
        this.settings = settings;
        this.outcome = outcome;
        this.shrunkDiagnoses = shrunkDiagnoses;
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("@GradientCheck ").append(method).append(": ").append(headline()).append('\n');
        inputs(sb);
        sb.append("found at try ").append(outcome.tryNumber()).append(": ").append(outcome.passed())
                .append(outcome.passed() == 1 ? " point" : " points").append(" passed before it, ")
                .append(outcome.inconclusive()).append(" inconclusive (redrawn)\n");
        sb.append("seed: ").append(settings.seed()).append(" (").append(settings.seedOrigin())
                .append("; every try's point and check seed derive from it)\n");
        sb.append("re-run exactly this: -D").append(GradientCheck.SEED_PARAMETER).append('=').append(settings.seed())
                .append(" (e.g. mvn test -Dtest='").append(rerunTarget).append("' -D")
                .append(GradientCheck.SEED_PARAMETER).append('=').append(settings.seed())
                .append("), or @GradientCheck(seed = ").append(settings.seed()).append("L)\n");
        if (outcome.kind() == Trials.Outcome.Kind.WRONG_GRADIENT) {
            sb.append('\n').append(outcome.shrink().shrunk() ? "report at the shrunk input:\n" : "report:\n")
                    .append(TextReport.render(outcome.shrunkReport(), shrunkDiagnoses));
        }
        return sb.toString();
    }

    /** The message {@code text}, plus the report at the input as first found when shrinking changed it. */
    String attachment(String text) {
        if (outcome.kind() == Trials.Outcome.Kind.WRONG_GRADIENT && outcome.shrink().shrunk()) {
            text += "\n\nreport at the input as first found:\n" + TextReport.render(outcome.firstReport());
        }
        return text;
    }

    private String headline() {
        switch (outcome.kind()) {
            case WRONG_GRADIENT:
                return "the claimed gradients of subject '" + outcome.firstReport().subject() + "' are WRONG; "
                        + outcome.shrunkReport().blame().origin()
                        .map(o -> "the first wrong node is '" + o + "'.").orElse("no single node could be blamed.");
            case SUBJECT_THREW:
                return "the subject failed: " + outcome.error().getMessage();
            default:
                return outcome.errorContext() + ": " + outcome.error();
        }
    }

    private void inputs(StringBuilder sb) {
        ShrinkResult shrink = outcome.shrink();
        if (shrink == null) {
            sb.append("input: ").append(outcome.errorPoint() == null ? "(none drawn)" : outcome.errorPoint())
                    .append('\n');
            return;
        }
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
