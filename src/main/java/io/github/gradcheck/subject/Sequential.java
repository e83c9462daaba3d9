package io.github.gradcheck.subject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A stack of {@link Layer}s applied one after another to a single input named
 * {@code "x"}: the usual shape of a small hand-written network.
 *
 * <pre>{@code
 * Subject net = Sequential.of("mlp", new Dense(W1, b1), new Tanh(), new Dense(W2, b2), new SoftmaxCrossEntropy(label));
 * GradCheck.check(net, Point.of("x", new double[] {0.5, -1.0, 2.0}));
 * }</pre>
 *
 * Layer nodes are named by {@link Layer#name()}; where two layers share a name they become
 * {@code Dense#1}, {@code Dense#2}, ... in stack order.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Sequential {

    /** The name of the stack's input. */
    public static final String INPUT = "x";

    private Sequential() {
    }

    /**
     * {@return a graph subject that applies {@code layers} in order to the input {@code "x"}}
     *
     * @param name the subject's name, for reports and error messages
     * @param layers the layers, first applied first
     * @throws io.github.gradcheck.model.SubjectException as {@link GraphSubject.Builder#layer}
     *     does, e.g. for a null layer
     */
    public static GraphSubject of(String name, Layer<?, ?>... layers) {
        return of(name, List.of(layers));
    }

    /**
     * {@return a graph subject that applies {@code layers} in order to the input {@code "x"}}
     *
     * @param name the subject's name, for reports and error messages
     * @param layers the layers, first applied first
     * @throws io.github.gradcheck.model.SubjectException as {@link GraphSubject.Builder#layer}
     *     does, e.g. for a null layer
     */
    public static GraphSubject of(String name, List<? extends Layer<?, ?>> layers) {
        GraphSubject.Builder b = GraphSubject.builder(name).input(INPUT);
        Map<String, Integer> counts = new HashMap<>();
        for (Layer<?, ?> l : layers) {
            counts.merge(l == null ? "null" : l.name(), 1, Integer::sum);
        }
        Map<String, Integer> seen = new HashMap<>();
        String previous = INPUT;
        for (Layer<?, ?> l : layers) {
            String base = l == null ? "null" : l.name();
            String node = counts.get(base) > 1 ? base + "#" + seen.merge(base, 1, Integer::sum) : base;
            b.layer(node, l, previous);
            previous = node;
        }
        return b.build();
    }
}
