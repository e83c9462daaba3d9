package io.github.gradcheck.diagnosis;

import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.Subject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A view of a subject with two nodes: one fan-out node of the original and the output, where
 * the output is re-evaluated with some of the node's consumers held at their cached values.
 * Its claimed gradient is the original claim, so checking it compares the claim with the
 * contribution of the consumers that are not held.
 */
final class HeldSubject implements Subject {

    private final Subject inner;
    private final Trace original;
    private final String node;
    private final Set<String> held;
    private final String label;
    private int evaluations;

    HeldSubject(Subject inner, Trace original, String node, Set<String> held, String label) {
        this.inner = inner;
        this.original = original;
        this.node = node;
        this.held = Set.copyOf(held);
        this.label = label;
    }

    /** The user's forward and backward evaluations this view has spent. */
    int evaluations() {
        return evaluations;
    }

    @Override
    public String name() {
        return inner.name() + " (" + label + ")";
    }

    private Trace view(Value nodeValue, Value outputValue) {
        Node n = original.node(node);
        Node out = original.output();
        return new Trace(List.of(new Node(node, n.kind(), nodeValue, List.of()),
                new Node(out.name(), out.kind(), outputValue, List.of(node))), out.name());
    }

    @Override
    public Trace forward(Point point) {
        return view(original.node(node).value(), original.output().value());
    }

    @Override
    public Gradients backward(Trace trace, Value cotangent) {
        Gradients claimed = inner.backward(original, cotangent);
        evaluations++;
        Value g = claimed.of(node).orElseThrow(() -> new SubjectException(inner.name(), node,
                "the backward claimed no gradient for this node when run again"));
        Map<String, Value> byNode = new LinkedHashMap<>();
        byNode.put(original.output().name(), cotangent);
        byNode.put(node, g);
        return new Gradients(byNode, Map.of());
    }

    @Override
    public Trace replay(Trace trace, String perturbed, Value replacement) {
        if (!perturbed.equals(node)) {
            return view(trace.node(node).value(), replacement);
        }
        Trace again = inner.replayHolding(original, node, replacement, held).orElseThrow(() ->
                new IllegalStateException("subject '" + inner.name() + "' cannot hold nodes"));
        evaluations++;
        return view(replacement, again.output().value());
    }
}
