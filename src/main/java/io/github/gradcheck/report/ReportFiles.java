package io.github.gradcheck.report;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Writes the JSON and the HTML report of one check side by side, for front-ends that attach
 * them to a test (the JUnit extension) and for scripts.
 *
 * <pre>{@code
 * List<Path> files = ReportFiles.write(report, Diagnoses.of(report, subject), Path.of("target/gradcheck"));
 * // [target/gradcheck/gradcheck-squared-distance-24301.json, target/gradcheck/gradcheck-squared-distance-24301.html]
 * }</pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * Writes both files with the diagnoses that follow from the report alone
     * ({@link Diagnoses#of(GradientReport)}); see {@link #write(GradientReport, Diagnoses, Path)}.
     *
     * @param report the report of a check
     * @param directory where to write them (created if needed)
     * @return the JSON file and the HTML file, in that order
     * @throws UncheckedIOException naming the file that could not be written
     */
    public static List<Path> write(GradientReport report, Path directory) {
        return write(report, Diagnoses.of(Objects.requireNonNull(report, "the report to render must not be null; pass what GradCheck.check returned")), directory);
    }

    /**
     * Writes {@code <base>.json} and {@code <base>.html} into {@code directory} (created if
     * needed), where the base name is {@link #baseName(GradientReport)}; existing files of
     * that name are replaced.
     *
     * @param report the report of a check
     * @param diagnoses the diagnoses both files include, e.g. {@code Diagnoses.of(report, subject)}
     * @param directory where to write them
     * @return the JSON file and the HTML file, in that order
     * @throws UncheckedIOException naming the file that could not be written
     */
    public static List<Path> write(GradientReport report, Diagnoses diagnoses, Path directory) {
        Objects.requireNonNull(report, "the report to render must not be null; pass what GradCheck.check returned");
        Objects.requireNonNull(diagnoses, "the diagnoses must not be null; use Diagnoses.of(report) for those of the report alone");
        Objects.requireNonNull(directory, "the directory to write the report files to must not be null; e.g. Path.of(\"target/gradcheck\")");
        String base = baseName(report);
        Path json = JsonReport.write(report, diagnoses, directory.resolve(base + ".json"));
        Path html = HtmlReport.write(report, diagnoses, directory.resolve(base + ".html"));
        return List.of(json, html);
    }

    /**
     * {@return {@code gradcheck-<subject>-<seed>}: the subject's name reduced to lower-case
     * letters, digits and dashes (at most 60 characters; {@code subject} when nothing is left),
     * then the seed, e.g. {@code gradcheck-squared-distance-24301}}
     *
     * @param report the report of a check
     */
    public static String baseName(GradientReport report) {
        String slug = report.subject().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-$", "");
        }
        return "gradcheck-" + (slug.isEmpty() ? "subject" : slug) + "-" + report.seed();
    }

    /**
     * Writes the JSON and the HTML report of a Jacobian or Hessian check into {@code directory}
     * (created if needed), named as {@link #baseName(JacobianReport)} says.
     *
     * @param report the report of a forward or second-order check
     * @param diagnoses the diagnoses both files include, e.g. {@code Diagnoses.of(report)}
     * @param directory where to write them
     * @return the JSON file and the HTML file, in that order
     * @throws UncheckedIOException naming the file that could not be written
     * @since 0.1.0
     */
    public static List<Path> write(JacobianReport report, Diagnoses diagnoses, Path directory) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(diagnoses, "diagnoses");
        Objects.requireNonNull(directory, "directory");
        return writeBoth(directory, baseName(report), JsonReport.render(report, diagnoses),
                HtmlReport.render(report, diagnoses));
    }

    /**
     * {@return the base name of a Jacobian or Hessian check's files: as for a gradient check, with
     * {@code jacobian} or {@code hessian} after {@code gradcheck}, e.g.
     * {@code gradcheck-jacobian-range-bearing-24301}}
     *
     * @param report the report of a forward or second-order check
     * @since 0.1.0
     */
    public static String baseName(JacobianReport report) {
        String slug = report.subject().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-$", "");
        }
        return "gradcheck-" + (report.kind().secondOrder() ? "hessian" : "jacobian") + "-"
                + (slug.isEmpty() ? "subject" : slug) + "-" + report.seed();
    }

    /**
     * Writes the JSON and the HTML report of a tangent check into {@code directory} (created if
     * needed), named as {@link #baseName(TangentReport)} says.
     *
     * @param report the report of {@code GradCheck.checkTangents}
     * @param diagnoses the diagnoses both files include, e.g. {@code Diagnoses.of(report)}
     * @param directory where to write them
     * @return the JSON file and the HTML file, in that order
     * @throws UncheckedIOException naming the file that could not be written
     * @since 0.1.0
     */
    public static List<Path> write(TangentReport report, Diagnoses diagnoses, Path directory) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(diagnoses, "diagnoses");
        Objects.requireNonNull(directory, "directory");
        return writeBoth(directory, baseName(report), JsonReport.render(report, diagnoses),
                HtmlReport.render(report, diagnoses));
    }

    /**
     * {@return the base name of a tangent check's files: as for a gradient check, with {@code
     * tangents} after {@code gradcheck}, e.g. {@code gradcheck-tangents-mlp-tangents-24301}}
     *
     * @param report the report of {@code GradCheck.checkTangents}
     * @since 0.1.0
     */
    public static String baseName(TangentReport report) {
        return "gradcheck-tangents-" + slug(report.subject()) + "-" + report.seed();
    }

    /** {@return a subject's name in a file name: lower case, dashes, at most 60 characters, "subject" when nothing is left} */
    private static String slug(String subject) {
        String slug = subject.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-$", "");
        }
        return slug.isEmpty() ? "subject" : slug;
    }

    /** Writes a report's JSON and HTML side by side as {@code base.json} and {@code base.html}. */
    private static List<Path> writeBoth(Path directory, String base, String json, String html) {
        return List.of(writeText(directory.resolve(base + ".json"), json, "JSON report"),
                writeText(directory.resolve(base + ".html"), html, "HTML report"));
    }

    static Path writeText(Path file, String text, String what) {
        Objects.requireNonNull(file, "the file to write the report to must not be null; e.g. Path.of(\"target/gradcheck/report.json\")");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + what + " to " + file + ": " + e.getMessage(), e);
        }
    }
}
