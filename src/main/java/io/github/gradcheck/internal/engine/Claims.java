package io.github.gradcheck.internal.engine;

import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Value;
import java.util.List;

/**
 * What the subject's backward claimed at the checked point: one set of gradients per output
 * cotangent, in the cotangents' order.
 *
 * @param cotangents the output cotangents the backward ran with
 * @param gradients what it claimed for each of them
 */
record Claims(List<Value> cotangents, List<Gradients> gradients) {

    Claims {
        cotangents = cotangents instanceof OneHotCotangents lazy ? lazy : List.copyOf(cotangents);
        gradients = List.copyOf(gradients);
    }

    /** The number of cotangents. */
    int size() {
        return cotangents.size();
    }

    /**
     * The claimed gradient of {@code node}, per cotangent.
     *
     * @throws SubjectException when the backward claimed none for it
     */
    Value[] of(String subject, String node) {
        Value[] out = new Value[gradients.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = gradients.get(k).of(node).orElseThrow(() -> new SubjectException(subject, node,
                    "the backward claimed no gradient for this node"));
        }
        return out;
    }

    /** The claimed contribution along {@code edge}, per cotangent. */
    Value[] of(Edge edge) {
        Value[] out = new Value[gradients.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = gradients.get(k).of(edge).orElseThrow();
        }
        return out;
    }
}
