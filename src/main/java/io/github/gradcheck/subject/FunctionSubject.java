package io.github.gradcheck.subject;

import io.github.gradcheck.internal.subject.GradientView;
import io.github.gradcheck.internal.subject.GradientViews;
import io.github.gradcheck.internal.subject.ViewedBackward;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A black-box function with a claimed vector–Jacobian product. Its nodes are its inputs
 * (named as in the {@link Point}) and its output, named {@code "output"}; the report has
 * one row per input.
 *
 * <pre>{@code
 * Subject softplus = FunctionSubject.of("softplus",
 *         in -> Math.log1p(Math.exp(in.scalar("x"))),
 *         (in, out, gOut) -> gOut.asScalar() / (1 + Math.exp(-in.scalar("x"))));
 * GradientReport report = GradCheck.check(softplus, Point.of("x", 0.5));
 * }</pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class FunctionSubject implements Subject, ViewedBackward {

    /** The name of the output node. */
    public static final String OUTPUT = "output";

    private final String name;
    private final ForwardFunction forward;
    private final BackwardFunction backward;
    private final boolean pure;

    private FunctionSubject(String name, ForwardFunction forward, BackwardFunction backward, boolean pure) {
        this.name = Objects.requireNonNull(name, "FunctionSubject.of needs the subject's name (for reports), got"
                + " null; e.g. FunctionSubject.of(\"softplus\", forward, backward)");
        this.forward = Objects.requireNonNull(forward, () -> "FunctionSubject.of(\"" + name + "\", ...) needs a"
                + " forward function, got null; e.g. in -> Math.sin(in.scalar(\"x\"))");
        this.backward = Objects.requireNonNull(backward, () -> "FunctionSubject.of(\"" + name + "\", ...) needs a"
                + " backward function, got null; e.g. (in, out, gOut) -> gOut.asScalar() * Math.cos(in.scalar(\"x\"))");
        this.pure = pure;
    }

    /**
     * {@return a function subject}; the inputs come from the point it is checked at, in its order.
     *
     * @param name the subject's name, for reports and error messages
     * @param forward computes the output from the inputs
     * @param backward computes each input's gradient from the output's
     * @throws NullPointerException when an argument is null
     */
    public static FunctionSubject of(String name, ForwardFunction forward, BackwardFunction backward) {
        return new FunctionSubject(name, forward, backward, false);
    }

    /**
     * {@return a function with several outputs}: an LSTM step's {@code h} and {@code c}, a layer's
     * output and its auxiliary loss. Each output gets its own part of the cotangent, the backward
     * reads them by the outputs' names, and the report has a row per output; the output the engine
     * checks is their concatenation, named after them, e.g. {@code (h, c)}.
     *
     * <pre>{@code
     * FunctionSubject.withOutputs("lstm step",
     *         in -> Map.of("h", h, "c", c),                 // or a record, or a List
     *         (in, out, gOut) -> backward(in, gOut.vector("h"), gOut.vector("c")));
     * }</pre>
     *
     * @param name the subject's name, for reports and error messages
     * @param forward computes the outputs from the inputs: a {@code Map} of output name to value
     *     (a {@code LinkedHashMap} keeps the report's order the same in every run), a record whose
     *     components are the outputs, or a {@code List} of them (named {@code output0}, ...)
     * @param backward computes each input's gradient from the gradient of every output
     * @throws NullPointerException when an argument is null
     */
    public static Subject withOutputs(String name, ForwardFunction forward, OutputsBackward backward) {
        return new FunctionWithOutputs(name, forward, backward);
    }

    /**
     * The same function, declared {@linkplain Subject#isPure() pure}: its forward depends on its
     * arguments alone and may run on several threads at once, so a check with
     * {@code CheckOptions.withParallelism(n)} measures it in parallel. Declare it only when that
     * is true: a forward that writes shared state gives wrong measurements in parallel.
     *
     * @return the same function, pure
     * @since 0.1.0
     */
    public FunctionSubject pure() {
        return new FunctionSubject(name, forward, backward, true);
    }

    @Override
    public boolean isPure() {
        return pure;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Trace forward(Point point) {
        if (point.size() == 0) {
            throw new SubjectException(name, "the point has no inputs; a function needs at least one");
        }
        if (point.has(OUTPUT)) {
            throw new SubjectException(name, OUTPUT, "an input may not be named '" + OUTPUT
                    + "', the name of the function's output; rename the input");
        }
        List<Node> nodes = new ArrayList<>();
        List<String> names = point.names();
        for (String input : names) {
            nodes.add(Node.of(input, point.isConstant(input) ? NodeKind.CONSTANT : NodeKind.INPUT, point.get(input)));
        }
        Value out = evaluate(names, values(nodes));
        nodes.add(new Node(OUTPUT, NodeKind.OUTPUT, out, names));
        return new Trace(nodes, OUTPUT);
    }

    private Value evaluate(List<String> names, List<Value> values) {
        Args args = new Args(names, values);
        Object returned = UserCode.call(name, OUTPUT, "the forward", () -> forward.apply(args));
        return UserCode.toValue(name, OUTPUT, "the forward", returned);
    }

    @Override
    public Gradients backward(Trace trace, Value cotangent) {
        BackwardCall call = new BackwardCall(trace);
        Value[] grads = ArgumentGradients.read(name, null, "the backward", call.run(cotangent), call.names, call.values,
                call.constant);
        Map<String, Value> byNode = new LinkedHashMap<>();
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] != null) {
                byNode.put(call.names.get(i), grads[i]);
            }
        }
        byNode.put(OUTPUT, cotangent);
        return new Gradients(byNode, Map.of());
    }

    @Override
    public GradientViews backwardViewed(Trace trace, Value cotangent) {
        BackwardCall call = new BackwardCall(trace);
        GradientView[] grads = ArgumentGradients.readViewed(name, null, "the backward", call.run(cotangent),
                call.names, call.values, call.constant);
        Map<String, GradientView> byNode = new LinkedHashMap<>();
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] != null) {
                byNode.put(call.names.get(i), grads[i]);
            }
        }
        byNode.put(OUTPUT, GradientView.of(cotangent));
        return new GradientViews(byNode, Map.of());
    }

    /** One call of the user's backward at a trace: the arguments it is given, and what it returns. */
    private final class BackwardCall {
        private final Trace trace;
        private final List<String> names = new ArrayList<>();
        private final List<Boolean> constant = new ArrayList<>();
        private final List<Value> values;

        BackwardCall(Trace trace) {
            this.trace = trace;
            List<Node> inputs = trace.nodes().subList(0, trace.nodes().size() - 1);
            for (Node n : inputs) {
                names.add(n.name());
                constant.add(n.kind() == NodeKind.CONSTANT);
            }
            this.values = values(inputs);
        }

        Object run(Value cotangent) {
            Args args = new Args(names, values);
            Value out = trace.output().value();
            return UserCode.call(name, null, "the backward", () -> backward.apply(args, out, cotangent));
        }
    }

    @Override
    public Trace replay(Trace trace, String node, Value replacement) {
        List<Node> nodes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.OUTPUT) {
                continue;
            }
            names.add(n.name());
            nodes.add(n.name().equals(node) ? new Node(n.name(), n.kind(), replacement, n.producers()) : n);
        }
        Value out = replayOutput(trace, node, replacement);
        nodes.add(new Node(OUTPUT, NodeKind.OUTPUT, out, names));
        return new Trace(nodes, OUTPUT);
    }

    /** The function at the trace's inputs with {@code node} replaced: no trace is built. */
    @Override
    public Value replayOutput(Trace trace, String node, Value replacement) {
        Value out;
        if (node.equals(OUTPUT)) {
            out = replacement;
        } else {
            List<Node> all = trace.nodes();
            String[] names = new String[all.size() - 1];
            Value[] values = new Value[names.length];
            for (int i = 0, j = 0; i < all.size(); i++) {
                Node n = all.get(i);
                if (n.kind() == NodeKind.OUTPUT) {
                    continue;
                }
                names[j] = n.name();
                values[j++] = n.name().equals(node) ? replacement : n.value();
            }
            out = evaluate(List.of(names), List.of(values));
        }
        Value before = trace.output().value();
        if (!out.shape().equals(before.shape())) {
            throw new SubjectException(name, OUTPUT, "the forward returned shape " + out.shape() + " when '" + node
                    + "' was perturbed, but " + before.shape() + " at the point; the output's shape may not change");
        }
        return out;
    }

    @Override
    public String replayScope() {
        return "the function";
    }

    private static List<Value> values(List<Node> nodes) {
        List<Value> v = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            v.add(n.value());
        }
        return v;
    }
}
