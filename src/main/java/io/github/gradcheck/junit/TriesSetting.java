package io.github.gradcheck.junit;

import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * How many conclusive points one {@code @GradientCheck} method checks. Precedence, highest first:
 *
 * <ol>
 *   <li>a {@code -Dgradcheck.tries=N} system property (the command line, as a nightly CI job gives
 *       it): every method checks exactly N points, whatever its annotation says;</li>
 *   <li>the annotation's {@code tries};</li>
 *   <li>the configuration parameter {@code gradcheck.tries} (e.g. in
 *       {@code junit-platform.properties});</li>
 *   <li>the default, {@value GradientCheck#DEFAULT_TRIES}.</li>
 * </ol>
 *
 * The factor {@code gradcheck.triesFactor} (a configuration parameter or system property, a
 * positive number) then scales the tries of 2 to 4, rounded up, at least 1: {@code 10} makes every
 * method check ten times as many points as it says, {@code 0.1} a tenth. It does not scale a
 * {@code -Dgradcheck.tries}, which is the number itself.
 */
final class TriesSetting {

    private TriesSetting() {
    }

    static int resolve(GradientCheck annotation, Settings.Parameters parameters,
                       Function<String, String> systemProperties, String method) {
        String commandLine = systemProperties.apply(GradientCheck.TRIES_PARAMETER);
        if (commandLine != null && !commandLine.isBlank()) {
            return positive(parse(commandLine, "system property -D" + GradientCheck.TRIES_PARAMETER, method),
                    "from system property -D" + GradientCheck.TRIES_PARAMETER, method);
        }
        int tries;
        String where;
        if (annotation.tries().length > 0) {
            if (annotation.tries().length != 1) {
                throw new ExtensionConfigurationException(Settings.prefix(method) + "gives "
                        + annotation.tries().length + " values for 'tries'; give one, e.g. tries = ...");
            }
            tries = annotation.tries()[0];
            where = "on the annotation";
        } else {
            Optional<String> configured = parameters.get(GradientCheck.TRIES_PARAMETER).filter(v -> !v.isBlank());
            tries = configured.isPresent()
                    ? parse(configured.get(), "configuration parameter " + GradientCheck.TRIES_PARAMETER, method)
                    : GradientCheck.DEFAULT_TRIES;
            where = "from configuration parameter " + GradientCheck.TRIES_PARAMETER;
        }
        positive(tries, where, method);
        return scaled(tries, factor(parameters, method));
    }

    /** {@code tries × factor}, rounded up, at least 1 and at most {@code Integer.MAX_VALUE / 2}. */
    static int scaled(int tries, double factor) {
        double n = Math.ceil(tries * factor);
        return (int) Math.max(1, Math.min(n, Integer.MAX_VALUE / 2));
    }

    private static double factor(Settings.Parameters parameters, String method) {
        Optional<String> configured = parameters.get(GradientCheck.TRIES_FACTOR_PARAMETER).filter(v -> !v.isBlank());
        if (configured.isEmpty()) {
            return 1;
        }
        double factor;
        try {
            factor = Double.parseDouble(configured.get().trim());
        } catch (NumberFormatException e) {
            factor = Double.NaN;
        }
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new ExtensionConfigurationException(Settings.prefix(method) + "cannot use "
                    + GradientCheck.TRIES_FACTOR_PARAMETER + " = '" + configured.get() + "': it must be a positive"
                    + " number that scales every method's tries, e.g. " + GradientCheck.TRIES_FACTOR_PARAMETER
                    + "=10 for ten times as many points.");
        }
        return factor;
    }

    private static int parse(String text, String where, String method) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException(Settings.prefix(method) + "cannot use " + where + " = '" + text
                    + "': it must be a whole number, e.g. " + GradientCheck.TRIES_PARAMETER + "="
                    + GradientCheck.DEFAULT_TRIES + ".", e);
        }
    }

    private static int positive(int tries, String where, String method) {
        if (tries <= 0) {
            throw new ExtensionConfigurationException(Settings.prefix(method) + "must check a positive number of"
                    + " points, but tries = " + tries + " " + where
                    + "; set tries to 1 or more, e.g. @GradientCheck(tries = 100).");
        }
        return tries;
    }
}
