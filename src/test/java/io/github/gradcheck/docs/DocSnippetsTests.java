package io.github.gradcheck.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.docs.Markdown.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The documentation cannot rot: every {@code java} block of the README and the guide is code
 * that compiles and runs in the test sources, the README stays a front page, and every relative
 * link leads somewhere.
 *
 * <p>A {@code java} block must appear, whitespace-normalised, in one Java source file under
 * {@code examples/} or {@code src/test/java}. A line {@code // ...} (or {@code ...}) in a block
 * stands for code left out: the pieces around it must then appear in that order in one file.
 * Blocks that are deliberately partial (a dependency, a build line, a command, an output) use
 * another fence language and are not compiled.
 */
class DocSnippetsTests {

    /** Fence languages the docs may use; {@code java} is compiled, the others are not. */
    static final Set<String> LANGUAGES = Set.of("java", "xml", "groovy", "kotlin", "text", "shell", "properties", "json");

    /** The README's first code block, exactly: the demo and the whole test suite. */
    static final List<String> TWO_COMMANDS = List.of("mvn -q test-compile exec:java", "mvn test");

    /** The README is the front page; the manual is the guide under docs/. */
    static final int FRONT_PAGE_LINES = 200;

    /** Every compiled Java source of the project's tests and examples, whitespace-normalised, by path. */
    private static final Map<Path, String> SOURCES = sources();

    private static Map<Path, String> sources() {
        Map<Path, String> sources = new LinkedHashMap<>();
        for (Path root : List.of(Path.of("examples"), Path.of("src", "test", "java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".java")).sorted()
                        .forEach(p -> sources.put(p, Markdown.normalised(Markdown.read(p))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaSnippetIsCodeThatTheBuildCompiles() {
        List<Block> java = Markdown.allBlocks().stream().filter(b -> b.language().equals("java")).toList();
        assertThat(java).as("java snippets in the README and the guide").hasSizeGreaterThanOrEqualTo(20);
        return java.stream().map(b -> DynamicTest.dynamicTest(b.where(), () -> {
            List<String> pieces = pieces(b);
            assertThat(pieces).as("%s: an empty java block", b.where()).isNotEmpty();
            List<Path> holding = SOURCES.entrySet().stream().filter(e -> inOrder(e.getValue(), pieces))
                    .map(Map.Entry::getKey).toList();
            assertThat(holding).as("%s: the java snippet\n%s\nmust appear (whitespace aside) in a compiled source"
                    + " under examples/ or src/test/java, e.g. a test of src/test/java/io/github/gradcheck/docs that"
                    + " runs it", b.where(), b.text()).isNotEmpty();
        }));
    }

    /** The block's code, split at the lines that stand for code left out. */
    private static List<String> pieces(Block b) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (String line : b.lines()) {
            if (Markdown.isElision(line)) {
                pieces.add(Markdown.normalised(piece.toString()));
                piece.setLength(0);
            } else {
                piece.append(line).append('\n');
            }
        }
        pieces.add(Markdown.normalised(piece.toString()));
        pieces.removeIf(String::isEmpty);
        return pieces;
    }

    private static boolean inOrder(String source, List<String> pieces) {
        int at = 0;
        for (String piece : pieces) {
            int found = source.indexOf(piece, at);
            if (found < 0) {
                return false;
            }
            at = found + piece.length();
        }
        return true;
    }

    @Test
    void theReadmesFirstCodeBlockIsExactlyTheTwoCommands() {
        Block first = Markdown.blocks(Markdown.README).get(0);

        assertThat(first.language()).as("the fence of the first block").isEmpty();
        assertThat(first.lines()).as("the README's first code block").containsExactlyElementsOf(TWO_COMMANDS);
    }

    @Test
    void theReadmeIsAFrontPageNotAManual() {
        assertThat(Markdown.lines(Markdown.README)).as("README.md lines; move details to a page of docs/")
                .hasSizeLessThanOrEqualTo(FRONT_PAGE_LINES);
    }

    @Test
    void everyCodeBlockSaysItsLanguage() {
        List<Block> all = Markdown.allBlocks();
        Block commands = Markdown.blocks(Markdown.README).get(0);
        for (Block b : all) {
            if (b.equals(commands)) {
                continue;
            }
            assertThat(b.language()).as("%s: the fence language (java is compiled; use xml, groovy, text, shell,"
                    + " ... for what is not Java)", b.where()).isIn(LANGUAGES);
        }
    }

    /** {@code [text](target)} outside code; the target's part before {@code #} and the anchor after it. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    @TestFactory
    Stream<DynamicTest> everyRelativeLinkLeadsToAFileAndHeadingThatExist() {
        return Markdown.files().stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            for (String target : links(file)) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // an absolute address
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path resolved = path.isEmpty() ? file : file.toAbsolutePath().getParent().resolve(path).normalize();
                assertThat(resolved).as("%s links to %s", file, target).exists();
                if (hash >= 0) {
                    assertThat(anchors(resolved)).as("%s links to %s: the headings of %s", file, target, path)
                            .contains(target.substring(hash + 1));
                }
            }
        }));
    }

    private static List<String> links(Path file) {
        List<String> targets = new ArrayList<>();
        boolean inCode = false;
        for (String line : Markdown.lines(file)) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives the headings of a Markdown file. */
    static Set<String> anchors(Path file) {
        if (!file.toString().endsWith(".md")) {
            return Set.of();
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        boolean inCode = false;
        List<String> anchors = new ArrayList<>();
        for (String line : Markdown.lines(file)) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
            }
            if (inCode || !line.matches("^#{1,6} .*")) {
                continue;
            }
            String slug = line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum);
            anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return anchors.stream().collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
