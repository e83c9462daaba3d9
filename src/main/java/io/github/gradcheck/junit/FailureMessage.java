package io.github.gradcheck.junit;

import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.input.ShrinkResult;
import io.github.gradcheck.junit.Trials.Outcome;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.RunSeed;
import io.github.gradcheck.report.TextReport;
import java.util.List;
import java.util.function.Supplier;

/**
 * The text a person reads when a {@code @GradientCheck} fails: what went wrong and where, the input
 * as shrunk and as first found, the try, the one seed that re-runs it and how, then the report at
 * the shrunk input and, when shrinking changed the point, the report at the input as first found.
 * Each report's own seed is shown as derived from the run's seed. The message abbreviates arrays
 * after 8 elements and says so; {@link #attachment()} is the same text with every point in full.
 */
final class FailureMessage {

    private final String method;
    private final String rerunTarget;
    private final Settings settings;
    private final Outcome.Failure failure;
    private final Diagnoses shrunkDiagnoses;
    private final Diagnoses firstDiagnoses;

    /**
     * @param shrunkDiagnoses the diagnoses of the shrunk report, or null when there is none
     * @param firstDiagnoses the diagnoses of the report as first found, or null when there is none
     */
    FailureMessage(String method, String rerunTarget, Settings settings, Outcome.Failure failure,
                   Diagnoses shrunkDiagnoses, Diagnoses firstDiagnoses) {
        this.method = method;
        this.rerunTarget = rerunTarget;
        this.settings = settings;
        this.failure = failure;
        this.shrunkDiagnoses = shrunkDiagnoses;
        this.firstDiagnoses = firstDiagnoses;
    }

    /** The run's seed: the one seed that re-runs the failure, as every report of this run shows it. */
    RunSeed runSeed() {
        return new RunSeed(settings.seed(), settings.seedOrigin(),
                "-D" + GradientCheck.SEED_PARAMETER + "=" + settings.seed());
    }

    /** The message: points abbreviated after 8 elements, as every report printed to a console. */
    String text() {
        return text(false);
    }

    /** The attached text: the message with every point written out in full. */
    String attachment() {
        return text(true);
    }

    private String text(boolean full) {
        StringBuilder sb = new StringBuilder();
        sb.append("@GradientCheck ").append(method).append(": ").append(headline()).append('\n');
        inputs(sb, full);
        sb.append("found at try ").append(failure.tryNumber()).append(": ").append(failure.passed())
                .append(failure.passed() == 1 ? " point" : " points").append(" passed before it, ")
                .append(failure.inconclusive()).append(" inconclusive (redrawn)\n");
        sb.append("seed: ").append(settings.seed()).append(" (").append(settings.seedOrigin())
                .append("; every try's point and check seed derive from it)\n");
        sb.append("re-run exactly this: -D").append(GradientCheck.SEED_PARAMETER).append('=').append(settings.seed())
                .append(" (e.g. mvn test -Dtest='").append(rerunTarget).append("' -D")
                .append(GradientCheck.SEED_PARAMETER).append('=').append(settings.seed())
                .append("), or @GradientCheck(seed = ").append(settings.seed()).append("L)\n");
        RunSeed run = runSeed();
        if (failure instanceof Outcome.WrongGradient wrong) {
            wrong.refused().ifPresent(r -> sb.append("shrinking: ").append(r).append('\n'));
            reports(sb, wrong.shrink().shrunk(), TextReport.render(wrong.shrunkReport(), orNone(shrunkDiagnoses)),
                    wrong.shrunkReport().seed(), () -> TextReport.render(wrong.firstReport(), orNone(firstDiagnoses)),
                    wrong.firstReport().seed(), run);
        }
        if (failure instanceof Outcome.WrongDerivative wrong) {
            wrong.refused().ifPresent(r -> sb.append("shrinking: ").append(r).append('\n'));
            reports(sb, wrong.shrink().shrunk(), TextReport.render(wrong.shrunkReport(), orNone(shrunkDiagnoses)),
                    wrong.shrunkReport().seed(), () -> TextReport.render(wrong.firstReport(), orNone(firstDiagnoses)),
                    wrong.firstReport().seed(), run);
        }
        if (failure instanceof Outcome.WrongTangents wrong) {
            reports(sb, wrong.shrink().shrunk(), TextReport.render(wrong.shrunkReport(), orNone(shrunkDiagnoses)),
                    wrong.shrunkReport().seed(), () -> TextReport.render(wrong.firstReport(), orNone(firstDiagnoses)),
                    wrong.firstReport().seed(), run);
        }
        return sb.toString();
    }

    /** The report at the shrunk input, and where shrinking changed the input, the report as first found. */
    private static void reports(StringBuilder sb, boolean shrunk, String shrunkReport, long shrunkSeed,
                                Supplier<String> firstReport, long firstSeed, RunSeed run) {
        sb.append('\n').append(shrunk ? "report at the shrunk input:\n" : "report:\n")
                .append(forRun(shrunkReport, shrunkSeed, run));
        if (shrunk) {
            sb.append("\nreport at the input as first found:\n").append(forRun(firstReport.get(), firstSeed, run));
        }
    }

    /**
     * A report as the run shows it: its seed line names the check's seed as derived from the run's
     * ({@link RunSeed#derived}). Its point stays abbreviated: the input lines above it hold the
     * point in full where the text is attached, so a large point is not written out again per report.
     */
    private static String forRun(String report, long checkSeed, RunSeed run) {
        String seedLine = "\nseed: " + checkSeed;
        int at = report.lastIndexOf(seedLine);
        return at < 0 ? report : report.substring(0, at + 1) + run.derived(checkSeed)
                + report.substring(at + seedLine.length());
    }

    private static Diagnoses orNone(Diagnoses d) {
        return d == null ? Diagnoses.none() : d;
    }

    private String headline() {
        if (failure instanceof Outcome.WrongGradient wrong) {
            List<String> fix = wrong.shrunkReport().whatIsWrong();
            String more = fix.size() > 1 ? " (and " + (fix.size() - 1) + " more below)" : "";
            return "the claimed gradients of subject '" + wrong.firstReport().subject() + "' are WRONG; "
                    + (fix.isEmpty() ? wrong.shrunkReport().blame().origin()
                            .map(o -> "the first wrong node is '" + o + "'.").orElse("no single node could be blamed.")
                            : fix.get(0) + more + ".");
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

    private void inputs(StringBuilder sb, boolean full) {
        if (!(failure instanceof Outcome.ShrunkFailure shrunkFailure)) {
            sb.append("input: ").append(failure.firstPoint().map(p -> describe(p, full)).orElse("(none drawn)"))
                    .append('\n');
            abbreviated(sb, failure.firstPoint().stream().toList(), full);
            return;
        }
        ShrinkResult shrink = shrunkFailure.shrink();
        if (shrink.shrunk()) {
            sb.append("failing input (shrunk):  ").append(describe(shrink.simplest(), full)).append("   [")
                    .append(shrink.steps()).append(shrink.steps() == 1 ? " simplification in " : " simplifications in ")
                    .append(shrink.evaluations()).append(shrink.evaluations() == 1 ? " check]\n" : " checks]\n");
            sb.append("input as first found:    ").append(describe(shrink.original(), full)).append('\n');
        } else {
            sb.append("failing input:           ").append(describe(shrink.original(), full)).append('\n');
            sb.append("input as first found:    ").append(describe(shrink.original(), full))
                    .append(" (no simpler failing input found in ").append(shrink.evaluations())
                    .append(shrink.evaluations() == 1 ? " check)\n" : " checks)\n");
        }
        abbreviated(sb, List.of(shrink.simplest(), shrink.original()), full);
    }

    private static String describe(Point p, boolean full) {
        return full ? p.toFullString() : p.toString();
    }

    /** Says where the full points are when the message cut one short. */
    private static void abbreviated(StringBuilder sb, List<Point> points, boolean full) {
        if (!full && points.stream().anyMatch(p -> !p.toString().equals(p.toFullString()))) {
            sb.append("(points abbreviated after 8 elements; every element is in the attached ")
                    .append(GradientCheckExtension.REPORT_FILE).append(" and in the JSON report's \"point\")\n");
        }
    }
}
