package io.github.gradcheck.report;

import io.github.gradcheck.internal.format.Numbers;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A small writer of indented JSON (RFC 8259). Numbers are written so that they read back
 * exactly; NaN and the infinities, which JSON cannot express, are written as the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    /** Per open container: whether it has a member yet. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter beginObject() {
        valueStart();
        out.append('{');
        open.push(new boolean[1]);
        return this;
    }

    JsonWriter endObject() {
        return end('}');
    }

    JsonWriter beginArray() {
        valueStart();
        out.append('[');
        open.push(new boolean[1]);
        return this;
    }

    JsonWriter endArray() {
        return end(']');
    }

    private JsonWriter end(char c) {
        boolean any = open.pop()[0];
        if (any) {
            newline();
        }
        out.append(c);
        return this;
    }

    JsonWriter name(String name) {
        valueStart();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        valueStart();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    JsonWriter value(double d) {
        if (Double.isNaN(d)) {
            return value("NaN");
        }
        if (Double.isInfinite(d)) {
            return value(d > 0 ? "Infinity" : "-Infinity");
        }
        valueStart();
        out.append(Numbers.full(d));
        return this;
    }

    JsonWriter value(long n) {
        valueStart();
        out.append(n);
        return this;
    }

    JsonWriter value(boolean b) {
        valueStart();
        out.append(b);
        return this;
    }

    JsonWriter nullValue() {
        valueStart();
        out.append("null");
        return this;
    }

    JsonWriter field(String name, String s) {
        return name(name).value(s);
    }

    JsonWriter field(String name, double d) {
        return name(name).value(d);
    }

    JsonWriter field(String name, long n) {
        return name(name).value(n);
    }

    JsonWriter field(String name, boolean b) {
        return name(name).value(b);
    }

    private void valueStart() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!open.isEmpty()) {
            boolean[] any = open.peek();
            if (any[0]) {
                out.append(',');
            }
            any[0] = true;
            newline();
        }
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(open.size()));
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed JSON container");
        }
        return out.toString();
    }
}
