package io.github.gradcheck.subject;

import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Shape;
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
 * The backward of an {@link Op} as a function of its own, with a claimed second-order VJP (a
 * double backward): a subject whose inputs are the op's arguments and the output's gradient,
 * named {@value #GRAD_OUTPUT}, whose output, named {@value #OUTPUT}, is what the op's backward
 * returns for them, and whose backward is the claimed {@link SecondOrderVjp}. Check it like any
 * subject; check the op's own backward first with {@link #firstOrder()}, as PyTorch's
 * {@code gradgradcheck} follows its {@code gradcheck}.
 *
 * <pre>{@code
 * DoubleBackward tanh2 = DoubleBackward.of("tanh", tanhOp, tanhDoubleBackward);
 * GradCheck.check(tanh2.firstOrder(), Point.of("x", x));
 * GradCheck.check(tanh2, Point.of("x", x, DoubleBackward.GRAD_OUTPUT, g));
 * }</pre>
 *
 * <p>The output is the gradient of the op's one differentiable argument, of its shape; with several
 * differentiable arguments, their gradients flattened and concatenated in order, and the second-order
 * VJP still receives the cotangent split by argument.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class DoubleBackward implements Subject {

    /** The name of the input that is the op's output gradient. */
    public static final String GRAD_OUTPUT = "gradOutput";

    /** The name of the output node: the op's backward. */
    public static final String OUTPUT = "backward";

    private final String name;
    private final Op op;
    private final SecondOrderVjp doubleBackward;

    private DoubleBackward(String name, Op op, SecondOrderVjp doubleBackward) {
        this.name = Objects.requireNonNull(name, "name");
        this.op = Objects.requireNonNull(op, "op");
        this.doubleBackward = Objects.requireNonNull(doubleBackward, "doubleBackward");
    }

    /**
     * {@return the backward of {@code op} as a subject, with its claimed double backward}
     *
     * @param name the subject's name, for reports and error messages
     * @param op the op, with its forward and (first-order) backward
     * @param doubleBackward the claimed VJP of the op's backward
     * @throws NullPointerException when an argument is null
     */
    public static DoubleBackward of(String name, Op op, SecondOrderVjp doubleBackward) {
        return new DoubleBackward(name, op, doubleBackward);
    }

    /** {@return the op itself as a function subject (its forward and first-order backward), to check first} */
    public FunctionSubject firstOrder() {
        return FunctionSubject.of(name, op::forward, op::backward);
    }

    @Override
    public String name() {
        return name + " (double backward)";
    }

    /** The op's arguments and the output gradient, read from a point or a trace. */
    private record Inputs(TraceArgs args, Value gradOutput, Value opOutput) {
    }

    @Override
    public Trace forward(Point point) {
        if (!point.has(GRAD_OUTPUT)) {
            throw new SubjectException(name(), GRAD_OUTPUT, "the point has no input '" + GRAD_OUTPUT + "': the"
                    + " gradient of the op's output the backward is called with; add it, e.g. Point.of(\"x\", ..., \""
                    + GRAD_OUTPUT + "\", ...)");
        }
        if (point.has(OUTPUT)) {
            throw new SubjectException(name(), OUTPUT, "an input may not be named '" + OUTPUT + "'; rename the input");
        }
        List<Node> nodes = new ArrayList<>();
        for (String input : point.names()) {
            if (!input.equals(GRAD_OUTPUT)) {
                nodes.add(Node.of(input, point.isConstant(input) ? NodeKind.CONSTANT : NodeKind.INPUT,
                        point.get(input)));
            }
        }
        nodes.add(Node.of(GRAD_OUTPUT, point.isConstant(GRAD_OUTPUT) ? NodeKind.CONSTANT : NodeKind.INPUT,
                point.get(GRAD_OUTPUT)));
        return withOutput(nodes);
    }

    private Trace withOutput(List<Node> inputs) {
        List<Node> all = new ArrayList<>(inputs);
        List<String> names = new ArrayList<>();
        for (Node n : inputs) {
            names.add(n.name());
        }
        all.add(new Node(OUTPUT, NodeKind.OUTPUT, Value.scalar(0), names));
        Inputs in = read(new Trace(all, OUTPUT));
        all.set(all.size() - 1, new Node(OUTPUT, NodeKind.OUTPUT, backwardOf(in), names));
        return new Trace(all, OUTPUT);
    }

    /** The op's arguments (every input but the output gradient), the gradient, and the op's output. */
    private Inputs read(Trace trace) {
        List<Node> opArgs = new ArrayList<>();
        for (Node n : trace.nodes()) {
            if (n.kind() != NodeKind.OUTPUT && !n.name().equals(GRAD_OUTPUT)) {
                opArgs.add(n);
            }
        }
        opArgs.add(new Node("output of the op", NodeKind.OUTPUT, Value.scalar(0), List.of()));
        TraceArgs args = new TraceArgs(new Trace(opArgs, "output of the op"));
        Args in = args.args();
        Object returned = UserCode.call(name(), null, "the op's forward", () -> op.forward(in));
        Value out = UserCode.toValue(name(), null, "the op's forward", returned);
        Value g = trace.node(GRAD_OUTPUT).value();
        if (!g.shape().equals(out.shape())) {
            throw new SubjectException(name(), GRAD_OUTPUT, "'" + GRAD_OUTPUT + "' has shape " + g.shape() + " but the"
                    + " op's output has shape " + out.shape() + "; the output's gradient has the output's shape");
        }
        return new Inputs(args, g, out);
    }

    /** The op's backward at the inputs: the differentiable arguments' gradients, flattened when several. */
    private Value backwardOf(Inputs in) {
        Args args = in.args().args();
        Object returned = UserCode.call(name(), null, "the op's backward", () -> op.backward(args, in.opOutput(),
                in.gradOutput()));
        Value[] grads = ArgumentGradients.read(name(), null, "the op's backward", returned, in.args().names,
                in.args().values, in.args().constant);
        List<Value> differentiable = new ArrayList<>();
        for (int i = 0; i < grads.length; i++) {
            if (!in.args().constant.get(i)) {
                differentiable.add(grads[i]);
            }
        }
        if (differentiable.size() == 1) {
            return differentiable.get(0);
        }
        return GradientAsFunction.flatten(in.args(), grads);
    }

    @Override
    public Gradients backward(Trace trace, Value cotangent) {
        Inputs in = read(trace);
        TraceArgs a = in.args();
        List<Value> w = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < a.differentiable.size(); i++) {
            Shape s = a.shapes.get(i);
            double[] part = new double[s.size()];
            for (int j = 0; j < part.length; j++) {
                part[j] = cotangent.get(at++);
            }
            w.add(Value.of(s, a.differentiableValues.get(i).precision(), part));
        }
        Args ww = new Args(a.differentiable, w);
        Args args = a.args();
        Object returned = UserCode.call(name(), null, "the double backward", () -> doubleBackward.apply(args,
                in.opOutput(), in.gradOutput(), ww));
        List<String> names = new ArrayList<>(a.names);
        names.add(GRAD_OUTPUT);
        List<Value> values = new ArrayList<>(a.values);
        values.add(in.gradOutput());
        List<Boolean> constant = new ArrayList<>(a.constant);
        constant.add(trace.node(GRAD_OUTPUT).kind() == NodeKind.CONSTANT);
        Value[] grads = ArgumentGradients.read(name(), null, "the double backward", returned, names, values, constant);
        Map<String, Value> byNode = new LinkedHashMap<>();
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] != null) {
                byNode.put(names.get(i), grads[i]);
            }
        }
        byNode.put(OUTPUT, cotangent);
        return new Gradients(byNode, Map.of());
    }

    @Override
    public Trace replay(Trace trace, String node, Value replacement) {
        if (node.equals(OUTPUT)) {
            List<Node> all = new ArrayList<>(trace.nodes());
            Node out = trace.output();
            all.set(all.size() - 1, new Node(OUTPUT, NodeKind.OUTPUT, replacement, out.producers()));
            return new Trace(all, OUTPUT);
        }
        List<Node> inputs = new ArrayList<>();
        for (Node n : trace.nodes()) {
            if (n.kind() != NodeKind.OUTPUT) {
                inputs.add(n.name().equals(node) ? new Node(n.name(), n.kind(), replacement, n.producers()) : n);
            }
        }
        Trace t = withOutput(inputs);
        if (!t.output().value().shape().equals(trace.output().value().shape())) {
            throw new SubjectException(name(), OUTPUT, "the op's backward returned shape " + t.output().value().shape()
                    + " when '" + node + "' was perturbed, but " + trace.output().value().shape() + " at the point");
        }
        return t;
    }

    @Override
    public String replayScope() {
        return "the op's forward and backward";
    }
}
