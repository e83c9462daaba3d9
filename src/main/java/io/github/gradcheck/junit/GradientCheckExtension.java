package io.github.gradcheck.junit;

import io.github.gradcheck.input.DomainException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.report.HtmlReport;
import io.github.gradcheck.junit.Trials.Outcome;
import io.github.gradcheck.report.JsonReport;
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

        Outcome outcome = new Trials(settings, spec).run();
        publishPoints(context, settings, outcome);
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

    /** The seed and the count of points, published with every run, passed or failed. */
    private static void publishPoints(ExtensionContext context, Settings settings, Outcome outcome) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("gradcheck.seed", Long.toString(settings.seed()));
        entry.put("gradcheck.points", outcome.passed() + " passed, " + outcome.inconclusive() + " inconclusive");
        context.publishReportEntry(entry);
    }

    private static void fail(ExtensionContext context, Settings settings, Outcome.Failure failure, String method,
                             Method testMethod, CheckSpec spec) {
        String target = context.getRequiredTestClass().getSimpleName() + "#" + testMethod.getName();
        GradientReport shrunk = failure instanceof Outcome.WrongGradient wrong ? wrong.shrunkReport() : null;
        JacobianReport shrunkMatrix = failure instanceof Outcome.WrongDerivative wrong ? wrong.shrunkReport() : null;
        // diagnosed once, with the subject, so that the message and the attached files agree
        TangentReport shrunkTangents = failure instanceof Outcome.WrongTangents wrong ? wrong.shrunkReport() : null;
        Diagnoses diagnoses = shrunk != null ? diagnose(shrunk, spec)
                : shrunkMatrix != null ? Diagnoses.of(shrunkMatrix)
                : shrunkTangents != null ? Diagnoses.of(shrunkTangents) : null;
        FailureMessage message = new FailureMessage(method, target, settings, failure, diagnoses);
        String text = message.text();
        try {
            String attachment = message.attachment(text);
            context.publishFile(REPORT_FILE, MediaType.TEXT_PLAIN_UTF_8,
                    path -> Files.writeString(path, attachment, StandardCharsets.UTF_8));
            if (shrunk != null) {
                context.publishFile(JSON_FILE, MediaType.APPLICATION_JSON,
                        path -> JsonReport.write(shrunk, diagnoses, path));
                context.publishFile(HTML_FILE, HTML, path -> HtmlReport.write(shrunk, diagnoses, path));
            }
            if (shrunkMatrix != null) {
                context.publishFile(JSON_FILE, MediaType.APPLICATION_JSON, path -> Files.writeString(path,
                        JsonReport.render(shrunkMatrix, diagnoses), StandardCharsets.UTF_8));
                context.publishFile(HTML_FILE, HTML, path -> Files.writeString(path,
                        HtmlReport.render(shrunkMatrix, diagnoses), StandardCharsets.UTF_8));
            }
            if (shrunkTangents != null) {
                context.publishFile(JSON_FILE, MediaType.APPLICATION_JSON, path -> Files.writeString(path,
                        JsonReport.render(shrunkTangents, diagnoses), StandardCharsets.UTF_8));
                context.publishFile(HTML_FILE, HTML, path -> Files.writeString(path,
                        HtmlReport.render(shrunkTangents, diagnoses), StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            text += "\n(the report could not be attached as a file: " + e.getMessage() + ")";
        }
        throw new GradientCheckFailure(text, settings.seed(), failure);
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
