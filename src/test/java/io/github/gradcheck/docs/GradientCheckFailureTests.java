package io.github.gradcheck.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

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

    @TempDir
    Path output;

    private EngineExecutionResults runBrokenBackprop() {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(BrokenBackprop.class))
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

    @Test
    void theMessageShownIsTheMessageGiven() {
        EngineExecutionResults results = runBrokenBackprop();

        List<String> messages = results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .toList();
        assertThat(messages).hasSize(1);
        Markdown.assertExcerpt(Markdown.blockStartingWith(Path.of("docs", "junit.md"), "@GradientCheck ["),
                messages.get(0));
    }

    @Test
    void theReportIsAttachedAsTextJsonAndHtml() {
        EngineExecutionResults results = runBrokenBackprop();

        List<String> files = results.allEvents().fileEntryPublished().stream()
                .map(e -> e.getRequiredPayload(FileEntry.class).getPath().getFileName().toString()).toList();
        assertThat(files).containsExactlyInAnyOrder("gradcheck-report.txt", "gradcheck-report.json",
                "gradcheck-report.html");
    }
}
