package io.github.gradcheck.examples.broken;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.ReportFiles;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.Subject;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The four broken examples, each with the node that should be blamed and the diagnosis it
 * should get. {@link #main} checks each, prints the text report and writes the JSON and HTML
 * reports into a directory (the first argument, default {@code target/gradcheck-reports}).
 */
public enum BrokenExamples {
    /** A subtraction whose backward forgets the minus. */
    SIGN(WrongSign::subject, WrongSign.POINT, "b", DiagnosisKind.WRONG_SIGN),
    /** A matrix product whose backward returns d(A) transposed. */
    TRANSPOSE(Transposed::subject, Transposed.POINT, "A", DiagnosisKind.TRANSPOSED),
    /** A mean whose backward forgets to divide by N. */
    MISSING_ONE_OVER_N(MissingMeanDivision::subject, MissingMeanDivision.POINT, "sq", DiagnosisKind.CONSTANT_FACTOR),
    /** Traced code that overwrites a fan-out gradient instead of summing. */
    FAN_OUT_OVERWRITE(FanOutOverwrite::subject, FanOutOverwrite.POINT, "h", DiagnosisKind.FAN_OUT_OVERWRITE);

    private final Function<Boolean, Subject> subject;
    private final Point point;
    private final String blamed;
    private final DiagnosisKind kind;

    BrokenExamples(Function<Boolean, Subject> subject, Point point, String blamed, DiagnosisKind kind) {
        this.subject = subject;
        this.point = point;
        this.blamed = blamed;
        this.kind = kind;
    }

    /** The subject, broken or correct. */
    public Subject subject(boolean broken) {
        return subject.apply(broken);
    }

    /** Where it is checked. */
    public Point point() {
        return point;
    }

    /** The node where the error starts. */
    public String blamed() {
        return blamed;
    }

    /** The diagnosis the blamed node should get. */
    public DiagnosisKind kind() {
        return kind;
    }

    /** Checks each broken example, prints its text report and writes its JSON and HTML reports. */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/gradcheck-reports");
        for (BrokenExamples e : values()) {
            Subject s = e.subject(true);
            GradientReport report = new GradientChecker().check(s, e.point());
            Diagnoses diagnoses = Diagnoses.of(report, s);
            System.out.println(TextReport.render(report, diagnoses));
            List<Path> files = ReportFiles.write(report, diagnoses, dir);
            System.out.println("written: " + files + "\n");
        }
    }
}
