package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.input.InputSpace;
import io.github.gradcheck.input.PointSource;
import io.github.gradcheck.input.Shrinker;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.report.HtmlReport;
import io.github.gradcheck.report.JsonReport;
import io.github.gradcheck.report.ReportFiles;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.BackwardFunction;
import io.github.gradcheck.subject.ForwardFunction;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TapeFunction;
import io.github.gradcheck.subject.TracedSubject;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every public method and constructor of the API a user configures a check with refuses a null
 * argument with a sentence that says what was expected; none ignores it to fail later, and none
 * answers with a one-word NullPointerException. Found by calling each of them with null in every
 * reference position in turn (every other argument a valid value), so that a new method is
 * covered the day it is added. Out-of-range numbers get the same treatment where they are checked.
 */
class ArgumentValidationTests {

    static final FunctionSubject SQUARE = FunctionSubject.of("square", in -> in.scalar("x") * in.scalar("x"),
            (in, out, g) -> 2 * in.scalar("x") * g.asScalar());

    /** A valid value of each parameter type the API takes. */
    static final Map<Class<?>, Supplier<Object>> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put(String.class, () -> "x");
        SAMPLES.put(Object.class, () -> 1.0);
        SAMPLES.put(double[].class, () -> new double[] {1.0, 2.0});
        SAMPLES.put(double[][].class, () -> new double[][] {{1.0, 2.0}});
        SAMPLES.put(float[].class, () -> new float[] {1f, 2f});
        SAMPLES.put(float[][].class, () -> new float[][] {{1f, 2f}});
        SAMPLES.put(int[].class, () -> new int[] {2});
        SAMPLES.put(String[].class, () -> new String[] {"x"});
        SAMPLES.put(Object[].class, () -> new Object[] {"x", 1.0});
        SAMPLES.put(Value.class, () -> Value.scalar(1.0));
        SAMPLES.put(Point.class, () -> Point.of("x", 1.0));
        SAMPLES.put(Shape.class, Shape::scalar);
        SAMPLES.put(Precision.class, () -> Precision.DOUBLE);
        SAMPLES.put(Duration.class, () -> Duration.ofSeconds(1));
        SAMPLES.put(Runnable.class, () -> (Runnable) () -> { });
        SAMPLES.put(Supplier.class, () -> (Supplier<Subject>) () -> SQUARE);
        SAMPLES.put(Subject.class, () -> SQUARE);
        SAMPLES.put(ForwardFunction.class, () -> (ForwardFunction) in -> 1.0);
        SAMPLES.put(BackwardFunction.class, () -> (BackwardFunction) (in, out, g) -> 0.0);
        SAMPLES.put(TapeFunction.class, () -> (TapeFunction) t -> { });
        SAMPLES.put(Op.class, () -> Op.of(in -> in.scalar(0), (in, out, g) -> g.asScalar()));
        SAMPLES.put(Layer.class, () -> new RobustnessTests.Sum());
        SAMPLES.put(Layer[].class, () -> new Layer<?, ?>[] {new RobustnessTests.Sum()});
        SAMPLES.put(List.class, List::of);
        SAMPLES.put(Map.class, Map::of);
        SAMPLES.put(Set.class, Set::of);
        SAMPLES.put(CheckMode.class, () -> CheckMode.FULL);
        SAMPLES.put(CotangentMode.class, () -> CotangentMode.RANDOM);
        SAMPLES.put(TolerancePolicy.class, TolerancePolicy::defaults);
        SAMPLES.put(CheckOptions.class, CheckOptions::defaults);
        SAMPLES.put(Domain.class, () -> Domain.uniform(-1, 1));
        SAMPLES.put(InputSpace.class, () -> InputSpace.builder().input("x", Domain.uniform(-1, 1)).build());
        SAMPLES.put(PointSource.class, () -> PointSource.of(List.of(Point.of("x", 1.0))));
        SAMPLES.put(SplittableRandom.class, () -> new SplittableRandom(1));
        SAMPLES.put(GradientReport.class, () -> GradCheck.check(SQUARE, Point.of("x", 1.0)));
        SAMPLES.put(Predicate.class, () -> (Predicate<Point>) p -> true);
        SAMPLES.put(Function.class, () -> Function.identity());
        SAMPLES.put(Diagnoses.class, Diagnoses::none);
        SAMPLES.put(Path.class, () -> Path.of("target", "argument-validation"));
    }

    /**
     * The API a check is configured with: its static entry points, and an instance of each builder or
     * value. (The methods of a TolerancePolicy instance are the measurement's, reworked elsewhere.)
     */
    static List<Object> targets() {
        return List.of(GradCheck.class, GradientChecker.class, new GradientChecker(),
                Point.class, Point.builder(), Point.of("x", 1.0), Value.class, Shape.class,
                FunctionSubject.class, SQUARE, TracedSubject.class, Op.class, Parameter.class, Sequential.class,
                GraphSubject.class, GraphSubject.builder("g").input("x"),
                CheckOptions.class, CheckOptions.defaults(), CheckOptions.builder(), TolerancePolicy.class,
                Domain.class, Domain.uniform(-1, 1), InputSpace.class, InputSpace.builder(), PointSource.class,
                Shrinker.class, TextReport.class, JsonReport.class, HtmlReport.class, ReportFiles.class,
                Diagnoses.class);
    }

    /** Methods that are documented to accept null, and say what they do with it. */
    static final Set<String> ACCEPT_NULL = Set.of(
            "Point.has", "Point.isConstant", "Domain.contains", "Point.equals", "Value.equals", "Shape.equals",
            "CheckOptions.equals", "TolerancePolicy.equals");

    @Test
    void everyPublicMethodRefusesNullWithASentence() throws Exception {
        List<String> violations = new ArrayList<>();
        int calls = 0;
        for (Object target : targets()) {
            Class<?> type = target instanceof Class<?> c ? c : target.getClass();
            boolean statics = target instanceof Class<?>;
            List<Executable> members = new ArrayList<>();
            for (Method m : type.getMethods()) {
                if (m.getDeclaringClass() != Object.class && Modifier.isStatic(m.getModifiers()) == statics
                        && !m.isSynthetic() && !m.isBridge()) {
                    members.add(m);
                }
            }
            if (statics) {
                for (var c : type.getConstructors()) {
                    members.add(c);
                }
            }
            for (Executable member : members) {
                Class<?>[] types = member.getParameterTypes();
                Object[] valid = new Object[types.length];
                boolean known = true;
                for (int i = 0; i < types.length; i++) {
                    if (types[i].isPrimitive()) {
                        valid[i] = primitive(types[i]);
                    } else if (SAMPLES.containsKey(types[i])) {
                        valid[i] = SAMPLES.get(types[i]).get();
                    } else {
                        known = false;
                    }
                }
                if (!known) {
                    continue;
                }
                String name = type.getSimpleName() + "." + member.getName();
                for (int i = 0; i < types.length; i++) {
                    if (types[i].isPrimitive()) {
                        continue;
                    }
                    Object[] args = valid.clone();
                    for (int j = 0; j < args.length; j++) {
                        if (j != i && !types[j].isPrimitive()) {
                            args[j] = SAMPLES.get(types[j]).get();
                        }
                    }
                    args[i] = null;
                    calls++;
                    Object receiver = statics ? null : fresh(target);
                    String outcome = outcomeOfNull(member, receiver, args);
                    if (outcome != null && !ACCEPT_NULL.contains(name)) {
                        violations.add(name + java.util.Arrays.toString(types) + " with null at " + i + ": " + outcome);
                    }
                }
            }
        }
        assertThat(calls).as("calls made").isGreaterThan(100);
        assertThat(violations).as("methods that do not refuse null with a sentence").isEmpty();
    }

    /** A fresh instance like {@code target}, for a builder that a call may have changed. */
    private static Object fresh(Object target) {
        if (target instanceof Point.Builder) {
            return Point.builder();
        }
        if (target instanceof CheckOptions.Builder) {
            return CheckOptions.builder();
        }
        if (target instanceof GraphSubject.Builder) {
            return GraphSubject.builder("g").input("x");
        }
        if (target instanceof InputSpace.Builder) {
            return InputSpace.builder();
        }
        return target;
    }

    /** Null when the call refused the null with a sentence; otherwise what it did instead. */
    private static String outcomeOfNull(Executable member, Object receiver, Object[] args) throws Exception {
        try {
            if (member instanceof Method m) {
                m.invoke(receiver, args);
            } else {
                ((java.lang.reflect.Constructor<?>) member).newInstance(args);
            }
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            boolean clear = t instanceof NullPointerException || t instanceof IllegalArgumentException
                    || t instanceof SubjectException;
            String message = t.getMessage();
            if (clear && message != null && message.trim().split("\\s+").length >= 5) {
                return null;
            }
            return t.getClass().getSimpleName() + ": " + message;
        }
        return "accepted null";
    }

    private static Object primitive(Class<?> p) {
        if (p == boolean.class) {
            return false;
        }
        if (p == double.class) {
            return 1.0;
        }
        if (p == float.class) {
            return 1f;
        }
        if (p == long.class) {
            return 1L;
        }
        return 1;
    }

    // ---- named cases of the issue -----------------------------------------------------------

    @Test
    void theNullsOfTheIssueAreRefusedNamingTheArgumentAndTheFix() {
        assertThatThrownBy(() -> Point.builder().input(null, 1.0))
                .hasMessage("a point input needs a name, got null; e.g. Point.builder().input(\"x\", 1.0)");
        assertThatThrownBy(() -> CheckOptions.defaults().withTimeLimit(null))
                .hasMessageContaining("the option timeLimit must not be null; use Duration.ZERO for no limit");
        assertThatThrownBy(() -> CheckOptions.defaults().withReset(null))
                .hasMessageContaining("the option reset must not be null");
        assertThatThrownBy(() -> CheckOptions.defaults().withMode(null))
                .hasMessageContaining("the option mode must not be null");
        assertThatThrownBy(() -> CheckOptions.defaults().withDeviation(null, "why"))
                .hasMessageContaining("needs the name of the node that deviates, got null");
        Layer<?, ?> tanh = new RobustnessTests.Sum();
        assertThatThrownBy(() -> Sequential.of("n", tanh, null, tanh)).isInstanceOf(SubjectException.class)
                .hasMessage("subject 'n': layer 2 of 3 is null (it follows 'Sum'); pass a layer at every position of"
                        + " Sequential.of");
    }
}
