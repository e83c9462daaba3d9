package io.github.gradcheck.docs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a snippet that prints, and returns what it printed instead of letting it reach the build's output. */
final class Console {

    /** A snippet's code. */
    @FunctionalInterface
    interface Code {
        void run() throws Exception;
    }

    private Console() {
    }

    /** What {@code code} printed to {@code System.out}. The doc tests run one at a time (no parallel execution). */
    static synchronized String printedBy(Code code) throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code.run();
        } finally {
            System.setOut(before);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
