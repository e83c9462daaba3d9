package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Deviation;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.TracedSubject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The troubleshooting catalogue: every kind of bad input, each with a minimal subject and the
 * message a user sees, in one place. The troubleshooting table of the user guide
 * ({@code docs/troubleshooting.md}) is checked against it row by row, so that the guide cannot
 * drift from what gradcheck says.
 */
class TroubleshootingCatalogueTests {

    /** One kind of bad input: the message fragment the user sees, and what produces the message. */
    record Kind(String fragment, Callable<Object> run) {
    }

    static final Map<String, Kind> CATALOGUE = new LinkedHashMap<>();

    private static void kind(String name, String fragment, Callable<Object> run) {
        CATALOGUE.put(name, new Kind(fragment, run));
    }

    static final Point XY = BadInputTests.XY;
    static final Point X3 = Point.of("x", new double[] {0.3, -0.7, 1.1});
    static final Op ID = Op.of(in -> in.scalar(0), (in, out, g) -> g.asScalar());

    static FunctionSubject square(io.github.gradcheck.subject.ForwardFunction forward) {
        return FunctionSubject.of("f", forward, (in, out, g) -> 2 * in.scalar("x") * g.asScalar());
    }

    /** y = w·x with a parameter whose gradient accumulates across backward calls ({@code dw += ...}). */
    static final class Accumulating implements Layer<double[], double[]> {
        final double[] w = {0.5, -1.5, 2.0};
        final double[] dw = new double[3];
        double[] x;

        @Override
        public double[] forward(double[] input) {
            x = input.clone();
            double[] y = new double[3];
            for (int i = 0; i < 3; i++) {
                y[i] = w[i] * x[i];
            }
            return y;
        }

        @Override
        public double[] backward(double[] g) {
            double[] dx = new double[3];
            for (int i = 0; i < 3; i++) {
                dw[i] += g[i] * x[i];      // the bug: += into a buffer never zeroed
                dx[i] = g[i] * w[i];
            }
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.of("w", w, () -> dw));
        }
    }

    static {
        // ---- the backward's result ----
        kind("backward returns null", "the backward returned null; return an Object[] with one gradient per argument [x, y]",
                () -> GradCheck.check(BadInputTests.scaledSum((in, out, g) -> null), XY));
        kind("too few gradients", "the backward returned 1 gradient for 2 arguments [x, y]; return exactly one per argument",
                () -> GradCheck.check(BadInputTests.scaledSum((in, out, g) -> new Object[] {new double[3]}), XY));
        kind("too many gradients", "the backward returned 3 gradients for 2 arguments [x, y]",
                () -> GradCheck.check(BadInputTests.scaledSum((in, out, g) -> new Object[] {new double[3], 1.0, 2.0}),
                        XY));
        kind("a gradient of the wrong length or shape", "node 'x': the backward's gradient for argument 0 ('x') has shape [2] but 'x' has shape [3]",
                () -> GradCheck.check(BadInputTests.scaledSum((in, out, g) -> new Object[] {new double[2], 6.0}), XY));
        kind("null as the gradient of a differentiable input", "returned null as the gradient of argument 0 ('x'); only constant arguments may have a null gradient",
                () -> GradCheck.check(BadInputTests.scaledSum((in, out, g) -> new Object[] {null, 6.0}), XY));
        kind("a gradient that is not a number or array", "cannot use String as a value",
                () -> GradCheck.check(BadInputTests.scaledSum((in, out, g) -> new Object[] {"dx", 6.0}), XY));
        kind("a ragged gradient matrix", "ragged array",
                () -> GradCheck.check(FunctionSubject.of("sum", in -> in.value("m").dot(in.value("m")),
                        (in, out, g) -> new double[][] {{2, 4}, {6}}), Point.of("m", new double[][] {{1, 2}, {3, 4}})));
        kind("a gradient for a node the forward never produced", "subject 'typo', node 'hh': the backward reported a gradient for 'hh' but the forward recorded no node or input of that name",
                () -> GradCheck.check(TracedSubject.of("typo", t -> t.output("f", 2 * t.node("h", t.scalar("x"))), t -> {
                    t.grad("hh", 2.0);
                    t.grad("x", 2.0);
                }), Point.of("x", 1.0)));
        kind("a node without a gradient", "subject 'forgot', node 'h': the backward reported no gradient for node [h]",
                () -> GradCheck.check(TracedSubject.of("forgot", t -> t.output("f", 2 * t.node("h", t.scalar("x"))),
                        t -> t.grad("x", 2.0)), Point.of("x", 1.0)));
        kind("a gradient reported twice", "reported a gradient for 'x' twice; sum the contributions",
                () -> GradCheck.check(TracedSubject.of("twice", t -> t.output("f", 3 * t.scalar("x")), t -> {
                    t.grad("x", 1.0);
                    t.grad("x", 2.0);
                }), Point.of("x", 1.0)));

        // ---- the forward's result ----
        kind("forward returns null", "subject 'nothing', node 'output': the forward returned null; return a number or an array",
                () -> GradCheck.check(FunctionSubject.of("nothing", in -> null, (in, out, g) -> 0.0), Point.of("x", 1.0)));
        kind("the output changes shape under perturbation", "the forward returned shape [3] when 'x' was perturbed, but [2] at the point; the output's shape may not change",
                () -> GradCheck.check(FunctionSubject.of("shape shifter",
                        in -> in.scalar("x") > 1.0 ? new double[] {1, 2, 3} : new double[] {1, 2},
                        (in, out, g) -> 0.0), Point.of("x", 1.0)));
        kind("the output is NaN or infinite at the point", "subject 'log', node 'output': the output is NaN at the checked point; gradients can only be checked where the function is finite",
                () -> GradCheck.check(FunctionSubject.of("log", in -> Math.log(in.scalar("x")),
                        (in, out, g) -> g.asScalar() / in.scalar("x")), Point.of("x", -1.0)));
        kind("an intermediate is NaN or infinite at the point", "node 'big': the forward value is Infinity at the checked point",
                () -> GradCheck.check(TracedSubject.of("inf", t -> {
                    double big = t.node("big", Math.exp(t.scalar("x")));
                    t.output("f", 1 / big);
                }, t -> { }), Point.of("x", 1000.0)));
        kind("an input is NaN", "node 'x': the input is NaN at element [1]",
                () -> GradCheck.check(FunctionSubject.of("sum", in -> in.value(0).dot(Value.vector(1, 1)),
                        (in, out, g) -> new double[] {g.asScalar(), g.asScalar()}), Point.of("x", new double[] {1, Double.NaN})));
        kind("not finite only at a perturbed point (edge of the domain)", "inconclusive: the function is not finite within a step of the point (edge of its domain)",
                () -> GradCheck.check(FunctionSubject.of("sqrt", in -> Math.sqrt(in.scalar("x")),
                        (in, out, g) -> g.asScalar() / (2 * Math.sqrt(in.scalar("x")))), Point.of("x", 0.0)));

        // ---- the user's code throws ----
        kind("the forward throws at the point", "subject 'f', node 'output': the forward threw java.lang.IllegalStateException: not initialised (the exception is attached as the cause)",
                () -> GradCheck.check(square(in -> {
                    throw new IllegalStateException("not initialised");
                }), Point.of("x", 1.0)));
        kind("the forward throws only at a perturbed point", "the forward threw java.lang.ArithmeticException: x moved",
                () -> GradCheck.check(square(in -> {
                    if (in.scalar("x") != 1.0) {
                        throw new ArithmeticException("x moved");
                    }
                    return 1.0;
                }), Point.of("x", 1.0)));
        kind("the backward throws", "the backward threw java.lang.IllegalStateException: cache was empty (the exception is attached as the cause)",
                () -> GradCheck.check(BadInputTests.scaledSum((in, out, g) -> {
                    throw new IllegalStateException("cache was empty");
                }), XY));

        // ---- state, mutation, aliasing ----
        kind("a layer's forward changes its input array in place", "node 'InPlaceRelu': the forward of layer 'InPlaceRelu' modified its input array in place",
                () -> GradCheck.check(Sequential.of("in place", new LayerStackTests.Affine(3, 3, 5, false),
                        new LayerStackTests.InPlaceRelu(), new LayerStackTests.SquaredNorm()), X3));
        kind("traced code changes a node after recording it", "node 'h': the forward changed the array of node 'h' after recording it",
                () -> GradCheck.check(TracedSubject.of("late change", t -> {
                    double[] x = t.vector("x");
                    double[] h = t.node("h", new double[] {x[0] * x[0], x[1] * x[1], x[2] * x[2]});
                    h[1] = 0;
                    t.output("f", h[0] + h[1] + h[2]);
                }, t -> { }), X3));
        kind("the same output buffer on every call, a reused gradient array, a backward that overwrites gradOutput", "ok: every claimed gradient matches the measured one",
                () -> GradCheck.check(Sequential.of("buffers", new AliasingTests.SquareWithBuffers(),
                        new AliasingTests.Sum()), AliasingTests.X));
        kind("a stateful layer whose backward uses what its last forward cached", "ok: every claimed gradient matches the measured one",
                () -> GradCheck.check(Sequential.of("cache", new LayerStackTests.Affine(3, 3, 3, false),
                        new LayerStackTests.Tanh(), new LayerStackTests.SquaredNorm()), X3));
        kind("a layer that accumulates its parameter gradient (dW += ...)", "node 'Accumulating.w': the backward is not reentrant: called twice with the same cotangent",
                () -> GradCheck.check(Sequential.of("accumulates", new Accumulating(), new AliasingTests.Sum()), X3));
        kind("a backward that accumulates into state", "it probably accumulates into state that is not reset between calls (e.g. += into a gradient buffer that is never zeroed)",
                () -> {
                    double[] acc = {0};
                    return GradCheck.check(FunctionSubject.of("leaky", in -> in.scalar("w") * 3, (in, out, g) -> {
                        acc[0] += 3 * g.asScalar();
                        return acc[0];
                    }), Point.of("w", 0.5));
                });
        kind("a nondeterministic forward", "the forward is not deterministic: evaluated twice at the same point it computed",
                () -> {
                    Random noise = new Random(1);
                    return GradCheck.check(square(in -> in.scalar("x") * in.scalar("x") * (1 + 1e-3 * noise.nextGaussian())),
                            Point.of("x", 1.5));
                });
        kind("randomness such as dropout without a reset hook", "reset them before every evaluation with CheckOptions.withReset(...)",
                () -> {
                    Random rng = new Random(5);
                    return GradCheck.check(square(in -> rng.nextDouble() < 0.5 ? 2 * in.scalar("x") : 0.0),
                            Point.of("x", 1.5));
                });
        kind("traced code records different nodes on different runs", "must record the same nodes every time",
                () -> GradCheck.check(TracedSubject.of("branchy", t -> {
                    double x = t.scalar("x");
                    double h = x > 1.0 ? t.node("big", x * x) : t.node("small", x);
                    t.output("f", h);
                }, t -> {
                    t.grad("big", 1.0);
                    t.grad("x", 2 * t.scalar("x"));
                }), Point.of("x", 1.0 + 1e-6)));

        // ---- inputs ----
        kind("an input the output does not depend on, with a non-zero claimed gradient", "the output does not depend on 'b'",
                () -> GradCheck.check(FunctionSubject.of("ignores b", in -> in.scalar("a") * in.scalar("a"),
                        (in, out, g) -> new double[] {2 * in.scalar("a") * g.asScalar(), 1e-9}), Point.of("a", 1.5, "b", 2.0)));
        kind("an integer input (label, index) declared constant", "ok: every claimed gradient matches the measured one",
                () -> GradCheck.check(FunctionSubject.of("pick", in -> 3 * in.vector("z")[(int) in.scalar("label")],
                        (in, out, g) -> new Object[] {new double[] {0, 3 * g.asScalar(), 0}, null}),
                        Point.builder().input("z", new double[] {0.1, 0.2, 0.3}).constant("label", 1).build()));
        kind("a forward that hangs", "the check exceeded its time limit of 200 ms while running the forward at the checked point",
                () -> new GradientChecker(CheckOptions.defaults().withTimeLimit(Duration.ofMillis(200))).check(square(in -> {
                    Thread.sleep(600_000);
                    return 0.0;
                }), Point.of("x", 1.0)));
        kind("inputs too large to check in full within the budget", "a full check of its 2001 elements would cost at least 12006 forward evaluations (6 per element), more than the budget of 10000; use CheckOptions.withMode(CheckMode.FAST)",
                () -> new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FULL).withBudget(10_000))
                        .check(FunctionSubject.of("big", in -> Arrays.stream(in.vector("x")).sum(),
                                (in, out, g) -> new double[2000]), Point.of("x", new double[2000])));
        kind("the checking thread is interrupted", "the thread running the check was interrupted while",
                () -> {
                    try {
                        return GradCheck.check(square(in -> {
                            Thread.currentThread().interrupt();
                            return in.scalar("x") * in.scalar("x");
                        }), Point.of("x", 1.0));
                    } finally {
                        Thread.interrupted();
                    }
                });

        // ---- misuse of the API ----
        kind("two nodes with the same name", "subject 'g', node 'h': two nodes are named 'h'; give every node its own name",
                () -> GraphSubject.builder("g").input("x").op("h", ID, "x").op("h", ID, "h"));
        kind("a node used before it is defined", "node 'a' uses 'b', which is not defined before it; define inputs and nodes before using them",
                () -> GraphSubject.builder("g").input("x").op("a", ID, "b"));
        kind("a cycle in a graph", "node 'a' uses itself; a graph cannot have cycles",
                () -> GraphSubject.builder("g").input("x").op("a", ID, "a"));
        kind("an empty graph", "subject 'g': the graph has no op or layer to compute an output",
                () -> GraphSubject.builder("g").input("x").build());
        kind("a function checked at a point with no inputs", "subject 'f': the point has no inputs; a function needs at least one",
                () -> GradCheck.check(square(in -> 1.0), Point.builder().build()));
        kind("every input of the point is a constant", "subject 'f': every input is constant, so there is no gradient to check",
                () -> GradCheck.check(square(in -> in.scalar("x") * in.scalar("x")),
                        Point.builder().constant("x", 2.0).build()));
        kind("an input with no elements", "subject 'sum', node 'x': has no elements (shape [0]); an empty value has no gradient to check",
                () -> GradCheck.check(FunctionSubject.of("sum", in -> in.value("x").dot(in.value("x")) + in.scalar("y"),
                        (in, out, g) -> new Object[] {new double[0], g.asScalar()}),
                        Point.of("x", new double[0], "y", 2.0)));
        kind("the point lacks an input of the graph", "node 'y': the point has no value for input 'y'",
                () -> GradCheck.check(GraphSubject.builder("g").input("x").input("y").op("a", ID, "x").build(),
                        Point.of("x", 1.0)));
        kind("the point has an input the graph does not declare", "the point has an input 'z' that the graph does not declare",
                () -> GradCheck.check(GraphSubject.builder("g").input("x").op("a", ID, "x").build(),
                        Point.of("x", 1.0, "z", 2.0)));
        kind("a deviation declared for a node that does not exist", "a deviation was declared for 'z' but the subject has no node of that name",
                () -> new GradientChecker(CheckOptions.defaults().withDeviation("z", Deviation.atMost("typo", 0)))
                        .check(square(in -> 1.0),
                        Point.of("x", 1.0)));
        kind("one parameter array shared by two layers", "shared parameter arrays are not supported yet: check the layers separately",
                () -> {
                    LayerStackTests.Affine a = new LayerStackTests.Affine(3, 3, 1, false);
                    Layer<double[], double[]> twin = new Layer<>() {
                        @Override
                        public double[] forward(double[] x) {
                            return a.forward(x);
                        }

                        @Override
                        public double[] backward(double[] g) {
                            return a.backward(g);
                        }

                        @Override
                        public List<Parameter> parameters() {
                            return a.parameters();
                        }

                        @Override
                        public String name() {
                            return "twin";
                        }
                    };
                    return Sequential.of("shared", a, twin, new LayerStackTests.SquaredNorm());
                });
    }

    /** What the user sees: the exception's message, or the text report when the check ends normally. */
    static String seen(Kind k) {
        Object result;
        try {
            result = k.run().call();
        } catch (Exception e) {
            return e.getMessage();
        }
        return result instanceof io.github.gradcheck.check.GradientReport r ? TextReport.render(r) : String.valueOf(result);
    }

    @TestFactory
    Stream<DynamicTest> everyKindProducesItsMessage() {
        return CATALOGUE.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> assertThat(seen(e.getValue())).as(e.getKey()).contains(e.getValue().fragment())));
    }

    @Test
    void theCatalogueHasAtLeastThirtyKinds() {
        assertThat(CATALOGUE).hasSizeGreaterThanOrEqualTo(30);
    }

    /** The page of the user guide that holds the table. */
    static final Path TROUBLESHOOTING = Path.of("docs", "troubleshooting.md");

    /** The heading of the table's section on that page. */
    static final String SECTION = "## What the messages say";

    /** A row of the table: {@code | kind | `fragment` |}. */
    private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| `(.+)` \\|$");

    @Test
    void theGuideListsEveryKindWithTheMessageItProduces() throws IOException {
        String page = Files.readString(TROUBLESHOOTING, StandardCharsets.UTF_8);
        int start = page.indexOf(SECTION);
        assertThat(start).as("the section '%s' of %s", SECTION, TROUBLESHOOTING).isNotNegative();
        int end = page.indexOf("\n## ", start + 1);
        String section = page.substring(start, end < 0 ? page.length() : end);
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                assertThat(rows.put(m.group(1), m.group(2))).as("%s lists '%s' twice", TROUBLESHOOTING, m.group(1))
                        .isNull();
            }
        }
        assertThat(rows.keySet()).as("one row of %s per catalogue kind, in the same words", TROUBLESHOOTING)
                .containsExactlyInAnyOrderElementsOf(CATALOGUE.keySet());
        for (Map.Entry<String, String> row : rows.entrySet()) {
            assertThat(seen(CATALOGUE.get(row.getKey()))).as("%s row '%s'", TROUBLESHOOTING, row.getKey())
                    .contains(row.getValue());
        }
    }

    @Test
    void theReadmeLeadsToTheTable() throws IOException {
        assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8))
                .as("README.md links to the troubleshooting page").contains("](docs/troubleshooting.md");
    }
}
