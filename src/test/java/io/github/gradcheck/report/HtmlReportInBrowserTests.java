package io.github.gradcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.examples.broken.Transposed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real headless Chromium: its script runs, and the node where
 * the error starts is on screen and marked. Skipped, with the reason, where Chromium is not
 * installed (CI installs it).
 */
class HtmlReportInBrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path dir;

    static Path page;

    @BeforeAll
    static void writePage() {
        GradientReport report = new GradientChecker().check(Transposed.subject(true), Transposed.POINT);
        page = HtmlReport.write(report, dir.resolve("report.html"));
    }

    static String run(String... extra) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
                + " (install the 'chromium' package to run the browser test)");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                "--window-size=1280,1000"));
        command.addAll(List.of(extra));
        command.add(page.toUri().toString());
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 60 s: " + command);
        }
        assertThat(p.exitValue()).as("Chromium's exit code for %s", command).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void theScriptRunsAndTheBlamedNodeIsVisibleAndMarked() throws Exception {
        String dom = run("--dump-dom");
        assertThat(dom).contains("data-rendered=\"true\"").contains("data-blame=\"A\"")
                .contains("data-blame-visible=\"true\"");
        assertThat(dom).containsPattern("<g class=\"node fail blame( selected)?\" id=\"node-\\d+\" data-node=\"A\"");
        assertThat(dom).contains("'A' is transposed: analytic[i,j] = numeric[j,i]");
    }

    @Test
    void itRendersToANonEmptyScreenshot() throws Exception {
        Path png = dir.resolve("report.png");
        run("--screenshot=" + png);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
