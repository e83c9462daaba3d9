package io.github.gradcheck.subject;

import io.github.gradcheck.model.SubjectException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        if (layers == null) {
            throw new NullPointerException("Sequential.of(\"" + name + "\", ...) got null instead of its layers; pass"
                    + " the layers, first applied first, e.g. Sequential.of(\"mlp\", dense, new Tanh(), loss)");
        }
        return of(name, Arrays.asList(layers));
    }

    /**
     * {@return a graph subject that applies {@code layers} in order to the input {@code "x"}}
     *
     * @param name the subject's name, for reports and error messages
     * @param layers the layers, first applied first
     * @throws io.github.gradcheck.model.SubjectException as {@link GraphSubject.Builder#layer}
     *     does, and for a null layer (naming its position), no layers, or a layer whose
     *     {@code name()} throws
     * @throws NullPointerException when {@code name} or {@code layers} is null
     */
    public static GraphSubject of(String name, List<? extends Layer<?, ?>> layers) {
        Objects.requireNonNull(name, "Sequential.of needs the subject's name (for reports), got null; e.g."
                + " Sequential.of(\"mlp\", dense, new Tanh(), loss)");
        Objects.requireNonNull(layers, () -> "Sequential.of(\"" + name + "\", ...) got null instead of its layers;"
                + " pass the layers, first applied first");
        if (layers.isEmpty()) {
            throw new SubjectException(name, "Sequential.of got no layers; pass at least one, first applied first");
        }
        int n = layers.size();
        List<String> names = new ArrayList<>(n);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Layer<?, ?> l = layers.get(i);
            if (l == null) {
                throw new SubjectException(name, null, "layer " + (i + 1) + " of " + n + " is null"
                        + (i > 0 ? " (it follows '" + names.get(i - 1) + "')" : " (the first)")
                        + "; pass a layer at every position of Sequential.of");
            }
            String base = LayerNames.nameOf(name, l, i + 1);
            names.add(base);
            counts.merge(base, 1, Integer::sum);
        }
        GraphSubject.Builder b = GraphSubject.builder(name).input(INPUT);
        Map<String, Integer> seen = new HashMap<>();
        String previous = INPUT;
        for (int i = 0; i < n; i++) {
            String base = names.get(i);
            String node = counts.get(base) > 1 ? base + "#" + seen.merge(base, 1, Integer::sum) : base;
            b.layer(node, layers.get(i), previous);
            previous = node;
        }
        return b.build();
    }
}
