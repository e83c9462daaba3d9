package io.github.gradcheck.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture classes through the Jupiter engine, as a build would, and reads what a user would see. */
final class GradientCheckTestKit {

    static final String FIXTURES_PARAMETER = "gradcheck.test.fixtures";

    private GradientCheckTestKit() {
    }

    static EngineExecutionResults run(Path outputDir, Map<String, String> parameters, Class<?> fixture,
                                      String... methods) {
        DiscoverySelector[] selectors = methods.length == 0 ? new DiscoverySelector[] {selectClass(fixture)}
                : java.util.Arrays.stream(methods).map(m -> selectMethod(fixture, m, CheckSpec.class.getName()))
                .toArray(DiscoverySelector[]::new);
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectors)
                .configurationParameter(FIXTURES_PARAMETER, "true")
                .configurationParameters(parameters)
                .outputDirectoryCreator(new DirectoryPerTest(outputDir))
                .execute();
    }

    static EngineExecutionResults run(Path outputDir, Class<?> fixture, String... methods) {
        return run(outputDir, Map.of(), fixture, methods);
    }

    /** The failure messages of the failed tests, in event order. */
    static List<String> failureMessages(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .collect(Collectors.toList());
    }

    static String onlyFailureMessage(EngineExecutionResults results) {
        return onlyFailed(results).getMessage();
    }

    /** What the only failed test threw, as a {@link GradientCheckFailure}; fails if it threw something else. */
    static GradientCheckFailure onlyFailure(EngineExecutionResults results) {
        Throwable thrown = onlyFailed(results);
        if (!(thrown instanceof GradientCheckFailure)) {
            throw new AssertionError("expected a GradientCheckFailure, got " + thrown, thrown);
        }
        return (GradientCheckFailure) thrown;
    }

    private static Throwable onlyFailed(EngineExecutionResults results) {
        List<Throwable> thrown = results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .collect(Collectors.toList());
        if (thrown.size() != 1) {
            throw new AssertionError("expected exactly one failed test, got " + thrown.size() + ": "
                    + thrown.stream().map(Throwable::getMessage).collect(Collectors.toList())
                    + "; events: " + results.allEvents().list());
        }
        return thrown.get(0);
    }

    /** The value of a published report entry key, for each test that published it. */
    static List<String> reportValues(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key))
                .filter(v -> v != null)
                .collect(Collectors.toList());
    }

    /** The display name of the test and its message, for comparing whole runs. */
    static Map<String, String> outcomes(EngineExecutionResults results) {
        return results.testEvents().finished().stream().collect(Collectors.toMap(
                (Event e) -> e.getTestDescriptor().getDisplayName(),
                (Event e) -> {
                    TestExecutionResult r = e.getRequiredPayload(TestExecutionResult.class);
                    return r.getStatus() + r.getThrowable().map(t -> ": " + t.getMessage()).orElse("");
                }));
    }

    /** One output directory per test under a root, as the console launcher lays them out. */
    private static final class DirectoryPerTest implements OutputDirectoryCreator {
        private final Path root;

        DirectoryPerTest(Path root) {
            this.root = root;
        }

        @Override
        public Path getRootDirectory() {
            return root;
        }

        @Override
        public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
            String name = descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9._-]+", "_");
            return Files.createDirectories(root.resolve(name));
        }
    }
}
