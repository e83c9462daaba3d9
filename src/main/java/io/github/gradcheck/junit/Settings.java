package io.github.gradcheck.junit;

import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.input.SeedSequence;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The settings of one {@code @GradientCheck} invocation and where each came from. Precedence:
 * a seed or a number of tries given as a system property first, then the annotation, then the
 * configuration parameter, then the default; the tries then scaled by the build's factor
 * ({@link TriesSetting}).
 */
record Settings(int tries, long seed, String seedOrigin, Optional<CotangentMode> cotangents, int shrinkEvaluations,
                OptionalDouble safety, Optional<Duration> timeLimit, boolean printSummary) {

    /** Where configuration parameters are read from; a function so that tests need no JUnit context. */
    interface Parameters {
        Optional<String> get(String key);
    }

    static Settings resolve(GradientCheck annotation, Parameters parameters, Function<String, String> systemProperties,
                            String method) {
        int tries = TriesSetting.resolve(annotation, parameters, systemProperties, method);
        int shrink = intSetting(annotation.shrinkEvaluations(), "shrinkEvaluations",
                GradientCheck.SHRINK_EVALUATIONS_PARAMETER, parameters, method, GradientCheck.DEFAULT_SHRINK_EVALUATIONS);
        if (shrink < 0) {
            throw new ExtensionConfigurationException(prefix(method) + "has shrinkEvaluations = " + shrink
                    + "; set it to 0 (no shrinking) or more.");
        }
        Optional<CotangentMode> cotangents = cotangents(annotation, parameters, method);
        OptionalDouble safety = safety(annotation, parameters, method);
        Optional<Duration> timeLimit = timeLimit(annotation, parameters, method);
        boolean printSummary = printSummary(parameters, method);

        String commandLine = systemProperties.apply(GradientCheck.SEED_PARAMETER);
        long seed;
        String origin;
        if (commandLine != null && !commandLine.isBlank()) {
            seed = parseSeed(commandLine, "system property -D" + GradientCheck.SEED_PARAMETER, method);
            origin = "from -D" + GradientCheck.SEED_PARAMETER;
        } else if (annotation.seed().length > 0) {
            single(annotation.seed().length, "seed", method);
            seed = annotation.seed()[0];
            origin = "from @GradientCheck(seed = ...)";
        } else {
            Optional<String> configured = configured(parameters, GradientCheck.SEED_PARAMETER);
            if (configured.isPresent()) {
                seed = parseSeed(configured.get(), "configuration parameter " + GradientCheck.SEED_PARAMETER, method);
                origin = "from configuration parameter " + GradientCheck.SEED_PARAMETER;
            } else {
                seed = SeedSequence.freshSeed();
                origin = "chosen at random for this run";
            }
        }
        return new Settings(tries, seed, origin, cotangents, shrink, safety, timeLimit, printSummary);
    }

    /** Whether a passing test prints its summary: configuration parameter {@code gradcheck.summary=print}. */
    private static boolean printSummary(Parameters parameters, String method) {
        Optional<String> configured = configured(parameters, GradientCheck.SUMMARY_PARAMETER);
        if (configured.isEmpty()) {
            return false;
        }
        String value = configured.get().trim().toLowerCase(Locale.ROOT);
        if (!value.equals("print") && !value.equals("publish")) {
            throw new ExtensionConfigurationException(prefix(method) + "cannot use configuration parameter "
                    + GradientCheck.SUMMARY_PARAMETER + " = '" + configured.get() + "': it must be 'publish' (report"
                    + " entries only, the default) or 'print' (also one line per passing test on standard output).");
        }
        return value.equals("print");
    }

    private static int intSetting(int[] explicit, String attribute, String parameter, Parameters parameters,
                                  String method, int fallback) {
        if (explicit.length > 0) {
            single(explicit.length, attribute, method);
            return explicit[0];
        }
        Optional<String> configured = configured(parameters, parameter);
        if (configured.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(configured.get().trim());
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException(prefix(method) + "cannot use configuration parameter "
                    + parameter + " = '" + configured.get() + "': it must be a whole number, e.g. " + parameter
                    + "=" + fallback + ".", e);
        }
    }

    private static Optional<CotangentMode> cotangents(GradientCheck annotation, Parameters parameters, String method) {
        if (annotation.cotangents().length > 0) {
            single(annotation.cotangents().length, "cotangents", method);
            return Optional.of(annotation.cotangents()[0]);
        }
        Optional<String> configured = configured(parameters, GradientCheck.COTANGENTS_PARAMETER);
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CotangentMode.valueOf(configured.get().trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(prefix(method) + "cannot use configuration parameter "
                    + GradientCheck.COTANGENTS_PARAMETER + " = '" + configured.get() + "': it must be one of "
                    + Arrays.toString(CotangentMode.values()) + ".", e);
        }
    }

    private static OptionalDouble safety(GradientCheck annotation, Parameters parameters, String method) {
        double value;
        String where;
        if (annotation.safety().length > 0) {
            single(annotation.safety().length, "safety", method);
            value = annotation.safety()[0];
            where = "safety = " + value + " on the annotation";
        } else {
            Optional<String> configured = configured(parameters, GradientCheck.SAFETY_PARAMETER);
            if (configured.isEmpty()) {
                return OptionalDouble.empty();
            }
            try {
                value = Double.parseDouble(configured.get().trim());
            } catch (NumberFormatException e) {
                throw new ExtensionConfigurationException(prefix(method) + "cannot use configuration parameter "
                        + GradientCheck.SAFETY_PARAMETER + " = '" + configured.get() + "': it must be a positive"
                        + " number, e.g. " + GradientCheck.SAFETY_PARAMETER + "=10.", e);
            }
            where = "configuration parameter " + GradientCheck.SAFETY_PARAMETER + " = " + value;
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ExtensionConfigurationException(prefix(method) + "has " + where
                    + "; the safety factor must be a positive finite number (the default is 10).");
        }
        return OptionalDouble.of(value);
    }

    /** The time limit given on the annotation or for the build; empty when neither gives one. */
    private static Optional<Duration> timeLimit(GradientCheck annotation, Parameters parameters, String method) {
        String text;
        String where;
        if (annotation.timeLimit().length > 0) {
            single(annotation.timeLimit().length, "timeLimit", method);
            text = annotation.timeLimit()[0];
            where = "timeLimit = \"" + text + "\" on the annotation";
        } else {
            Optional<String> configured = configured(parameters, GradientCheck.TIME_LIMIT_PARAMETER);
            if (configured.isEmpty()) {
                return Optional.empty();
            }
            text = configured.get();
            where = "configuration parameter " + GradientCheck.TIME_LIMIT_PARAMETER + " = '" + text + "'";
        }
        Duration d = parseDuration(text);
        if (d == null || d.isNegative()) {
            throw new ExtensionConfigurationException(prefix(method) + "cannot use " + where + ": a time limit is a"
                    + " duration such as 500ms, 30s, 2m or PT1M, or 'none' (no limit).");
        }
        return Optional.of(d);
    }

    /** A duration like {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, ISO-8601 {@code PT30S}, or none/0; null if unreadable. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.equals("none") || t.equals("0")) {
            return Duration.ZERO;
        }
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            String[][] units = {{"ms", "1"}, {"s", "1000"}, {"min", "60000"}, {"m", "60000"}, {"h", "3600000"}};
            for (String[] u : units) {
                if (t.endsWith(u[0])) {
                    double amount = Double.parseDouble(t.substring(0, t.length() - u[0].length()));
                    long millis = Math.round(amount * Long.parseLong(u[1]));
                    // a limit too small to express is a mistake, not "no limit"
                    return Double.isFinite(amount) && (amount == 0 || millis > 0) ? Duration.ofMillis(millis) : null;
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
        return null;
    }

    /** A configuration parameter's value; empty when it is not set or blank. */
    private static Optional<String> configured(Parameters parameters, String parameter) {
        return parameters.get(parameter).filter(value -> !value.isBlank());
    }

    private static void single(int length, String attribute, String method) {
        if (length != 1) {
            throw new ExtensionConfigurationException(prefix(method) + "gives " + length + " values for '"
                    + attribute + "'; give one, e.g. " + attribute + " = ...");
        }
    }

    private static long parseSeed(String text, String where, String method) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException(prefix(method) + "cannot use " + where + " = '" + text
                    + "': a seed is a whole number as printed in a failure, e.g. " + GradientCheck.SEED_PARAMETER
                    + "=1234567.", e);
        }
    }

    static String prefix(String method) {
        return "Configuration error: @GradientCheck method " + method + " ";
    }
}
