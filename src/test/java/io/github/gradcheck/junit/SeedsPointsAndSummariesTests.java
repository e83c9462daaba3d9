package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.failureMessages;
import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static io.github.gradcheck.junit.GradientCheckTestKit.reportValues;
import static io.github.gradcheck.junit.GradientCheckTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** One seed story in the message and the attached files, full points in the files, visible passes. */
class SeedsPointsAndSummariesTests {

    @TempDir
    Path output;

    @ExtendWith(OnlyUnderTestKit.class)
    static class TwelveElementsTestCases {
        @GradientCheck(tries = 3, seed = 42, shrinkEvaluations = 20)
        void layerNorm(CheckSpec check) {
            check.subject(Sequential.of("layer norm of 12", new ShrinkingKeepsTheBugTests.LayerNorm(),
                    new ShrinkingKeepsTheBugTests.Loss()))
                 .input("x", Domain.uniform(-2, 2).shape(12));
        }
    }

    private Map<String, Path> files(EngineExecutionResults results) {
        Map<String, Path> files = new HashMap<>();
        results.allEvents().fileEntryPublished().stream().map(e -> e.getRequiredPayload(FileEntry.class).getPath())
                .forEach(p -> files.put(p.getFileName().toString(), p));
        return files;
    }

    @Test
    void theMessageAndTheAttachedFilesShowOneSeedAsTheSeedAndTheChecksSeedsAsDerived() throws Exception {
        EngineExecutionResults results = run(output, TwelveElementsTestCases.class);
        GradientCheckFailure failure = onlyFailure(results);
        String message = failure.getMessage();
        long checkSeed = failure.shrunkReport().orElseThrow().seed();

        assertThat(message.lines().filter(l -> l.startsWith("seed: "))).singleElement().asString()
                .startsWith("seed: 42 (from @GradientCheck(seed = ...)");
        assertThat(message.lines().filter(l -> l.contains("seed: ") && !l.startsWith("seed: ")
                && !l.startsWith("re-run"))).isNotEmpty().allSatisfy(l -> assertThat(l)
                .startsWith("check seed: " + checkSeed + ", derived from seed 42 (not a seed to re-run with)"));

        Map<String, Path> files = files(results);
        assertThat(files).containsKeys(GradientCheckExtension.REPORT_FILE, GradientCheckExtension.JSON_FILE,
                GradientCheckExtension.HTML_FILE);
        List<String> jsons = files.containsKey(GradientCheckExtension.FIRST_JSON_FILE)
                ? List.of(GradientCheckExtension.JSON_FILE, GradientCheckExtension.FIRST_JSON_FILE)
                : List.of(GradientCheckExtension.JSON_FILE);
        for (String name : jsons) {
            JsonObject json = JsonParser.parseString(Files.readString(files.get(name))).getAsJsonObject();
            assertThat(json.get("seed").getAsLong()).as(name).isEqualTo(42);
            JsonObject reproduce = json.getAsJsonObject("reproduce");
            assertThat(reproduce.get("seed").getAsLong()).isEqualTo(42);
            assertThat(reproduce.get("property").getAsString()).isEqualTo("-Dgradcheck.seed=42");
            assertThat(reproduce.get("checkSeedDerived").getAsBoolean()).isTrue();
            assertThat(reproduce.get("checkSeed").getAsLong())
                    .isEqualTo(json.getAsJsonObject("options").get("seed").getAsLong());
            assertThat(json.getAsJsonArray("point").get(0).getAsJsonObject().getAsJsonArray("values")).hasSize(12);
        }
        String html = Files.readString(files.get(GradientCheckExtension.HTML_FILE));
        assertThat(html).contains("<dt>seed</dt><dd><code>42</code>", "re-run: <code>-Dgradcheck.seed=42</code>",
                "<dt>check seed</dt><dd><code>" + checkSeed + "</code> (derived from the seed")
                .doesNotContain("\nseed: " + checkSeed);
    }

    @Test
    void theMessageAbbreviatesThePointAndSaysWhereTheFilesHoldItInFull() throws Exception {
        EngineExecutionResults results = run(output, TwelveElementsTestCases.class);
        GradientCheckFailure failure = onlyFailure(results);
        Point first = failure.firstPoint().orElseThrow();
        String message = failure.getMessage();

        assertThat(message).contains("input as first found:    " + first)
                .contains("… (4 more)")
                .contains("(points abbreviated after 8 elements; every element is in the attached gradcheck-report.txt"
                        + " and in the JSON report's \"point\")");
        String attached = Files.readString(files(results).get(GradientCheckExtension.REPORT_FILE));
        assertThat(attached).contains("input as first found:    " + first.toFullString())
                // each report's first line abbreviates: the input lines hold the point in full once
                .contains("gradcheck: subject 'layer norm of 12' at " + first + "\n");
        for (double v : first.get("x").toArray()) {
            assertThat(attached).contains(io.github.gradcheck.internal.format.Numbers.full(v));
        }
        String html = Files.readString(files(results).get(GradientCheckExtension.HTML_FILE));
        assertThat(html).contains(failure.shrunkPoint().orElseThrow().toFullString());
    }

    @Test
    void aPassingTestPublishesItsPointsEvaluationsAndWallTime() {
        EngineExecutionResults results = run(output, GradientCheckExtensionTests.PassingTestCases.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(reportValues(results, "gradcheck.points")).containsExactly("5 passed, 0 inconclusive");
        assertThat(reportValues(results, "gradcheck.evaluations")).singleElement().asString()
                .matches("[1-9]\\d* forward, [1-9]\\d* backward");
        assertThat(reportValues(results, "gradcheck.wallTime")).singleElement().asString().matches("\\d+\\.\\d{3} s");
    }

    @Test
    @ResourceLock(Resources.SYSTEM_OUT)
    void withSummaryPrintAPassingTestPrintsOneLine() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        EngineExecutionResults results;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            results = run(output, Map.of(GradientCheck.SUMMARY_PARAMETER, "print"),
                    GradientCheckExtensionTests.PassingTestCases.class);
        } finally {
            System.setOut(original);
        }
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        String evaluations = reportValues(results, "gradcheck.evaluations").get(0);
        assertThat(captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("gradcheck ")))
                .singleElement().asString()
                .startsWith("gradcheck [PassingTestCases.correctTraced(CheckSpec)]: ok, 5 points passed, 0 inconclusive"
                        + " (redrawn); " + evaluations + " evaluations in ")
                .matches(".* \\d+\\.\\d{3} s; seed -?\\d+");
    }

    @Test
    @ResourceLock(Resources.SYSTEM_OUT)
    void byDefaultAPassingTestPrintsNothing() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run(output, GradientCheckExtensionTests.PassingTestCases.class);
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("gradcheck [");
    }

    @Test
    void anUnknownSummarySettingIsAConfigurationError() {
        EngineExecutionResults results = run(output, Map.of(GradientCheck.SUMMARY_PARAMETER, "loud"),
                GradientCheckExtensionTests.PassingTestCases.class);
        assertThat(failureMessages(results)).singleElement().asString().isEqualTo("Configuration error:"
                + " @GradientCheck method [PassingTestCases.correctTraced(CheckSpec)] cannot use configuration parameter"
                + " gradcheck.summary = 'loud': it must be 'publish' (report entries only, the default) or 'print'"
                + " (also one line per passing test on standard output).");
    }
}
