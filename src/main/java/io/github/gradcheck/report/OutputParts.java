package io.github.gradcheck.report;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.model.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outputs of a subject with several ({@code FunctionSubject.withOutputs},
 * {@code GraphSubject.Builder.outputs}), read back from its report: the output node is named after
 * them, {@code (h, c)}, and holds their elements one after the other. Names a flat index of the
 * output as (output, index): {@code c[1]}.
 */
record OutputParts(List<String> names, List<Shape> shapes) {

    /** {@return the outputs of the report's subject, empty when it has one output} */
    static Optional<OutputParts> of(GradientReport report) {
        if (report.nodes().isEmpty()) {
            return Optional.empty();
        }
        NodeReport output = report.nodes().get(0);
        String name = output.name();
        if (!name.startsWith("(") || !name.endsWith(")") || output.shape().rank() != 1) {
            return Optional.empty();
        }
        List<String> names = List.of(name.substring(1, name.length() - 1).split(", "));
        List<Shape> shapes = new ArrayList<>();
        int size = 0;
        for (String part : names) {
            Optional<NodeReport> n = report.node(part);
            if (n.isEmpty() || !n.get().consumers().contains(name)) {
                return Optional.empty();
            }
            shapes.add(n.get().shape());
            size += n.get().shape().size();
        }
        return size == output.shape().size() ? Optional.of(new OutputParts(names, shapes)) : Optional.empty();
    }

    /** {@return element {@code flat} of the output as its output's name and index, e.g. {@code c[1]}} */
    String name(int flat) {
        int offset = 0;
        for (int k = 0; k < names.size(); k++) {
            int n = shapes.get(k).size();
            if (flat < offset + n) {
                return names.get(k) + shapes.get(k).indexOf(flat - offset);
            }
            offset += n;
        }
        return "[" + flat + "]";
    }
}
