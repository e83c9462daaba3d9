package io.github.gradcheck.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The documentation as the doc tests read it: the Markdown files and their fenced code blocks. */
final class Markdown {

    /** The front page. */
    static final Path README = Path.of("README.md");

    /** The user guide. */
    static final Path GUIDE = Path.of("docs");

    private Markdown() {
    }

    /** A fenced code block: where it is, its fence language ("" when none) and its lines. */
    record Block(Path file, int line, String language, List<String> lines) {

        String text() {
            return String.join("\n", lines);
        }

        String where() {
            return file + ":" + line;
        }
    }

    /** The README and every page of the guide. */
    static List<Path> files() {
        List<Path> files = new ArrayList<>();
        files.add(README);
        try (Stream<Path> pages = Files.list(GUIDE)) {
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        return read(file).lines().toList();
    }

    /** The fenced code blocks of {@code file}, in order. */
    static List<Block> blocks(Path file) {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            String open = lines.get(i).strip();
            if (!open.startsWith("```")) {
                continue;
            }
            int indent = lines.get(i).indexOf('`');
            List<String> content = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                String l = lines.get(j);
                content.add(l.length() >= indent && l.substring(0, indent).isBlank() ? l.substring(indent) : l.strip());
                j++;
            }
            if (j == lines.size()) {
                throw new AssertionError(file + ":" + (i + 1) + ": a code block that is never closed");
            }
            blocks.add(new Block(file, i + 1, open.substring(3).strip(), content));
            i = j;
        }
        return blocks;
    }

    /** The fenced code blocks of every file. */
    static List<Block> allBlocks() {
        return files().stream().flatMap(f -> blocks(f).stream()).toList();
    }

    /** The one block of {@code file} whose first line starts with {@code start}. */
    static Block blockStartingWith(Path file, String start) {
        List<Block> found = blocks(file).stream()
                .filter(b -> !b.lines().isEmpty() && b.lines().get(0).startsWith(start)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one code block in " + file + " starting with '" + start + "', found "
                    + found.size());
        }
        return found.get(0);
    }

    /** A line of a shown output or snippet that stands for lines left out. */
    static boolean isElision(String line) {
        String l = line.strip();
        return l.equals("...") || l.equals("// ...");
    }

    /**
     * Asserts that {@code block} shows an excerpt of {@code actual}: each of its lines, except
     * the elision lines ({@code ...}), is a line of {@code actual} (trailing spaces aside), in
     * the same order; consecutive shown lines are consecutive in {@code actual} too.
     */
    static void assertExcerpt(Block block, String actual) {
        List<String> real = actual.lines().map(String::stripTrailing).toList();
        int at = 0;
        boolean adjacent = false;
        for (String shown : block.lines()) {
            if (isElision(shown)) {
                adjacent = false;
                continue;
            }
            String want = shown.stripTrailing();
            int found = -1;
            if (adjacent) {
                found = at < real.size() && sameLine(want, real.get(at)) ? at : -1;
            } else {
                for (int k = at; k < real.size(); k++) {
                    if (sameLine(want, real.get(k))) {
                        found = k;
                        break;
                    }
                }
            }
            if (found < 0) {
                throw new AssertionError(block.where() + " shows a line that " + (adjacent
                        ? "does not follow the line before it" : "is not (or not in this order)")
                        + " in what gradcheck prints:\n  " + want + "\nwhat it prints:\n" + actual);
            }
            at = found + 1;
            adjacent = true;
        }
    }

    /** The JDK the reports shown in the docs were made with. */
    static final int REFERENCE_JDK = 17;

    /**
     * Whether a shown line is the printed one: equal on the {@linkplain #REFERENCE_JDK reference
     * JDK}; on another JDK equal with every number masked, since {@code Math.tanh}, {@code exp},
     * ... may round their last bit differently there and a measurement amplifies that into the
     * last printed digits (the text, names, verdicts and their order must still be the same).
     */
    static boolean sameLine(String shown, String printed) {
        if (shown.equals(printed)) {
            return true;
        }
        return Runtime.version().feature() != REFERENCE_JDK
                && normalised(maskNumbers(shown)).equals(normalised(maskNumbers(printed)));
    }

    private static String maskNumbers(String line) {
        return line.replaceAll("[-+]?\\d+(\\.\\d+)?(e[-+]?\\d+)?", "#");
    }

    /** Whitespace-normalised: every run of whitespace one space, none at the ends. */
    static String normalised(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
