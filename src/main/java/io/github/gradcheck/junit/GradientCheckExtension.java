package io.github.gradcheck.junit;

import io.github.gradcheck.input.DomainException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.report.HtmlReport;
import io.github.gradcheck.junit.Trials.Outcome;
import io.github.gradcheck.report.JsonReport;
import io.github.gradcheck.report.RunSeed;
import io.github.gradcheck.internal.format.Numbers;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.TestAbortedException;

/**
 * Runs {@link GradientCheck} methods: resolves their {@link CheckSpec} parameter, lets the
 * method body declare what to check, then runs its {@link Trials} and reports: a failing try as a
 * {@link GradientCheckFailure}. Stateless; all per-invocation state lives in the invocation's
 * store, so it is safe under parallel execution.
 */
class GradientCheckExtension implements ParameterResolver, InvocationInterceptor {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(GradientCheckExtension.class);
    private static final String SPEC = "spec";
    static final String REPORT_FILE = "gradcheck-report.txt";
    static final String JSON_FILE = "gradcheck-report.json";
    static final String HTML_FILE = "gradcheck-report.html";
    static final String FIRST_JSON_FILE = "gradcheck-report-first-found.json";
    static final String FIRST_HTML_FILE = "gradcheck-report-first-found.html";
    private static final MediaType HTML = MediaType.create("text", "html", StandardCharsets.UTF_8);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == CheckSpec.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        String method = describe(extensionContext.getRequiredTestMethod());
        return extensionContext.getStore(NAMESPACE).getOrComputeIfAbsent(SPEC, k -> new CheckSpec(method),
                CheckSpec.class);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        Method testMethod = context.getRequiredTestMethod();
        String method = describe(testMethod);
        GradientCheck annotation = AnnotationSupport.findAnnotation(testMethod, GradientCheck.class)
                .orElseThrow(() -> new ExtensionConfigurationException(Settings.prefix(method)
                        + "is run by the gradcheck extension but has no @GradientCheck annotation; annotate it."));
        requireNoSkippedSiblings(context.getRequiredTestClass(), method);
        Settings settings = Settings.resolve(annotation, context::getConfigurationParameter, System::getProperty,
                method);

        try {
            invocation.proceed();
        } catch (DomainException e) {
            throw new ExtensionConfigurationException(Settings.prefix(method)
                    + "declares a domain that cannot produce values: " + e.getMessage(), e);
        }
        CheckSpec spec = context.getStore(NAMESPACE).get(SPEC, CheckSpec.class);
        requireDeclared(spec, testMethod, method);

        Trials trials = new Trials(settings, spec);
        Outcome outcome = trials.run();
        publishSummary(context, settings, outcome, trials.spent(), method);
        if (outcome instanceof Outcome.Failure failure) {
            fail(context, settings, failure, method, testMethod, spec);
        } else if (outcome instanceof Outcome.NoneConclusive none) {
            throw new TestAbortedException("@GradientCheck " + method + ": every one of the " + none.draws()
                    + " points drawn was inconclusive (the measurement too coarse to decide, e.g. at a kink), so"
                    + " nothing was checked; keep the domains away from kinks with Domain.awayFrom(kink, distance)."
                    + " Seed " + settings.seed() + ".");
        }
    }

    private static void requireDeclared(CheckSpec spec, Method testMethod, String method) {
        String example = "e.g. void " + testMethod.getName() + "(CheckSpec check) { check.subject(mySubject)"
                + ".input(\"x\", Domain.uniform(-1, 1)); }";
        if (spec == null) {
            throw new ExtensionConfigurationException(Settings.prefix(method) + "declared no subject: it has no"
                    + " CheckSpec parameter; add one and declare the subject and inputs on it, " + example + ".");
        }
        if (spec.subjectName() == null) {
            throw new ExtensionConfigurationException(Settings.prefix(method) + "declared no subject; call"
                    + " check.subject(...) in the method body, " + example + ".");
        }
        if (!spec.hasInputs()) {
            throw new ExtensionConfigurationException(Settings.prefix(method) + "declared no inputs for subject '"
                    + spec.subjectName() + "'; declare the domain of each input with check.input(name, domain)"
                    + " or give points with check.points(source).");
        }
    }

    /** JUnit silently skips non-void test methods; fail loudly instead while their class runs. */
    private static void requireNoSkippedSiblings(Class<?> testClass, String method) {
        List<Method> skipped = ReflectionSupport.findMethods(testClass,
                m -> m.getReturnType() != void.class && AnnotationSupport.isAnnotated(m, GradientCheck.class),
                HierarchyTraversalMode.TOP_DOWN);
        if (!skipped.isEmpty()) {
            String names = skipped.stream().map(GradientCheckExtension::describe).collect(Collectors.joining(", "));
            throw new ExtensionConfigurationException("Configuration error: @GradientCheck method " + names
                    + (skipped.size() == 1 ? " returns a value, so JUnit never runs it" : " return values, so JUnit"
                    + " never runs them") + "; declare " + (skipped.size() == 1 ? "it" : "them") + " void. (Failing "
                    + method + " of the same class so that this does not pass unnoticed.)");
        }
    }

    /**
     * The summary, published with every run, passed or failed, as report entries: the seed, the
     * points, the evaluations and the wall time; with {@code gradcheck.summary=print} a passing run
     * also prints it as one line.
     */
    private static void publishSummary(ExtensionContext context, Settings settings, Outcome outcome,
                                       Trials.Spent spent, String method) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("gradcheck.seed", Long.toString(settings.seed()));
        entry.put("gradcheck.points", outcome.passed() + " passed, " + outcome.inconclusive() + " inconclusive");
        entry.put("gradcheck.evaluations", spent.forward() + " forward, " + spent.backward() + " backward");
        entry.put("gradcheck.wallTime", Numbers.fixed(spent.wallTime().toNanos() / 1e9, 3) + " s");
        context.publishReportEntry(entry);
        if (settings.printSummary() && outcome instanceof Outcome.Passed passed) {
            System.out.println("gradcheck " + method + ": ok, " + passed.passed()
                    + (passed.passed() == 1 ? " point" : " points") + " passed, " + passed.inconclusive()
                    + " inconclusive (redrawn); " + entry.get("gradcheck.evaluations") + " evaluations in "
                    + entry.get("gradcheck.wallTime") + "; seed " + settings.seed());
        }
    }

    private static void fail(ExtensionContext context, Settings settings, Outcome.Failure failure, String method,
                             Method testMethod, CheckSpec spec) {
        String target = context.getRequiredTestClass().getSimpleName() + "#" + testMethod.getName();
        Outcome.WrongGradient wrong = failure instanceof Outcome.WrongGradient w ? w : null;
        Outcome.WrongDerivative matrix = failure instanceof Outcome.WrongDerivative w ? w : null;
        Outcome.WrongTangents tangents = failure instanceof Outcome.WrongTangents w ? w : null;
        // diagnosed once, with the subject, so that the message and the attached files agree
        Diagnoses shrunk = wrong != null ? diagnose(wrong.shrunkReport(), spec)
                : matrix != null ? Diagnoses.of(matrix.shrunkReport())
                : tangents != null ? Diagnoses.of(tangents.shrunkReport()) : null;
        Diagnoses first = wrong != null ? (wrong.shrink().shrunk() ? diagnose(wrong.firstReport(), spec) : shrunk)
                : matrix != null ? (matrix.shrink().shrunk() ? Diagnoses.of(matrix.firstReport()) : shrunk)
                : tangents != null ? (tangents.shrink().shrunk() ? Diagnoses.of(tangents.firstReport()) : shrunk) : null;
        FailureMessage message = new FailureMessage(method, target, settings, failure, shrunk, first);
        String text = message.text();
        RunSeed run = message.runSeed();
        try {
            String attachment = message.attachment();
            context.publishFile(REPORT_FILE, MediaType.TEXT_PLAIN_UTF_8,
                    path -> Files.writeString(path, attachment, StandardCharsets.UTF_8));
            if (wrong != null) {
                publishReports(context, wrong.shrink().shrunk(),
                        () -> JsonReport.render(wrong.shrunkReport(), shrunk, run),
                        () -> HtmlReport.render(wrong.shrunkReport(), shrunk, run),
                        () -> JsonReport.render(wrong.firstReport(), first, run),
                        () -> HtmlReport.render(wrong.firstReport(), first, run));
            }
            if (matrix != null) {
                publishReports(context, matrix.shrink().shrunk(),
                        () -> JsonReport.render(matrix.shrunkReport(), shrunk, run),
                        () -> HtmlReport.render(matrix.shrunkReport(), shrunk, run),
                        () -> JsonReport.render(matrix.firstReport(), first, run),
                        () -> HtmlReport.render(matrix.firstReport(), first, run));
            }
            if (tangents != null) {
                publishReports(context, tangents.shrink().shrunk(),
                        () -> JsonReport.render(tangents.shrunkReport(), shrunk),
                        () -> HtmlReport.render(tangents.shrunkReport(), shrunk),
                        () -> JsonReport.render(tangents.firstReport(), first),
                        () -> HtmlReport.render(tangents.firstReport(), first));
            }
        } catch (RuntimeException e) {
            text += "\n(the report could not be attached as a file: " + e.getMessage() + ")";
        }
        throw new GradientCheckFailure(text, settings.seed(), failure);
    }

    /** The report at the shrunk input as JSON and HTML, and where shrinking changed the input, the first-found one. */
    private static void publishReports(ExtensionContext context, boolean shrunk, Supplier<String> shrunkJson,
                                       Supplier<String> shrunkHtml, Supplier<String> firstJson,
                                       Supplier<String> firstHtml) {
        publish(context, shrunkJson.get(), shrunkHtml.get(), JSON_FILE, HTML_FILE);
        if (shrunk) {
            publish(context, firstJson.get(), firstHtml.get(), FIRST_JSON_FILE, FIRST_HTML_FILE);
        }
    }

    private static void publish(ExtensionContext context, String json, String html, String jsonFile,
                                String htmlFile) {
        context.publishFile(jsonFile, MediaType.APPLICATION_JSON,
                path -> Files.writeString(path, json, StandardCharsets.UTF_8));
        context.publishFile(htmlFile, HTML, path -> Files.writeString(path, html, StandardCharsets.UTF_8));
    }

    /** The diagnoses of the shrunk point; a failure to diagnose never hides the failure itself. */
    private static Diagnoses diagnose(GradientReport report, CheckSpec spec) {
        try {
            return Diagnoses.of(report, spec.subject());
        } catch (RuntimeException e) {
            return Diagnoses.of(report);
        }
    }

    static String describe(Method m) {
        StringBuilder sb = new StringBuilder("[").append(m.getDeclaringClass().getSimpleName()).append('.')
                .append(m.getName()).append('(');
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            sb.append(i > 0 ? ", " : "").append(types[i].getSimpleName());
        }
        return sb.append(")]").toString();
    }
}
