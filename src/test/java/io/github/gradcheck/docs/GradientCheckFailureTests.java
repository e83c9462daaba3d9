package io.github.gradcheck.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.github.gradcheck.junit.CheckSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The failure message and attachments docs/junit.md shows are what a failing {@code @GradientCheck} gives. */
class GradientCheckFailureTests {

    static final Path JUNIT = Path.of("docs", "junit.md");

    @TempDir
    Path output;

    private EngineExecutionResults run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(BrokenBackprop.class, method, CheckSpec.class.getName()))
                .configurationParameter(BrokenBackprop.PARAMETER, "true")
                .outputDirectoryCreator(new OutputDirectoryCreator() {
                    @Override
                    public Path getRootDirectory() {
                        return output;
                    }

                    @Override
                    public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
                        return Files.createDirectories(output.resolve(
                                descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9._-]+", "_")));
                    }
                })
                .execute();
    }

    private static String onlyFailureMessage(EngineExecutionResults results) {
        List<String> messages = results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .toList();
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    @Test
    void theFailureMessageShownIsTheMessageGiven() {
        String message = onlyFailureMessage(run("broken"));

        Markdown.assertExcerpt(Markdown.blockStartingWith(JUNIT, "@GradientCheck ["), message);
    }

    @Test
    void theConfigurationErrorShownIsTheMessageGiven() {
        String message = onlyFailureMessage(run("noTries"));

        assertThat(Markdown.blockStartingWith(JUNIT, "Configuration error:").text()).isEqualTo(message);
    }

    @Test
    void theReportIsAttachedAsTextJsonAndHtml() {
        EngineExecutionResults results = run("broken");

        List<String> files = results.allEvents().fileEntryPublished().stream()
                .map(e -> e.getRequiredPayload(FileEntry.class).getPath().getFileName().toString()).toList();
        assertThat(files).containsExactlyInAnyOrder("gradcheck-report.txt", "gradcheck-report.json",
                "gradcheck-report.html", "gradcheck-report-first-found.json", "gradcheck-report-first-found.html");
    }
}
