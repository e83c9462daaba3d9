package io.github.gradcheck.internal.engine;

import io.github.gradcheck.internal.subject.NamePattern;
import java.util.Map;
import java.util.Optional;

/**
 * The names a declared deviation stands for: a node's name, or a pattern with {@code *} (any run
 * of characters, dots included) that declares many nodes at once, e.g. {@code s*.layer1.sum}. A
 * node's own name wins over the patterns; among patterns, the first declared that matches.
 */
final class DeviationPatterns {

    private DeviationPatterns() {
    }

    /** {@return whether a declared name is a pattern} */
    static boolean isPattern(String declared) {
        return NamePattern.isPattern(declared);
    }

    /** {@return whether {@code declared}, a name or a pattern, stands for {@code node}} */
    static boolean matches(String declared, String node) {
        return NamePattern.matches(declared, node);
    }

    /** {@return the deviation declared for {@code node}, empty when no declared name stands for it} */
    static <T> Optional<T> declaredFor(Map<String, T> declared, String node) {
        return NamePattern.lookup(declared, node);
    }
}
