package io.github.gradcheck.internal.subject;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A node's name, or a pattern with {@code *} that stands for many: {@code *} is any run of
 * characters, dots included ({@code s*.layer1.sum}, {@code *.W}). The one implementation of such
 * patterns, for declared deviations and descent directions. Internal; not part of the API.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class NamePattern {

    private NamePattern() {
    }

    /**
     * {@return whether {@code declared} is a pattern rather than one name}
     *
     * @param declared a name or a pattern
     */
    public static boolean isPattern(String declared) {
        return declared.indexOf('*') >= 0;
    }

    /**
     * {@return whether {@code declared}, a name or a pattern, stands for {@code node}}
     *
     * @param declared a name or a pattern
     * @param node a node's name
     */
    public static boolean matches(String declared, String node) {
        if (!isPattern(declared)) {
            return declared.equals(node);
        }
        String[] pieces = declared.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pieces.length; i++) {
            regex.append(i > 0 ? ".*" : "").append(Pattern.quote(pieces[i]));
        }
        return Pattern.matches(regex.toString(), node);
    }

    /**
     * {@return what {@code declared} holds for {@code node}}: under the node's own name first,
     * else under the first pattern (in the map's order) that stands for it; empty when none does
     *
     * @param declared names and patterns with what is declared for them
     * @param node a node's name
     * @param <T> what is declared
     */
    public static <T> Optional<T> lookup(Map<String, T> declared, String node) {
        T own = declared.get(node);
        if (own != null) {
            return Optional.of(own);
        }
        for (Map.Entry<String, T> e : declared.entrySet()) {
            if (isPattern(e.getKey()) && matches(e.getKey(), node)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }
}
