package io.github.gradcheck.subject;

import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The claimed gradient of a {@link HessianSubject} as a function of the inputs, whose Jacobian is
 * the claimed Hessian (or whose JVP is the claimed HVP): its output is the gradient flattened, one
 * element per element of the differentiable inputs in the point's order. The engine checks the
 * Hessian as this function's Jacobian once the gradient itself is verified.
 */
final class GradientAsFunction implements ForwardSubject {

    /** The name of the output node: the gradient. */
    static final String GRADIENT = "gradient";

    private final HessianSubject of;

    GradientAsFunction(HessianSubject of) {
        this.of = of;
    }

    @Override
    public String name() {
        return of.name();
    }

    @Override
    public boolean isPure() {
        return of.isPure();
    }

    @Override
    public Trace forward(Point point) {
        if (point.has(GRADIENT)) {
            throw new SubjectException(name(), GRADIENT, "an input may not be named '" + GRADIENT + "' in a Hessian"
                    + " check; rename the input");
        }
        List<Node> nodes = new ArrayList<>();
        for (String input : point.names()) {
            nodes.add(Node.of(input, point.isConstant(input) ? NodeKind.CONSTANT : NodeKind.INPUT, point.get(input)));
        }
        Trace inputs = new Trace(append(nodes, Value.scalar(0)), GRADIENT);
        return new Trace(append(nodes, gradient(new TraceArgs(inputs))), GRADIENT);
    }

    private static List<Node> append(List<Node> inputs, Value gradient) {
        List<Node> all = new ArrayList<>(inputs);
        List<String> names = new ArrayList<>();
        for (Node n : inputs) {
            names.add(n.name());
        }
        all.add(new Node(GRADIENT, NodeKind.OUTPUT, gradient, names));
        return all;
    }

    @Override
    public Value replayOutput(Trace trace, String input, Value replacement) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : trace.nodes()) {
            if (n.kind() != NodeKind.OUTPUT) {
                nodes.add(n.name().equals(input) ? new Node(n.name(), n.kind(), replacement, n.producers()) : n);
            }
        }
        return gradient(new TraceArgs(new Trace(append(nodes, Value.scalar(0)), GRADIENT)));
    }

    /** The claimed gradient at the inputs of {@code args}, flattened. */
    private Value gradient(TraceArgs args) {
        Value[] grads = of.readGradient(args);
        return flatten(args, grads);
    }

    /** Per-input values (null for constants) as one vector over the differentiable inputs' elements. */
    static Value flatten(TraceArgs args, Value[] perInput) {
        double[] flat = new double[args.columns()];
        int at = 0;
        Precision p = Precision.DOUBLE;
        for (int i = 0; i < perInput.length; i++) {
            if (args.constant.get(i)) {
                continue;
            }
            Value g = perInput[i];
            for (int j = 0; j < g.size(); j++) {
                flat[at++] = g.get(j);
            }
            if (g.precision() == Precision.FLOAT) {
                p = Precision.FLOAT;
            }
        }
        return Value.of(Shape.of(flat.length), p, flat);
    }

    @Override
    public Linearization linearize(Trace trace) {
        return of.hessian(trace);
    }
}
