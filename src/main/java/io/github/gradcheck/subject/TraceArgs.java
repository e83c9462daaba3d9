package io.github.gradcheck.subject;

import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The inputs of a function's trace (every node but the output), as user code reads them. */
final class TraceArgs {

    final List<String> names = new ArrayList<>();
    final List<Value> values = new ArrayList<>();
    final List<Boolean> constant = new ArrayList<>();
    /** The differentiable inputs, in order. */
    final List<String> differentiable = new ArrayList<>();
    final List<Shape> shapes = new ArrayList<>();
    final List<Value> differentiableValues = new ArrayList<>();

    TraceArgs(Trace trace) {
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.OUTPUT) {
                continue;
            }
            names.add(n.name());
            values.add(n.value());
            boolean c = n.kind() == NodeKind.CONSTANT;
            constant.add(c);
            if (!c) {
                differentiable.add(n.name());
                shapes.add(n.value().shape());
                differentiableValues.add(n.value());
            }
        }
    }

    Args args() {
        return new Args(names, values);
    }

    /** The tangents as user code reads them: one per differentiable input, in order. */
    Args tangents(Map<String, Value> byName) {
        List<Value> t = new ArrayList<>();
        for (String d : differentiable) {
            t.add(byName.get(d));
        }
        return new Args(differentiable, t);
    }

    int columns() {
        int n = 0;
        for (Shape s : shapes) {
            n += s.size();
        }
        return n;
    }
}
