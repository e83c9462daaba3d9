package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Deviation;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.examples.network.Dense;
import io.github.gradcheck.input.Domain;
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
        kind("one parameter array shared by two layers (tied weights)", "ok: every claimed gradient matches the measured one",
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
                    return GradCheck.check(Sequential.of("shared", a, twin, new LayerStackTests.SquaredNorm()), X3);
                });
        // forward mode and second order (docs/forward-and-second-order.md)
        kind("a Jacobian laid out column by column", "the Jacobian function returned the matrix with shape [3x2] but it must be 2x3 (that is the transpose: is it laid out column by column?)",
                () -> GradCheck.checkForward(io.github.gradcheck.subject.JacobianSubject.of("model",
                        in -> new double[] {in.vector("x")[0], in.vector("x")[1] * in.vector("x")[2]},
                        in -> new double[][] {{1, 0}, {0, 1}, {0, 1}}), X3));
        kind("a Jacobian function that accumulates into its matrix", "the Jacobian function is not deterministic: called twice at the same point",
                () -> {
                    double[][] sum = new double[1][3];
                    return GradCheck.checkForward(io.github.gradcheck.subject.JacobianSubject.of("model",
                            in -> in.vector("x")[0] + in.vector("x")[1] + in.vector("x")[2], in -> {
                                for (int j = 0; j < 3; j++) {
                                    sum[0][j] += 1;
                                }
                                return sum;
                            }), X3);
                });
        kind("a JVP that returns the wrong shape", "the JVP returned a tangent of shape scalar but the output has shape [3]; the output's tangent J·t has the output's shape",
                () -> GradCheck.checkForward(io.github.gradcheck.subject.JvpSubject.of("model", in -> in.vector("x"),
                        (in, out, t) -> t.vector("x")[0]), X3));
        kind("a Hessian of a function that is not scalar", "a Hessian is the second derivative of a scalar function, but the function returned shape [3]",
                () -> GradCheck.checkHessian(io.github.gradcheck.subject.HessianSubject.of("model", in -> in.vector("x"),
                        in -> new double[3][3]), X3));
        kind("forward mode node by node for an op without a tangent rule", "node 'a': has no tangent rule; give every op of the graph one with Op.withTangent",
                () -> GradCheck.checkTangents(GraphSubject.builder("g").input("x").op("a", ID, "x").build(),
                        Point.of("x", 1.0)));
        kind("a double backward checked without the output gradient", "the point has no input 'gradOutput'",
                () -> GradCheck.check(io.github.gradcheck.subject.DoubleBackward.of("op", ID,
                        (in, out, g, w) -> new Object[] {0.0, w.scalar(0)}), Point.of("x", 1.0)));
        kind("an integer array as a differentiable input", "input 'labels' is an integer array (an index, label or"
                + " mask), which cannot be differentiated; add it with constant(\"labels\", ...)",
                () -> Point.of("labels", new int[] {1, 2}));
        kind("an integer reader on numbers that are not whole", "is not an int[]: element [1] is 2.5, not a whole"
                + " number an int can hold",
                () -> GradCheck.check(FunctionSubject.of("ints", in -> (double) in.intVector("x")[0],
                        (in, out, g) -> new double[2]), Point.of("x", new double[] {1, 2.5})));
        kind("a flat parameter whose array does not fit its shape", "parameter 'W' has shape [2x3] (6 elements) but"
                + " its flat array has 5 elements",
                () -> Parameter.of("W", new double[5], io.github.gradcheck.model.Shape.of(2, 3),
                        Parameter.Order.ROW_MAJOR, () -> null));
        kind("a deviation pattern that matches no node", "a deviation was declared for the pattern 't*' but no node"
                + " of the subject matches it",
                () -> new GradientChecker(CheckOptions.defaults().withDeviation("t*", "typo")).check(square(in -> 1.0),
                        Point.of("x", 1.0)));
        kind("a function with several outputs that returns one", "returned a Double; return a Map of output name to"
                + " value, a record or a List of the outputs",
                () -> GradCheck.check(FunctionSubject.withOutputs("one", in -> 1.0, (in, out, g) -> 0.0),
                        Point.of("x", 1.0)));
        kind("a bias that is a row of the weights", "node 'Dense.b': The array of parameter 'Dense.b' is also row 0 of parameter 'Dense.W' (the same array object)",
                () -> {
                    double[][] w = ParameterSharingTests.weights();
                    return Sequential.of("aliased", new Dense(w, w[0]), new AliasingTests.Sum());
                });
        kind("a row shared by the weights of two layers", "Row 1 of parameter 'Dense#2.W' is also row 2 of parameter 'Dense#1.W'",
                () -> {
                    double[][] w1 = ParameterSharingTests.weights();
                    double[][] w2 = ParameterSharingTests.weights();
                    w2[1] = w1[2];
                    return Sequential.of("shared row", new Dense(w1, new double[3]), new Dense(w2, new double[3]),
                            new AliasingTests.Sum());
                });
        kind("two rows of one matrix are the same array", "rows 0 and 2 of parameter 'Dense.W' are the same array object",
                () -> {
                    double[][] w = ParameterSharingTests.weights();
                    w[2] = w[0];
                    return Sequential.of("twin rows", new Dense(w, new double[3]), new AliasingTests.Sum());
                });
        kind("a layer that lists one array as two parameters", "lists the same array as 'Twice.s' and as 'Twice.t'; list every parameter array once",
                () -> Sequential.of("twice", new Twice(), new AliasingTests.Sum()));
        kind("two checks perturb the same array at the same time (tests in parallel over static weights)", "of subject 'first', checked at the same time on thread \"first checker\": the two checks took turns, so that neither saw the other's perturbed values",
                TroubleshootingCatalogueTests::twoChecksOnTheSameArrays);

        // ---- the user's callbacks ----
        kind("the reset hook throws", "subject 'net': the reset hook (CheckOptions.withReset) threw java.lang.IllegalStateException: rng closed while running the forward at the checked point (attached as the cause)",
                () -> GradCheck.check(UserCallbackTests.net(), UserCallbackTests.X, CheckOptions.defaults().withReset(() -> {
                    throw new IllegalStateException("rng closed");
                })));
        kind("a layer's parameters() throws", "node 'unbuilt': parameters() of layer 'unbuilt' (a Unbuilt) threw java.lang.IllegalStateException: not built yet (attached as the cause)",
                () -> Sequential.of("net", new Unbuilt(), new AliasingTests.Sum()));
        kind("a layer's name() throws", "subject 'net': name() of layer 1 (a Nameless) threw java.lang.IllegalStateException: no name yet (attached as the cause)",
                () -> Sequential.of("net", new Nameless(), new AliasingTests.Sum()));
        kind("a null layer in a stack", "subject 'n': layer 2 of 3 is null (it follows 'Sum'); pass a layer at every position of Sequential.of",
                () -> Sequential.of("n", new AliasingTests.Sum(), null, new AliasingTests.Sum()));
        kind("a graph node without a name", "needs a non-empty name, got \"\"; give every input, op and layer its own name",
                () -> GraphSubject.builder("g").input("x").op("", ID, "x"));
        kind("the user's code throws an Error", "subject 'f', node 'output': the forward threw java.lang.Error: boom (the exception is attached as the cause)",
                () -> GradCheck.check(square(in -> {
                    throw new Error("boom");
                }), Point.of("x", 1.0)));
        kind("the user's code throws a checked exception sneakily", "the forward threw java.io.IOException: disk full (the exception is attached as the cause)",
                () -> GradCheck.check(square(in -> {
                    throw UserCallbackTests.sneaky(new IOException("disk full"));
                }), Point.of("x", 1.0)));
        kind("code under check interrupts its own thread under a time limit", "your code interrupted the thread running the check (gradcheck's own worker thread, as the check has a time limit)",
                () -> new GradientChecker(CheckOptions.defaults().withTimeLimit(Duration.ofMinutes(1))).check(square(in -> {
                    Thread.currentThread().interrupt();
                    return in.scalar("x") * in.scalar("x");
                }), Point.of("x", 1.0)));

        // ---- a hand-written Subject ----
        kind("a hand-written Subject returns null", "subject 'hand-written': forward(point) of the subject (a HandWritten) returned null; it must return the trace of every node",
                () -> {
                    UserCallbackTests.HandWritten s = new UserCallbackTests.HandWritten();
                    s.forward = t -> null;
                    return GradCheck.check(s, Point.of("x", new double[] {0.5, -1.5}));
                });
        kind("a hand-written Subject throws", "replayOutput(trace, node, replacement) of the subject (a HandWritten) threw java.lang.IllegalStateException: cache cold (attached as the cause)",
                () -> {
                    UserCallbackTests.HandWritten s = new UserCallbackTests.HandWritten();
                    s.replayOutput = v -> {
                        throw new IllegalStateException("cache cold");
                    };
                    return GradCheck.check(s, Point.of("x", new double[] {0.5, -1.5}));
                });
        kind("a hand-written Subject claims a gradient of the wrong shape", "node 'x': backward(trace, cotangent) of the subject (a HandWritten) claimed a gradient of shape [3] for node 'x', whose value has shape [2]",
                () -> {
                    UserCallbackTests.HandWritten s = new UserCallbackTests.HandWritten();
                    s.backward = g -> new io.github.gradcheck.model.Gradients(Map.of("x", Value.vector(1, 2, 3),
                            "f", Value.scalar(1)), Map.of());
                    return GradCheck.check(s, Point.of("x", new double[] {0.5, -1.5}));
                });
        kind("a hand-written Subject's replay records other nodes", "a replay must record the nodes of the trace it replays, in its order",
                () -> {
                    UserCallbackTests.HandWritten s = new UserCallbackTests.HandWritten();
                    s.producers = false;
                    s.replay = t -> new io.github.gradcheck.model.Trace(List.of(t.node("f"), t.node("x")), "f");
                    return GradCheck.check(s, Point.of("x", new double[] {0.5, -1.5}));
                });

        // ---- under @GradientCheck ----
        kind("an unknown gradcheck.summary setting", "cannot use configuration parameter gradcheck.summary = 'loud': it must be 'publish' (report entries only, the default) or 'print' (also one line per passing test on standard output)",
                () -> underGradientCheck("io.github.gradcheck.junit.GradientCheckExtensionTests$PassingTestCases",
                        Map.of("gradcheck.summary", "loud")));
        kind("shrinking stopped at a point that is not the simplest", "simpler failing points refused because they showed the failure less clearly or another one (the first: node 'ReluDense.W': 4 elements newly unused (the output does not depend on them))",
                () -> underGradientCheck("io.github.gradcheck.junit.ShrinkingKeepsTheBugTests$ReluTestCases", Map.of()));

        // ---- memory and domains ----
        kind("a full Jacobian too large for the heap", "CotangentMode.FULL_JACOBIAN runs the backward once per output element and keeps what each run claims: 60000 claims of 120000 elements",
                () -> GradCheck.check(FunctionSubject.of("elementwise", in -> in.vector("x"), (in, out, g) -> g),
                        Point.of("x", new double[60_000]), CheckOptions.defaults().withCotangents(
                                io.github.gradcheck.check.CotangentMode.FULL_JACOBIAN)));
        kind("a domain shape with more elements than an array holds", "uniform(-1.0, 1.0) with shape [100000, 100000] has 10000000000 elements; an input holds at most 2147483639",
                () -> Domain.uniform(-1, 1).shape(100000, 100000));
        kind("a float domain beyond the float range", "uniform(-1.0E300, 1.0E300).precision(FLOAT): its range [-1.0E300, 1.0E300] reaches beyond the float range",
                () -> Domain.uniform(-1e300, 1e300).precision(io.github.gradcheck.model.Precision.FLOAT));
    }

    /** A layer whose parameters() throws. */
    static final class Unbuilt extends UserCallbackTests.Scale {
        @Override
        public List<Parameter> parameters() {
            throw new IllegalStateException("not built yet");
        }

        @Override
        public String name() {
            return "unbuilt";
        }
    }

    /** A layer whose name() throws. */
    static final class Nameless extends UserCallbackTests.Scale {
        @Override
        public String name() {
            throw new IllegalStateException("no name yet");
        }
    }

    /** A layer that lists one array as two parameters. */
    static final class Twice extends UserCallbackTests.Scale {
        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.of("s", s, () -> ds), Parameter.of("t", s, () -> ds));
        }

        @Override
        public String name() {
            return "Twice";
        }
    }

    /** A check of a subject whose weights another thread's subject is using at that moment; its report. */
    static GradientReport twoChecksOnTheSameArrays() throws InterruptedException {
        double[][] w = {{0.2, -0.5, 0.1}, {-0.3, 0.8, 0.4}};
        double[] b = {0.1, -0.2};
        java.util.concurrent.CountDownLatch inForward = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Dense dense = new Dense(w, b);
        Layer<double[], double[]> holding = new Layer<>() {
            @Override
            public double[] forward(double[] x) throws Exception {
                inForward.countDown();
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                return dense.forward(x);
            }

            @Override
            public double[] backward(double[] g) {
                return dense.backward(g);
            }

            @Override
            public List<Parameter> parameters() {
                return dense.parameters();
            }

            @Override
            public String name() {
                return "Dense";
            }
        };
        Point x = Point.of("x", new double[] {0.5, -1.0, 2.0});
        Thread first = new Thread(() -> Sequential.of("first", holding, new RobustnessTests.Sum()).forward(x),
                "first checker");
        first.start();
        inForward.await(30, java.util.concurrent.TimeUnit.SECONDS);
        GradientReport[] second = new GradientReport[1];
        Thread other = new Thread(() -> second[0] = GradCheck.check(Sequential.of("second", new Dense(w, b),
                new RobustnessTests.Sum()), x));
        other.start();
        Thread.sleep(100);
        release.countDown();
        first.join(30_000);
        other.join(30_000);
        return second[0];
    }

    /** The message of the one failing test of a {@code @GradientCheck} fixture class, run as a build would. */
    static String underGradientCheck(String fixture, Map<String, String> parameters) {
        return org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(fixture))
                .configurationParameter("gradcheck.test.fixtures", "true")
                .configurationParameters(parameters)
                .execute().testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable()
                        .orElseThrow().getMessage())
                .findFirst().orElse("(no test failed)");
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
