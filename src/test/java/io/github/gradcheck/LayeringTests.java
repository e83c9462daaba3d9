package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of the design, enforced on the sources: imports point down only, and nothing
 * below the front-ends imports JUnit or AssertJ.
 */
class LayeringTests {

    /** Package (relative to io.github.gradcheck, "" for the root) to layer; higher may import lower. */
    static final Map<String, Integer> LAYER = Map.of(
            "model", 1,
            "subject", 2,
            "numeric", 3,
            "check", 4,
            "report", 5,
            "input", 6,
            "", 6,
            "junit", 7,
            "assertj", 7);

    static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void importsPointDownAndCoreLayersAreFreeOfTestLibraries() throws IOException {
        Path root = Paths.get("src/main/java/io/github/gradcheck");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String pkg = packageOf(root, file);
                assertThat(LAYER).as("layer of package '%s' (%s)", pkg, file).containsKey(pkg);
                int layer = LAYER.get(pkg);
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(1);
                    if (imported.startsWith("io.github.gradcheck.")) {
                        String target = imported.substring("io.github.gradcheck.".length());
                        String targetPkg = Character.isUpperCase(target.charAt(0)) ? "" : target.split("\\.")[0];
                        int targetLayer = LAYER.getOrDefault(targetPkg, Integer.MAX_VALUE);
                        boolean sideways = targetLayer == layer && !targetPkg.equals(pkg);
                        if (targetLayer > layer || sideways) {
                            violations.add(file + " imports " + imported);
                        }
                    }
                    if (layer < 7 && (imported.startsWith("org.junit") || imported.startsWith("org.assertj")
                            || imported.startsWith("org.opentest4j"))) {
                        violations.add(file + " (a core layer) imports " + imported);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static String packageOf(Path root, Path file) {
        Path rel = root.relativize(file.getParent());
        return rel.toString().isEmpty() ? "" : rel.getName(0).toString();
    }
}
