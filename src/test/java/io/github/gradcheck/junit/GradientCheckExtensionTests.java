package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.failureMessages;
import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailureMessage;
import static io.github.gradcheck.junit.GradientCheckTestKit.outcomes;
import static io.github.gradcheck.junit.GradientCheckTestKit.reportValues;
import static io.github.gradcheck.junit.GradientCheckTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.input.PointSource;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.FunctionSubject;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.AssertionFailedError;

class GradientCheckExtensionTests {

    @TempDir
    Path output;

    @Nested
    class Passing {

        @Test
        void aCorrectSubjectIsOneSucceedingTestThatPublishesItsSeedAndPointCount() {
            EngineExecutionResults results = run(output, PassingTestCases.class);

            results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
            assertThat(reportValues(results, "gradcheck.points")).containsExactly("5 passed, 0 inconclusive");
            assertThat(reportValues(results, "gradcheck.seed")).singleElement().asString().matches("-?\\d+");
        }
    }

    @Nested
    class Failing {

        @Test
        void theMessageBlamesDenAndShowsTheShrunkAndFirstInputTheTryAndTheSeed() {
            EngineExecutionResults results = run(output, BrokenWorkedExampleTestCases.class);
            String message = onlyFailureMessage(results);

            assertThat(message)
                    .contains("[BrokenWorkedExampleTestCases.brokenTraced(CheckSpec)]")
                    .contains("the backward rule that maps d(invden) to d(den) is wrong")
                    .contains("'den' is the first node whose gradient is wrong")
                    // shrunk only while the same bug shows as clearly: never to x + y = 0 (ShrinkingKeepsTheBugTests)
                    .containsPattern("failing input \\(shrunk\\):  x = \\S+, y = \\S+   \\[")
                    .contains("report at the shrunk input:", "report at the input as first found:")
                    .contains("input as first found:")
                    .contains("found at try 1:")
                    .contains("(chosen at random for this run;")
                    .containsPattern("re-run exactly this: -Dgradcheck\\.seed=-?\\d+")
                    .containsPattern("@GradientCheck\\(seed = -?\\d+L\\)")
                    .contains("mvn test -Dtest='BrokenWorkedExampleTestCases#brokenTraced'");

            GradientCheckFailure failure = onlyFailure(results);
            assertThat(failure).isInstanceOf(AssertionFailedError.class).hasNoCause();
            // shrunk, but never to x + y = 0 as it was before shrinking kept the bug: there y's gradient is right
            assertThat(failure.shrunkPoint()).isNotEqualTo(failure.firstPoint()).hasValueSatisfying(p ->
                    assertThat(p.get("x").asScalar() + p.get("y").asScalar()).isNotZero());
            assertThat(failure.firstPoint()).hasValueSatisfying(p ->
                    assertThat(message).contains("input as first found:    " + p + "\n"));
            assertThat(failure.tryNumber()).isEqualTo(1);
            assertThat(message).contains("seed: " + failure.seed() + " (");
            assertThat(failure.shrunkReport()).hasValueSatisfying(r -> {
                assertThat(r.blame().origin()).hasValue("den");
                assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
                assertThat(Optional.of(r.point())).isEqualTo(failure.shrunkPoint());
            });
            assertThat(failure.firstReport()).hasValueSatisfying(r -> {
                assertThat(r.blame().origin()).hasValue("den");
                assertThat(Optional.of(r.point())).isEqualTo(failure.firstPoint());
            });
        }

        @Test
        void rerunningWithThePrintedSeedReproducesTheSameFirstFailingInput() {
            EngineExecutionResults firstRun = run(output, BrokenWorkedExampleTestCases.class);
            String first = onlyFailureMessage(firstRun);
            String seed = group(first, "seed: (-?\\d+) ");

            EngineExecutionResults againRun = run(output, Map.of("gradcheck.seed", seed),
                    BrokenWorkedExampleTestCases.class);
            String again = onlyFailureMessage(againRun);

            assertThat(group(again, "input as first found: +(.*)\n")).isEqualTo(group(first,
                    "input as first found: +(.*)\n"));
            assertThat(group(again, "found at try (\\d+)")).isEqualTo(group(first, "found at try (\\d+)"));
            assertThat(again).contains("seed: " + seed + " (from configuration parameter gradcheck.seed;");

            GradientCheckFailure firstFailure = onlyFailure(firstRun);
            GradientCheckFailure againFailure = onlyFailure(againRun);
            assertThat(firstFailure.seed()).isEqualTo(Long.parseLong(seed));
            assertThat(againFailure.seed()).isEqualTo(firstFailure.seed());
            assertThat(againFailure.firstPoint()).isPresent().isEqualTo(firstFailure.firstPoint());
            assertThat(againFailure.shrunkPoint()).isPresent().isEqualTo(firstFailure.shrunkPoint());
            assertThat(againFailure.tryNumber()).isEqualTo(firstFailure.tryNumber());
        }

        @Test
        void differentSeedsDrawDifferentPoints() {
            String a = onlyFailureMessage(run(output, Map.of("gradcheck.seed", "1"), BrokenWorkedExampleTestCases.class));
            String b = onlyFailureMessage(run(output, Map.of("gradcheck.seed", "2"), BrokenWorkedExampleTestCases.class));

            assertThat(group(a, "input as first found: +(.*)\n")).isNotEqualTo(group(b, "input as first found: +(.*)\n"));
        }

        @Test
        void theReportIsAttachedAsTextJsonAndHtml() throws Exception {
            EngineExecutionResults results = run(output, BrokenWorkedExampleTestCases.class);

            List<FileEntry> files = results.allEvents().fileEntryPublished().stream()
                    .map(e -> e.getRequiredPayload(FileEntry.class)).toList();
            assertThat(files).extracting(f -> f.getPath().getFileName().toString()).containsExactly(
                    GradientCheckExtension.REPORT_FILE, GradientCheckExtension.JSON_FILE,
                    GradientCheckExtension.HTML_FILE, GradientCheckExtension.FIRST_JSON_FILE,
                    GradientCheckExtension.FIRST_HTML_FILE);
            assertThat(files).allSatisfy(f -> assertThat(f.getPath()).exists().isNotEmptyFile());
            assertThat(files.get(0).getMediaType()).hasValue("text/plain; charset=UTF-8");
            assertThat(files.get(1).getMediaType()).hasValue("application/json");
            assertThat(files.get(2).getMediaType()).hasValue("text/html; charset=UTF-8");
            String text = Files.readString(files.get(0).getPath());
            // scalar inputs: the attachment (points in full) is the message itself
            assertThat(text).isEqualTo(onlyFailureMessage(results)).contains("report at the input as first found:");
            assertThat(Files.readString(files.get(1).getPath())).contains("\"format\"", "\"den\"", "wrong sign");
            assertThat(Files.readString(files.get(2).getPath())).contains("den", "blame");
        }

        @Test
        void theFailureSerializesWithItsMessageSeedAndTryButWithoutItsPointsAndReports() throws Exception {
            GradientCheckFailure failure = onlyFailure(run(output, BrokenWorkedExampleTestCases.class));

            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(failure);
            }
            Object read;
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                read = in.readObject();
            }

            assertThat(read).isInstanceOfSatisfying(GradientCheckFailure.class, back -> {
                assertThat(back).hasMessage(failure.getMessage());
                assertThat(back.seed()).isEqualTo(failure.seed());
                assertThat(back.tryNumber()).isEqualTo(failure.tryNumber());
                assertThat(back.firstPoint()).isEmpty();
                assertThat(back.shrunkPoint()).isEmpty();
                assertThat(back.firstReport()).isEmpty();
                assertThat(back.shrunkReport()).isEmpty();
            });
        }

        @Test
        void givenPointsAreCheckedAsGivenAndNotShrunkWithoutDomains() {
            EngineExecutionResults results = run(output, PointSourceTestCases.class, "givenPoint");
            String message = onlyFailureMessage(results);

            assertThat(message).contains("failing input:           x = 3.0, y = -4.0")
                    .contains("no simpler failing input found in 0 checks")
                    .contains("the backward rule that maps d(invden) to d(den) is wrong");

            GradientCheckFailure failure = onlyFailure(results);
            assertThat(failure.firstPoint()).hasValue(WorkedExample.POINT);
            assertThat(failure.shrunkPoint()).hasValue(WorkedExample.POINT);
            assertThat(failure.shrunkReport()).isPresent().isEqualTo(failure.firstReport());
        }

        @Test
        void givenPointsAreShrunkWithinTheDomainsDeclaredForThem() {
            EngineExecutionResults results = run(output, PointSourceTestCases.class, "givenPointWithDomains");
            String message = onlyFailureMessage(results);

            assertThat(message).contains("failing input (shrunk):  x = 2.0, y = 0.0")
                    .contains("input as first found:    x = 3.0, y = -4.0");

            GradientCheckFailure failure = onlyFailure(results);
            assertThat(failure.shrunkPoint()).hasValue(Point.of("x", 2.0, "y", 0.0));
            assertThat(failure.firstPoint()).hasValue(WorkedExample.POINT);
            assertThat(failure.shrunkReport().map(GradientReport::point)).isEqualTo(failure.shrunkPoint());
            assertThat(failure.firstReport().map(GradientReport::point)).isEqualTo(failure.firstPoint());
        }

        @Test
        void aSubjectThatThrowsFailsWithItsMessageThePointAndTheSeedShrunkWhileTheSameExceptionPersists() {
            // at x = 1 the forward itself succeeds, but the finite differences step past 1: the same exception,
            // so 1 is the simplest point that still fails that way
            EngineExecutionResults results = run(output, SubjectThrowsTestCases.class);
            String message = onlyFailureMessage(results);

            assertThat(message).contains("the subject failed: subject 'throws above 1'")
                    .contains("x must not exceed 1")
                    .contains("failing input (shrunk):  x = 1.0")
                    .contains("input as first found:    x = 2.69")
                    .containsPattern("seed: -?\\d+");

            GradientCheckFailure failure = onlyFailure(results);
            assertThat(failure.getCause()).isInstanceOf(SubjectException.class)
                    .hasMessageContaining("subject 'throws above 1'")
                    .hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasRootCauseMessage("x must not exceed 1");
            assertThat(failure.shrunkPoint()).hasValue(Point.of("x", 1.0));
            assertThat(failure.firstPoint()).hasValueSatisfying(p ->
                    assertThat(p.get("x").asScalar()).isGreaterThan(1.0));
            assertThat(failure.seed()).isEqualTo(5);
            assertThat(failure.shrunkReport()).isEmpty();
            assertThat(failure.firstReport()).isEmpty();
        }
    }

    @Nested
    class BrokenPointSource {

        @Test
        void aPointSourceThatThrowsFailsTheTestWithTheDrawAndTheSeed() {
            EngineExecutionResults results = run(output, PointSourceTestCases.class, "throwingSource");
            String message = onlyFailureMessage(results);

            assertThat(message).contains("[PointSourceTestCases.throwingSource(CheckSpec)]: the point source")
                    .contains("threw while drawing the point: java.lang.IllegalStateException: out of points")
                    .contains("input: (none drawn)")
                    .contains("found at try 1:")
                    .contains("seed: 8 (from @GradientCheck(seed = ...);");

            GradientCheckFailure failure = onlyFailure(results);
            assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("out of points");
            assertThat(failure.seed()).isEqualTo(8);
            assertThat(failure.tryNumber()).isEqualTo(1);
            assertThat(failure.firstPoint()).isEmpty();
            assertThat(failure.shrunkPoint()).isEmpty();
            assertThat(failure.firstReport()).isEmpty();
            assertThat(failure.shrunkReport()).isEmpty();
        }
    }

    @Nested
    class Inconclusive {

        @Test
        void inconclusivePointsAreRedrawnAndCountedNeverFailed() {
            EngineExecutionResults results = run(output, InconclusiveTestCases.class, "halfInconclusive");

            results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
            String points = reportValues(results, "gradcheck.points").get(0);
            assertThat(points).startsWith("10 passed, ");
            assertThat(Integer.parseInt(group(points, ", (\\d+) inconclusive"))).isPositive();
        }

        @Test
        void aCheckWhoseEveryPointIsInconclusiveIsAbortedNotPassed() {
            EngineExecutionResults results = run(output, InconclusiveTestCases.class, "allInconclusive");

            results.testEvents().assertStatistics(s -> s.aborted(1).succeeded(0).failed(0));
            assertThat(reportValues(results, "gradcheck.points")).containsExactly("0 passed, 8 inconclusive");
        }
    }

    @Nested
    class Configuration {

        @Test
        void aConfigurationParameterSetsTheTriesOfMethodsThatDoNotSayAndTheAnnotationWins() {
            EngineExecutionResults results = run(output, Map.of("gradcheck.tries", "7"), ConfiguredTestCases.class,
                    "fromDefaults", "threeTries");

            assertThat(reportValues(results, "gradcheck.points"))
                    .containsExactlyInAnyOrder("7 passed, 0 inconclusive", "3 passed, 0 inconclusive");
        }

        @Test
        void withoutConfigurationTheDefaultIsAHundredTries() {
            EngineExecutionResults results = run(output, ConfiguredTestCases.class, "fromDefaults");

            assertThat(reportValues(results, "gradcheck.points")).containsExactly("100 passed, 0 inconclusive");
        }

        @Test
        void aConfiguredSeedIsUsedWhereTheAnnotationGivesNoneAndTheAnnotationSeedWins() {
            EngineExecutionResults results = run(output, Map.of("gradcheck.seed", "123"), ConfiguredTestCases.class,
                    "threeTries", "seeded");

            assertThat(reportValues(results, "gradcheck.seed")).containsExactlyInAnyOrder("123", "4242");
        }

        @Test
        @ResourceLock(Resources.SYSTEM_PROPERTIES)
        void aSeedGivenAsASystemPropertyWinsOverEverything() {
            String before = System.getProperty("gradcheck.seed");
            System.setProperty("gradcheck.seed", "99");
            try {
                EngineExecutionResults results = run(output, Map.of("gradcheck.seed", "123"),
                        ConfiguredTestCases.class, "threeTries", "seeded");

                assertThat(reportValues(results, "gradcheck.seed")).containsExactly("99", "99");
            } finally {
                if (before == null) {
                    System.clearProperty("gradcheck.seed");
                } else {
                    System.setProperty("gradcheck.seed", before);
                }
            }
        }

        @Test
        @ResourceLock(Resources.SYSTEM_PROPERTIES)
        void triesGivenAsASystemPropertyWinOverTheAnnotationAndTheFactorIsNotAppliedToThem() {
            String before = System.getProperty("gradcheck.tries");
            System.setProperty("gradcheck.tries", "5");
            try {
                EngineExecutionResults results = run(output, Map.of("gradcheck.tries", "7",
                        "gradcheck.triesFactor", "3"), ConfiguredTestCases.class, "fromDefaults", "threeTries");

                assertThat(reportValues(results, "gradcheck.points"))
                        .containsExactly("5 passed, 0 inconclusive", "5 passed, 0 inconclusive");
            } finally {
                if (before == null) {
                    System.clearProperty("gradcheck.tries");
                } else {
                    System.setProperty("gradcheck.tries", before);
                }
            }
        }

        @Test
        void theTriesFactorScalesEveryMethodsTriesRoundingUp() {
            EngineExecutionResults scaledUp = run(output, Map.of("gradcheck.tries", "7", "gradcheck.triesFactor", "2"),
                    ConfiguredTestCases.class, "fromDefaults", "threeTries");
            EngineExecutionResults scaledDown = run(output, Map.of("gradcheck.triesFactor", "0.25"),
                    ConfiguredTestCases.class, "threeTries");

            assertThat(reportValues(scaledUp, "gradcheck.points"))
                    .containsExactlyInAnyOrder("14 passed, 0 inconclusive", "6 passed, 0 inconclusive");
            assertThat(reportValues(scaledDown, "gradcheck.points")).containsExactly("1 passed, 0 inconclusive");
        }

        @Test
        void aBadTriesFactorNamesTheParameterAndTheFix() {
            assertThat(onlyFailureMessage(run(output, Map.of("gradcheck.triesFactor", "-2"), ConfiguredTestCases.class,
                    "fromDefaults")))
                    .isEqualTo("Configuration error: @GradientCheck method [ConfiguredTestCases.fromDefaults(CheckSpec)]"
                            + " cannot use gradcheck.triesFactor = '-2': it must be a positive number that scales"
                            + " every method's tries, e.g. gradcheck.triesFactor=10 for ten times as many points.");
        }

        @Test
        void theCotangentModeCanBeSetForTheBuild() {
            EngineExecutionResults results = run(output, Map.of("gradcheck.cotangents", "full_jacobian"),
                    ConfiguredTestCases.class, "vectorOutput");

            results.testEvents().assertStatistics(s -> s.succeeded(1));
            assertThat(onlyFailureMessage(run(output, Map.of("gradcheck.cotangents", "full_jacobian"),
                    ConfiguredTestCases.class, "brokenVectorOutput")))
                    .contains("[0] out0");
        }

        @Test
        void theShrinkBudgetCanBeSetForTheBuildAndZeroTurnsShrinkingOff() {
            EngineExecutionResults results = run(output, Map.of("gradcheck.shrink.evaluations", "0"),
                    BrokenWorkedExampleTestCases.class);
            String message = onlyFailureMessage(results);

            assertThat(message).contains("(no simpler failing input found in 0 checks)");

            GradientCheckFailure failure = onlyFailure(results);
            assertThat(failure.shrunkPoint()).isPresent().isEqualTo(failure.firstPoint());
            assertThat(failure.shrunkReport()).isPresent().isEqualTo(failure.firstReport());
        }

        @Test
        void aComposedAnnotationCarriesItsSettings() {
            EngineExecutionResults results = run(output, Map.of("gradcheck.tries", "50"), ComposedTestCases.class);

            results.testEvents().assertStatistics(s -> s.succeeded(1));
            assertThat(reportValues(results, "gradcheck.points")).containsExactly("2 passed, 0 inconclusive");
            assertThat(reportValues(results, "gradcheck.seed")).containsExactly("31");
        }

        @Test
        void badConfigurationParametersNameTheParameterAndTheFix() {
            assertThat(onlyFailureMessage(run(output, Map.of("gradcheck.tries", "-3"), ConfiguredTestCases.class,
                    "fromDefaults")))
                    .isEqualTo("Configuration error: @GradientCheck method [ConfiguredTestCases.fromDefaults(CheckSpec)]"
                            + " must check a positive number of points, but tries = -3 from configuration parameter"
                            + " gradcheck.tries; set tries to 1 or more, e.g. @GradientCheck(tries = 100).");
            assertThat(onlyFailureMessage(run(output, Map.of("gradcheck.seed", "abc"), ConfiguredTestCases.class,
                    "fromDefaults")))
                    .contains("cannot use configuration parameter gradcheck.seed = 'abc'");
            assertThat(onlyFailureMessage(run(output, Map.of("gradcheck.cotangents", "sideways"),
                    ConfiguredTestCases.class, "fromDefaults")))
                    .contains("gradcheck.cotangents = 'sideways'").contains("[RANDOM, FULL_JACOBIAN]");
            assertThat(onlyFailureMessage(run(output, Map.of("gradcheck.tolerance.safety", "-1"),
                    ConfiguredTestCases.class, "fromDefaults")))
                    .contains("configuration parameter gradcheck.tolerance.safety = -1.0")
                    .contains("the safety factor must be a positive finite number");
        }

        @Test
        void theSafetyFactorReachesTheTolerance() {
            // the broken worked example fails by a factor of 2 in relative error; a safety factor
            // of 1e15 makes every tolerance wider than the gradients, so nothing can fail any more
            EngineExecutionResults strict = run(output, BrokenWorkedExampleTestCases.class);
            EngineExecutionResults lax = run(output, Map.of("gradcheck.tolerance.safety", "1e15"),
                    BrokenWorkedExampleTestCases.class);

            strict.testEvents().assertStatistics(s -> s.failed(1));
            lax.testEvents().assertStatistics(s -> s.failed(0));
        }
    }

    @Nested
    class Misconfiguration {

        @Test
        void eachMisconfigurationFailsWithASentenceNamingTheMethodAndTheFix() {
            EngineExecutionResults results = run(output, MisconfiguredTestCases.class);

            results.testEvents().assertStatistics(s -> s.started(6).failed(6));
            Map<String, String> byMethod = outcomes(results);
            assertThat(byMethod.get("zeroTries(CheckSpec)")).isEqualTo("FAILED: Configuration error: @GradientCheck"
                    + " method [MisconfiguredTestCases.zeroTries(CheckSpec)] must check a positive number of points,"
                    + " but tries = 0 on the annotation; set tries to 1 or more, e.g. @GradientCheck(tries = 100).");
            assertThat(byMethod.get("noSubject(CheckSpec)")).contains(
                    "[MisconfiguredTestCases.noSubject(CheckSpec)] declared no subject; call check.subject(...)");
            assertThat(byMethod.get("noParameter()")).contains(
                    "[MisconfiguredTestCases.noParameter()] declared no subject: it has no CheckSpec parameter");
            assertThat(byMethod.get("noInputs(CheckSpec)")).contains(
                    "[MisconfiguredTestCases.noInputs(CheckSpec)] declared no inputs for subject")
                    .contains("check.input(name, domain)");
            assertThat(byMethod.get("emptyDomain(CheckSpec)")).contains(
                    "[MisconfiguredTestCases.emptyDomain(CheckSpec)] declares a domain that cannot produce values:"
                            + " uniform(-1.0, 1.0).awayFrom(0.0, 2.0) contains no values");
            assertThat(byMethod.get("twoSeeds(CheckSpec)")).contains("gives 2 values for 'seed'; give one");
        }

        @Test
        void aNonVoidGradientCheckFailsTheOtherChecksOfItsClassNamingItAndTheFix() {
            EngineExecutionResults results = run(output, NonVoidTestCases.class);

            results.testEvents().assertStatistics(s -> s.started(1).failed(1));
            assertThat(onlyFailureMessage(results)).startsWith("Configuration error: @GradientCheck method"
                    + " [NonVoidTestCases.returnsAValue(CheckSpec)] returns a value, so JUnit never runs it;"
                    + " declare it void.");
        }

        @Test
        void jUnitItselfOnlyWarnsAboutTheNonVoidMethodAtDiscovery() {
            List<DiscoveryIssue> issues = EngineTestKit.engine("junit-jupiter")
                    .selectors(DiscoverySelectors.selectClass(NonVoidTestCases.class))
                    .discover().getDiscoveryIssues();

            assertThat(issues).anySatisfy(i -> {
                assertThat(i.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
                assertThat(i.message()).contains("returnsAValue").contains("must not return a value");
            });
        }
    }

    @Nested
    class Parallel {

        @Test
        void eightMethodsRunConcurrentlyGiveTheSameOutcomesAndMessagesAsSequential() {
            EngineExecutionResults sequential = run(output, ParallelTestCases.class);
            EngineExecutionResults parallel = run(output, Map.of(
                    "junit.jupiter.execution.parallel.enabled", "true",
                    "junit.jupiter.execution.parallel.mode.default", "concurrent",
                    "junit.jupiter.execution.parallel.config.strategy", "fixed",
                    "junit.jupiter.execution.parallel.config.fixed.parallelism", "8"), ParallelTestCases.class);

            assertThat(outcomes(sequential)).hasSize(8);
            assertThat(failureMessages(sequential)).hasSize(4);
            // the outcomes include every failure message with its report: same points, verdicts and text
            assertThat(outcomes(parallel)).isEqualTo(outcomes(sequential));
        }

        @Test
        void eachMethodAloneAndInReverseOrderGivesTheSameOutcomeAsInItsClass() {
            Map<String, String> together = outcomes(run(output, ParallelTestCases.class));
            String[] methods = {"brokenNetwork", "network", "brokenFunction", "brokenGraph", "brokenTraced",
                "function", "graph", "traced"};
            Map<String, String> alone = new java.util.HashMap<>();
            for (String m : methods) {
                alone.putAll(outcomes(run(output, ParallelTestCases.class, m)));
            }
            assertThat(alone).isEqualTo(together);
        }
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return m.group(1);
    }

    // ---- fixtures: run only through GradientCheckTestKit ---------------------------------------

    @ExtendWith(OnlyUnderTestKit.class)
    static class PassingTestCases {
        @GradientCheck(tries = 5)
        void correctTraced(CheckSpec check) {
            check.subject(WorkedExample.traced(false))
                 .input("x", Domain.uniform(-4, 4))
                 .input("y", Domain.uniform(-4, 4));
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class BrokenWorkedExampleTestCases {
        @GradientCheck(tries = 5)
        void brokenTraced(CheckSpec check) {
            check.subject(WorkedExample.traced(true))
                 .input("x", Domain.uniform(-4, 4))
                 .input("y", Domain.uniform(-4, 4));
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class PointSourceTestCases {
        @GradientCheck(tries = 5)
        void givenPoint(CheckSpec check) {
            check.subject(WorkedExample.traced(true)).points(PointSource.of(WorkedExample.POINT));
        }

        @GradientCheck(tries = 5, seed = 8)
        void throwingSource(CheckSpec check) {
            check.subject(WorkedExample.traced(true)).points((index, random) -> {
                throw new IllegalStateException("out of points");
            });
        }

        @GradientCheck(tries = 5)
        void givenPointWithDomains(CheckSpec check) {
            check.subject(WorkedExample.traced(true))
                 .points(PointSource.of(WorkedExample.POINT))
                 .input("x", Domain.uniform(2, 4))
                 .input("y", Domain.uniform(-4, 4));
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class SubjectThrowsTestCases {
        @GradientCheck(tries = 20, seed = 5)
        void throwsAboveOne(CheckSpec check) {
            check.subject(FunctionSubject.of("throws above 1",
                    in -> {
                        if (in.scalar("x") > 1) {
                            throw new IllegalArgumentException("x must not exceed 1");
                        }
                        return in.scalar("x") * in.scalar("x");
                    },
                    (in, out, g) -> 2 * in.scalar("x") * g.asScalar()))
                 .input("x", Domain.uniform(-3, 3));
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class InconclusiveTestCases {
        /**
         * A fine staircase (steps of 1/30000) claimed to have slope 1: the finite differences see
         * slope 1 at large steps and 0 at small ones, so no verdict is possible; sin(x) is decidable.
         */
        @GradientCheck(tries = 10, seed = 11)
        void halfInconclusive(CheckSpec check) {
            check.subject(FunctionSubject.of("staircase left of 0",
                    in -> in.scalar("x") < 0 ? Math.rint(3e4 * in.scalar("x")) / 3e4 : Math.sin(in.scalar("x")),
                    (in, out, g) -> g.asScalar() * (in.scalar("x") < 0 ? 1 : Math.cos(in.scalar("x")))))
                 .input("x", Domain.uniform(-1, 1).awayFrom(0, 0.01).withoutEdgeValues());
        }

        /**
         * sin(x) far from zero, where neighbouring doubles are further apart than its period: no step
         * resolves it, so no verdict is possible. (|x| within 1e-9 of its kink was used here until
         * the steps came to be chosen from the function's own scale, which resolves it.)
         */
        @GradientCheck(tries = 4, seed = 11)
        void allInconclusive(CheckSpec check) {
            check.subject(FunctionSubject.of("sin far from zero",
                    in -> Math.sin(in.scalar("x")),
                    (in, out, g) -> g.asScalar() * Math.cos(in.scalar("x"))))
                 .input("x", Domain.uniform(1e300, 2e300).withoutEdgeValues());
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class ConfiguredTestCases {
        @GradientCheck
        void fromDefaults(CheckSpec check) {
            check.subject(WorkedExample.function(false))
                 .input("x", Domain.uniform(-2, 2))
                 .input("y", Domain.uniform(-2, 2));
        }

        @GradientCheck(tries = 3)
        void threeTries(CheckSpec check) {
            fromDefaults(check);
        }

        @GradientCheck(tries = 2, seed = 4242)
        void seeded(CheckSpec check) {
            fromDefaults(check);
        }

        @GradientCheck(tries = 3)
        void vectorOutput(CheckSpec check) {
            check.subject(elementwiseSquare(false)).input("x", Domain.uniform(-2, 2).vector(3));
        }

        @GradientCheck(tries = 3)
        void brokenVectorOutput(CheckSpec check) {
            check.subject(elementwiseSquare(true)).input("x", Domain.uniform(1, 2).vector(3));
        }

        private static FunctionSubject elementwiseSquare(boolean broken) {
            return FunctionSubject.of(broken ? "square, broken" : "square",
                    in -> {
                        double[] x = in.vector("x");
                        double[] y = new double[x.length];
                        for (int i = 0; i < x.length; i++) {
                            y[i] = x[i] * x[i];
                        }
                        return y;
                    },
                    (in, out, g) -> {
                        double[] x = in.vector("x");
                        double[] gy = g.asVector();
                        double[] gx = new double[x.length];
                        for (int i = 0; i < x.length; i++) {
                            gx[i] = (broken ? 3 : 2) * x[i] * gy[i];
                        }
                        return gx;
                    });
        }
    }

    /** A team's own shorthand, composed from @GradientCheck. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @GradientCheck(tries = 2, seed = 31)
    @interface QuickGradientCheck {
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class ComposedTestCases {
        @QuickGradientCheck
        void quick(CheckSpec check) {
            check.subject(WorkedExample.graph(false)).input("x", Domain.uniform(-1, 1)).input("y", Domain.uniform(-1, 1));
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class MisconfiguredTestCases {
        @GradientCheck(tries = 0)
        void zeroTries(CheckSpec check) {
            check.subject(WorkedExample.function(false)).input("x", Domain.uniform(-1, 1));
        }

        @GradientCheck
        void noSubject(CheckSpec check) {
            check.input("x", Domain.uniform(-1, 1));
        }

        @GradientCheck
        void noParameter() {
        }

        @GradientCheck
        void noInputs(CheckSpec check) {
            check.subject(WorkedExample.function(false));
        }

        @GradientCheck
        void emptyDomain(CheckSpec check) {
            check.subject(WorkedExample.function(false)).input("x", Domain.uniform(-1, 1).awayFrom(0, 2));
        }

        @GradientCheck(seed = {1, 2})
        void twoSeeds(CheckSpec check) {
            check.subject(WorkedExample.function(false)).input("x", Domain.uniform(-1, 1));
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class NonVoidTestCases {
        @GradientCheck
        int returnsAValue(CheckSpec check) {
            check.subject(WorkedExample.function(true)).input("x", Domain.uniform(-1, 1));
            return 0;
        }

        @GradientCheck(tries = 2)
        void isVoid(CheckSpec check) {
            check.subject(WorkedExample.function(false))
                 .input("x", Domain.uniform(-1, 1))
                 .input("y", Domain.uniform(-1, 1));
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    static class ParallelTestCases {
        @GradientCheck(tries = 10, seed = 1)
        void traced(CheckSpec check) {
            check.subject(WorkedExample.traced(false)).input("x", Domain.uniform(-3, 3)).input("y", Domain.uniform(-3, 3));
        }

        @GradientCheck(tries = 10, seed = 2)
        void graph(CheckSpec check) {
            check.subject(WorkedExample.graph(false)).input("x", Domain.uniform(-3, 3)).input("y", Domain.uniform(-3, 3));
        }

        @GradientCheck(tries = 10, seed = 3)
        void function(CheckSpec check) {
            check.subject(WorkedExample.function(false)).input("x", Domain.uniform(-3, 3))
                 .input("y", Domain.uniform(-3, 3));
        }

        @GradientCheck(tries = 10, seed = 4)
        void brokenTraced(CheckSpec check) {
            check.subject(WorkedExample.traced(true)).input("x", Domain.uniform(-3, 3)).input("y", Domain.uniform(-3, 3));
        }

        @GradientCheck(tries = 10, seed = 5)
        void brokenGraph(CheckSpec check) {
            check.subject(WorkedExample.graph(true)).input("x", Domain.uniform(-3, 3)).input("y", Domain.uniform(-3, 3));
        }

        @GradientCheck(tries = 10, seed = 6)
        void brokenFunction(CheckSpec check) {
            check.subject(WorkedExample.function(true)).input("x", Domain.uniform(-3, 3))
                 .input("y", Domain.uniform(-3, 3));
        }

        @GradientCheck(tries = 5, seed = 7)
        void network(CheckSpec check) {
            check.subject(io.github.gradcheck.examples.network.Networks.correct())
                 .input("x", Domain.uniform(-2, 2).vector(io.github.gradcheck.examples.network.Networks.INPUTS));
        }

        @GradientCheck(tries = 5, seed = 8)
        void brokenNetwork(CheckSpec check) {
            check.subject(io.github.gradcheck.examples.network.Networks.broken(
                            io.github.gradcheck.examples.network.Networks.Bug.DENSE_MISSING_TRANSPOSE))
                 .input("x", Domain.uniform(-2, 2).vector(io.github.gradcheck.examples.network.Networks.INPUTS));
        }
    }
}
