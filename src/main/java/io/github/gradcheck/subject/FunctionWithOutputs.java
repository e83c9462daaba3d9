package io.github.gradcheck.subject;

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

/**
 * A function with several named outputs and its claimed vector–Jacobian product
 * ({@link FunctionSubject#withOutputs}). Its trace: the inputs, one node per output (its real
 * name and shape), and the flat output the engine checks, named after the outputs, e.g.
 * {@code (h, c)}; each output gets its own part of the cotangent.
 */
final class FunctionWithOutputs implements Subject {

    private final String name;
    private final ForwardFunction forward;
    private final OutputsBackward backward;

    FunctionWithOutputs(String name, ForwardFunction forward, OutputsBackward backward) {
        this.name = Objects.requireNonNull(name, "name");
        this.forward = Objects.requireNonNull(forward, "forward");
        this.backward = Objects.requireNonNull(backward, "backward");
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
        List<Node> nodes = new ArrayList<>();
        List<String> inputs = point.names();
        List<Value> values = new ArrayList<>();
        for (String input : inputs) {
            nodes.add(Node.of(input, point.isConstant(input) ? NodeKind.CONSTANT : NodeKind.INPUT, point.get(input)));
            values.add(point.get(input));
        }
        Map<String, Value> outputs = evaluate(inputs, values);
        for (String out : outputs.keySet()) {
            if (point.has(out)) {
                throw new SubjectException(name, out, "an output is named '" + out + "' like an input; give it"
                        + " another name");
            }
        }
        return trace(nodes, inputs, outputs);
    }

    private Trace trace(List<Node> inputNodes, List<String> inputs, Map<String, Value> outputs) {
        List<Node> nodes = new ArrayList<>(inputNodes);
        List<String> names = new ArrayList<>(outputs.keySet());
        for (Map.Entry<String, Value> e : outputs.entrySet()) {
            nodes.add(new Node(e.getKey(), NodeKind.INTERMEDIATE, e.getValue(), inputs));
        }
        String flat = Outputs.nodeName(names);
        nodes.add(new Node(flat, NodeKind.OUTPUT, Outputs.concat(new ArrayList<>(outputs.values())), names));
        return new Trace(nodes, flat);
    }

    private Map<String, Value> evaluate(List<String> names, List<Value> values) {
        Args args = new Args(names, values);
        Object returned = UserCode.call(name, null, "the forward", () -> forward.apply(args));
        return Outputs.read(name, returned);
    }

    @Override
    public Gradients backward(Trace trace, Value cotangent) {
        List<String> inputs = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        List<Boolean> constant = new ArrayList<>();
        List<Outputs.Part> parts = parts(trace);
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.INPUT || n.kind() == NodeKind.CONSTANT) {
                inputs.add(n.name());
                values.add(n.value());
                constant.add(n.kind() == NodeKind.CONSTANT);
            }
        }
        List<String> outNames = new ArrayList<>();
        List<Value> outValues = new ArrayList<>();
        List<Value> cotangents = new ArrayList<>();
        for (Outputs.Part p : parts) {
            outNames.add(p.name());
            outValues.add(p.value());
            cotangents.add(Outputs.slice(cotangent, p));
        }
        Args in = new Args(inputs, values);
        Args out = new Args(outNames, outValues);
        Args gOut = new Args(outNames, cotangents);
        Object returned = UserCode.call(name, null, "the backward", () -> backward.apply(in, out, gOut));
        Value[] grads = ArgumentGradients.read(name, null, "the backward", returned, inputs, values, constant);
        Map<String, Value> byNode = new LinkedHashMap<>();
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] != null) {
                byNode.put(inputs.get(i), grads[i]);
            }
        }
        for (int k = 0; k < parts.size(); k++) {
            byNode.put(outNames.get(k), cotangents.get(k));
        }
        byNode.put(trace.output().name(), cotangent);
        return new Gradients(byNode, Map.of());
    }

    private static List<Outputs.Part> parts(Trace trace) {
        Map<String, Value> outputs = new LinkedHashMap<>();
        for (String part : trace.output().producers()) {
            outputs.put(part, trace.node(part).value());
        }
        return Outputs.layout(outputs);
    }

    @Override
    public Trace replay(Trace trace, String node, Value replacement) {
        List<Node> inputNodes = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.INPUT || n.kind() == NodeKind.CONSTANT) {
                inputNodes.add(n.name().equals(node) ? new Node(n.name(), n.kind(), replacement, n.producers()) : n);
                inputs.add(n.name());
            }
        }
        Map<String, Value> outputs = outputsWith(trace, node, replacement);
        Trace again = trace(inputNodes, inputs, outputs);
        if (node.equals(trace.output().name())) {
            List<Node> nodes = new ArrayList<>(again.nodes());
            Node flat = nodes.remove(nodes.size() - 1);
            nodes.add(new Node(flat.name(), flat.kind(), replacement, flat.producers()));
            return new Trace(nodes, flat.name());
        }
        return again;
    }

    @Override
    public Value replayOutput(Trace trace, String node, Value replacement) {
        if (node.equals(trace.output().name())) {
            return replacement;
        }
        return Outputs.concat(new ArrayList<>(outputsWith(trace, node, replacement).values()));
    }

    /** The outputs with {@code node} at {@code replacement}: re-evaluated for an input, replaced for an output. */
    private Map<String, Value> outputsWith(Trace trace, String node, Value replacement) {
        List<Outputs.Part> parts = parts(trace);
        Map<String, Value> outputs = new LinkedHashMap<>();
        Node perturbed = trace.node(node);
        if (perturbed.kind() == NodeKind.INPUT || perturbed.kind() == NodeKind.CONSTANT) {
            List<String> inputs = new ArrayList<>();
            List<Value> values = new ArrayList<>();
            for (Node n : trace.nodes()) {
                if (n.kind() == NodeKind.INPUT || n.kind() == NodeKind.CONSTANT) {
                    inputs.add(n.name());
                    values.add(n.name().equals(node) ? replacement : n.value());
                }
            }
            Map<String, Value> again = evaluate(inputs, values);
            for (Outputs.Part p : parts) {
                Value v = again.get(p.name());
                if (v == null || !v.shape().equals(p.value().shape()) || again.size() != parts.size()) {
                    throw new SubjectException(name, p.name(), "the forward returned outputs " + describe(again)
                            + " when '" + node + "' was perturbed, but " + describe(parts)
                            + " at the point; the outputs and their shapes may not change");
                }
                outputs.put(p.name(), v);
            }
            return outputs;
        }
        for (Outputs.Part p : parts) {
            outputs.put(p.name(), p.name().equals(node) ? replacement : p.value());
        }
        return outputs;
    }

    private static String describe(Map<String, Value> outputs) {
        List<String> s = new ArrayList<>();
        outputs.forEach((k, v) -> s.add(k + " " + v.shape()));
        return s.toString();
    }

    private static String describe(List<Outputs.Part> parts) {
        List<String> s = new ArrayList<>();
        parts.forEach(p -> s.add(p.name() + " " + p.value().shape()));
        return s.toString();
    }

    @Override
    public String replayScope() {
        return "the function";
    }
}
