package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of the design, enforced on the sources: every reference to a class of the project,
 * imported or written out in full, points down the layers; nothing below the front-ends uses
 * JUnit or AssertJ.
 */
class LayeringTests {

    /**
     * Package (relative to io.github.gradcheck, "" for the root) to layer; higher may use lower,
     * and two packages of one layer may not use each other.
     */
    static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("internal.format", 0),
            Map.entry("model", 1),
            Map.entry("internal.numeric", 2),
            Map.entry("internal.subject", 2),
            Map.entry("subject", 3),
            Map.entry("check", 4),
            Map.entry("internal.execution", 5),
            Map.entry("internal.engine", 6),
            Map.entry("diagnosis", 7),
            Map.entry("report", 8),
            Map.entry("", 9),
            Map.entry("input", 9),
            Map.entry("junit", 10),
            Map.entry("assertj", 10));

    static final int FRONT_ENDS = 10;

    static final Pattern REFERENCE = Pattern.compile("\\b(io\\.github\\.gradcheck(?:\\.[a-z]\\w*)*)\\.[A-Z*]");
    static final Pattern TEST_LIBRARY = Pattern.compile("\\b(org\\.junit|org\\.assertj|org\\.opentest4j)\\.");
    static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    static final String PREFIX = "io.github.gradcheck";

    @Test
    void referencesPointDownAndCoreLayersAreFreeOfTestLibraries() throws IOException {
        Path root = Paths.get("src/main/java/io/github/gradcheck");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                if (file.getFileName().toString().equals("module-info.java")) {
                    continue;
                }
                String pkg = packageOf(root, file);
                assertThat(LAYER).as("layer of package '%s' (%s)", pkg, file).containsKey(pkg);
                int layer = LAYER.get(pkg);
                String code = COMMENT.matcher(Files.readString(file)).replaceAll(" ")
                        .replaceFirst("(?m)^package [\\w.]+;", "");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    String target = m.group(1).equals(PREFIX) ? "" : m.group(1).substring(PREFIX.length() + 1);
                    int targetLayer = LAYER.getOrDefault(target, Integer.MAX_VALUE);
                    boolean sideways = targetLayer == layer && !target.equals(pkg);
                    if (targetLayer > layer || sideways) {
                        violations.add(file + " uses " + m.group(1) + " (layer " + targetLayer + " of " + layer + ")");
                    }
                }
                Matcher t = TEST_LIBRARY.matcher(code);
                while (layer < FRONT_ENDS && t.find()) {
                    violations.add(file + " (a core layer) uses " + t.group(1));
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theLayerTableCatchesAFullyQualifiedReferenceUpwards() {
        String code = "class X { Object r = new io.github.gradcheck.report.TextReport(); }";
        Matcher m = REFERENCE.matcher(code);
        assertThat(m.find()).isTrue();
        assertThat(LAYER.get(m.group(1).substring(PREFIX.length() + 1))).isGreaterThan(LAYER.get("model"));
    }

    @Test
    void theModuleExportsEveryApiPackageAndNoInternalOne() throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(Paths.get("target/classes/module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        assertThat(module.name()).isEqualTo(PREFIX);
        Set<String> exported = module.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        Set<String> api = LAYER.keySet().stream().filter(p -> !p.startsWith("internal"))
                .map(p -> p.isEmpty() ? PREFIX : PREFIX + "." + p).collect(Collectors.toSet());
        assertThat(exported).as("packages exported by module-info.java").containsExactlyInAnyOrderElementsOf(api);
        assertThat(module.exports()).as("qualified exports").allMatch(e -> !e.isQualified());
    }

    private static String packageOf(Path root, Path file) {
        Path rel = root.relativize(file.getParent());
        return rel.toString().replace(java.io.File.separatorChar, '.');
    }
}
