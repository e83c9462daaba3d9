package io.github.gradcheck.subject;

import io.github.gradcheck.internal.subject.ArraysInUse;
import io.github.gradcheck.internal.subject.ConsumerEvaluator;
import io.github.gradcheck.internal.subject.TangentPropagator;

import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A graph of {@link Op}s and {@link Layer}s, each with its own forward and local backward.
 * gradcheck chains them, sums the contributions of a node's consumers (fan-out), keeps every
 * edge's contribution so a wrong gradient can be blamed on one consumer's backward with
 * respect to one argument, and re-evaluates only what lies downstream of a perturbed node.
 *
 * <pre>{@code
 * GraphSubject g = GraphSubject.builder("worked example")
 *         .input("x").input("y")
 *         .op("sigy", sigmoid, "y")
 *         .op("num", add, "x", "sigy")
 *         ...
 *         .op("f", mul, "num", "invden")
 *         .build();
 * }</pre>
 *
 * <p>Nodes are defined in order and may only use nodes defined before them, so a graph has
 * no cycles. The last node is the output. A layer's parameters become nodes named
 * {@code layer.parameter} (e.g. {@code dense1.W}).
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class GraphSubject implements Subject, ConsumerEvaluator, TangentPropagator {

    /**
     * A node of the graph as it was defined: where its value comes from and, for ops and layers,
     * how its gradient flows back to its arguments.
     */
    private sealed interface Def permits Source, Computed {

        /** {@return the node's name} */
        String name();

        /** {@return the names of the nodes it is computed from, in argument order} */
        List<String> args();

        /** {@return the positions of {@link #args()} in the graph's definition order} */
        int[] argIndex();

        /** {@return its role in the trace at {@code point}; {@code last} for the graph's last node} */
        NodeKind kind(Point point, boolean last);

        /**
         * {@return its value in the forward at {@code point}, where {@code earlier} holds the values
         * of the nodes defined before it}
         */
        Value atPoint(GraphSubject graph, Point point, Value[] earlier);

        /**
         * Puts {@code value} where the user's code reads this node from: a parameter's array is
         * overwritten in place; every other node reaches its consumers as an argument, so nothing
         * changes.
         */
        default void install(Value value) {
        }

        /**
         * Puts {@code value} where the user's code reads this node from, as {@link #install(Value)}
         * does, where it holds {@code current} now: one of them made from the other by replacing one
         * element, only that element is written.
         */
        default void install(Value value, Value current) {
            install(value);
        }
    }

    /** A node whose value is given, not computed: an input of the point or a layer's parameter. */
    private sealed interface Source extends Def permits InputDef, ParamDef {

        int[] NO_ARGUMENTS = {};

        @Override
        default List<String> args() {
            return List.of();
        }

        @Override
        default int[] argIndex() {
            return NO_ARGUMENTS;
        }
    }

    /** A node computed by the user's code from its arguments, with a local backward. */
    private sealed interface Computed extends Def permits OpDef, LayerDef {

        /** {@return the output of the user's forward at {@code args}, one value per argument} */
        Value evaluate(String subject, Value[] args);

        /**
         * {@return the contributions of the user's local backward to each argument's gradient (null
         * where there is none), from the output's gradient {@code gradOut}}
         */
        Value[] localBackward(String subject, List<Value> args, List<Boolean> constant, Value output, Value gradOut);

        /** {@return what it is, for reports: e.g. "op 'invden'" or "layer 'dense1'"} */
        String describe();

        /** {@return whether it has a tangent rule (forward mode)} */
        default boolean hasTangent(String subject) {
            return false;
        }

        /** {@return its output's tangent for its arguments' tangents, from its tangent rule} */
        default Value localTangent(String subject, List<Value> values, Value output, List<Value> tangents) {
            throw new IllegalStateException(describe() + " has no tangent rule");
        }

        @Override
        default Value atPoint(GraphSubject graph, Point point, Value[] earlier) {
            return graph.evaluate(this, earlier);
        }

        @Override
        default NodeKind kind(Point point, boolean last) {
            return last ? NodeKind.OUTPUT : NodeKind.INTERMEDIATE;
        }
    }

    private record InputDef(String name) implements Source {

        @Override
        public NodeKind kind(Point point, boolean last) {
            return point.isConstant(name) ? NodeKind.CONSTANT : NodeKind.INPUT;
        }

        @Override
        public Value atPoint(GraphSubject graph, Point point, Value[] earlier) {
            if (!point.has(name)) {
                throw new SubjectException(graph.name, name, "the point has no value for input '" + name
                        + "'; give one for each of " + graph.inputNames());
            }
            return point.get(name);
        }
    }

    private record ParamDef(String name, Parameter parameter) implements Source {

        @Override
        public NodeKind kind(Point point, boolean last) {
            return NodeKind.PARAMETER;
        }

        @Override
        public Value atPoint(GraphSubject graph, Point point, Value[] earlier) {
            try {
                return parameter.read();
            } catch (IllegalArgumentException e) {
                throw new SubjectException(graph.name, name, "the parameter array is unusable: " + e.getMessage(), e);
            }
        }

        @Override
        public void install(Value value) {
            parameter.write(value);
        }

        @Override
        public void install(Value value, Value current) {
            int changed = value.replacedElementOf(current);
            if (changed < 0) {
                changed = current.replacedElementOf(value);
            }
            if (changed < 0 || !parameter.writeElement(changed, value.get(changed))) {
                parameter.write(value);
            }
        }
    }

    /** @param forwardWhat how errors name its forward, made once: it runs on every replay */
    private record OpDef(String name, Op op, List<String> args, int[] argIndex, String forwardWhat)
            implements Computed {

        OpDef(String name, Op op, List<String> args, int[] argIndex) {
            this(name, op, List.copyOf(args), argIndex, "the forward of op '" + name + "'");
        }

        @Override
        public Value evaluate(String subject, Value[] values) {
            Args in = new Args(args, List.of(values));
            Object out = UserCode.call(subject, name, forwardWhat, () -> op.forward(in));
            return UserCode.toValue(subject, name, forwardWhat, out);
        }

        @Override
        public Value[] localBackward(String subject, List<Value> values, List<Boolean> constant, Value output,
                                     Value gradOut) {
            String what = "the backward of op '" + name + "'";
            Args in = new Args(args, values);
            Object returned = UserCode.call(subject, name, what, () -> op.backward(in, output, gradOut));
            return ArgumentGradients.read(subject, name, what, returned, args, values, constant);
        }

        @Override
        public String describe() {
            return "op '" + name + "'";
        }

        @Override
        public boolean hasTangent(String subject) {
            return op.tangent().isPresent();
        }

        @Override
        public Value localTangent(String subject, List<Value> values, Value output, List<Value> tangents) {
            String what = "the tangent rule of op '" + name + "'";
            Args in = new Args(args, values);
            Args t = new Args(args, tangents);
            JvpFunction rule = op.tangent().orElseThrow();
            Object returned = UserCode.call(subject, name, what, () -> rule.apply(in, output, t));
            Value v = UserCode.toValue(subject, name, what, returned);
            if (!v.shape().equals(output.shape())) {
                throw new SubjectException(subject, name, what + " returned a tangent of shape " + v.shape()
                        + " but the op's output has shape " + output.shape() + "; the output's tangent has the"
                        + " output's shape");
            }
            return v.withPrecision(output.precision());
        }
    }

    /**
     * @param args its input, then its parameters
     * @param params its parameters' definitions
     * @param forwardWhat how errors name its forward, made once: it runs on every replay
     */
    private record LayerDef(String name, Layer<Object, Object> layer, List<String> args, int[] argIndex,
                            List<ParamDef> params, String forwardWhat) implements Computed {

        LayerDef(String name, Layer<Object, Object> layer, List<String> args, int[] argIndex, List<ParamDef> params) {
            this(name, layer, List.copyOf(args), argIndex, List.copyOf(params), "the forward of layer '" + name + "'");
        }

        @Override
        public Value evaluate(String subject, Value[] values) {
            return evaluate(subject, values, values[0].toJava()).value();
        }

        /**
         * The output of the user's forward at {@code values}, with the input handed to it as
         * {@code input}: {@code values[0]} as a fresh Java object, or the array the layer before
         * returned (of which {@code values[0]} is a copy), so that a replay converts each layer
         * output once. Either way a change the forward makes to it is caught, against
         * {@code values[0]}.
         */
        Evaluated evaluate(String subject, Value[] values, Object input) {
            Object out = UserCode.call(subject, name, forwardWhat, () -> layer.forward(input));
            requireUnchanged(subject, name, "forward", "input", input, values[0]);
            return new Evaluated(UserCode.toValue(subject, name, forwardWhat, out), out);
        }

        @Override
        public Value[] localBackward(String subject, List<Value> values, List<Boolean> constant, Value output,
                                     Value gradOut) {
            String what = "the backward of layer '" + name + "'";
            Object input = values.get(0).toJava();
            Object g = gradOut.toJavaLike(output);
            // the protocol: a layer's backward always follows its forward at the checked point
            UserCode.call(subject, name, forwardWhat, () -> layer.forward(input));
            Object returned = UserCode.call(subject, name, what, () -> layer.backward(g));
            Value[] out = new Value[args.size()];
            if (!constant.get(0)) {
                Value dx = UserCode.toValue(subject, name, what, returned);
                out[0] = ArgumentGradients.requireShape(subject, args.get(0),
                        what + "'s gradient for its input '" + args.get(0) + "'", dx, values.get(0));
            }
            for (int p = 0; p < params.size(); p++) {
                ParamDef pd = params.get(p);
                String supplier = "the gradient supplier of parameter '" + pd.name() + "'";
                Object raw = UserCode.call(subject, pd.name(), supplier, () -> pd.parameter().gradient());
                Value dp = UserCode.toValue(subject, pd.name(), supplier, pd.parameter().inShape(raw));
                out[p + 1] = ArgumentGradients.requireShape(subject, pd.name(),
                        "the gradient of parameter '" + pd.name() + "'", dp, values.get(p + 1));
            }
            return out;
        }

        @Override
        public String describe() {
            return "layer '" + name + "'";
        }

        @Override
        public boolean hasTangent(String subject) {
            return rule(subject).isPresent();
        }

        /** The layer's tangent rule; what its {@code tangent()} throws or returns unusably names the layer. */
        private Optional<Layer.TangentRule<Object, Object>> rule(String subject) {
            Optional<Layer.TangentRule<Object, Object>> rule = UserCode.call(subject, name, "tangent() of layer '" + name
                    + "'", layer::tangent);
            return rule == null ? Optional.empty() : rule;
        }

        @Override
        public Value localTangent(String subject, List<Value> values, Value output, List<Value> tangents) {
            String what = "the tangent rule of layer '" + name + "'";
            Layer.TangentRule<Object, Object> rule = rule(subject).orElseThrow();
            Object input = values.get(0).toJava();
            // the protocol: a layer's tangent rule, as its backward, follows its forward at the checked point
            Object out = UserCode.call(subject, name, forwardWhat, () -> layer.forward(input));
            Object x = values.get(0).toJava();
            Object y = UserCode.toValue(subject, name, forwardWhat, out).toJavaLike(output);
            Object dx = tangents.get(0).toJavaLike(values.get(0));
            List<String> names = new ArrayList<>();
            for (ParamDef p : params) {
                names.add(p.parameter().name());
            }
            Args dp = new Args(names, tangents.subList(1, tangents.size()));
            Object returned = UserCode.call(subject, name, what, () -> rule.apply(x, y, dx, dp));
            Value v = UserCode.toValue(subject, name, what, returned);
            if (!v.shape().equals(output.shape())) {
                throw new SubjectException(subject, name, what + " returned a tangent of shape " + v.shape()
                        + " but the layer's output has shape " + output.shape() + "; the output's tangent has the"
                        + " output's shape");
            }
            return v.withPrecision(output.precision());
        }
    }

    /**
     * A layer's output as a value, and as the Java object the layer returned: the next layer may be
     * handed that object itself when it is a plain array, of which the value is a copy.
     */
    private record Evaluated(Value value, Object returned) {

        /** {@return what the layer returned, when it can be handed on as it is; null otherwise} */
        Object handOn() {
            boolean plain = returned instanceof double[] || returned instanceof double[][]
                    || returned instanceof float[] || returned instanceof float[][];
            return plain ? returned : null;
        }
    }

    /** A trace's values in definition order, kept for the trace replays start from. */
    private record Cached(Trace trace, Value[] values) {
    }

    /** The ops and layers downstream of one definition, for the node replayed last. */
    private record Downstream(int from, int[] order) {
    }

    private final String name;
    private final List<Def> defs;
    private final Map<String, Def> byName;
    private final Map<String, Integer> indexOf;
    private volatile Cached cached;
    private volatile Downstream downstream;
    /** The parameter arrays (with their rows) and the layers every call uses, for {@link ArraysInUse}. */
    private final ArraysInUse.Resources resources;

    private GraphSubject(String name, List<Def> defs) {
        this.name = name;
        this.defs = List.copyOf(defs);
        Map<String, Def> map = new LinkedHashMap<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < defs.size(); i++) {
            map.put(defs.get(i).name(), defs.get(i));
            index.put(defs.get(i).name(), i);
        }
        this.byName = map;
        this.indexOf = index;
        this.resources = ArraysInUse.Resources.of(name, resourcesOf(this.defs));
    }

    /** Every parameter array, every row of a matrix parameter and every layer object, with how messages name it. */
    private static Map<Object, String> resourcesOf(List<Def> defs) {
        Map<Object, String> out = new IdentityHashMap<>();
        for (Def d : defs) {
            if (d instanceof ParamDef p) {
                Object array = p.parameter().array();
                out.putIfAbsent(array, "the array of parameter '" + p.name() + "'");
                if (array instanceof Object[] rows) {
                    for (int r = 0; r < rows.length; r++) {
                        if (rows[r] != null) {
                            out.putIfAbsent(rows[r], "row " + r + " of parameter '" + p.name() + "'");
                        }
                    }
                }
            } else if (d instanceof LayerDef l) {
                Object layer = l.layer() instanceof LayerWithTangent<?, ?> w ? w.layer() : l.layer();
                out.putIfAbsent(layer, "the layer object of node '" + l.name() + "' (and what it caches)");
            }
        }
        return out;
    }

    /** A turn on every array and layer this graph uses, for the length of one call (see {@link ArraysInUse}). */
    private ArraysInUse.Turn turn() {
        return ArraysInUse.take(resources);
    }

    /**
     * The ops and layers that depend on definition {@code from}, in definition order. The engine
     * replays one node many times before the next, so the last answer is kept (memory linear in
     * the size of the graph, however many nodes are replayed).
     */
    private int[] downstreamOf(int from) {
        Downstream last = downstream;
        if (last != null && last.from() == from) {
            return last.order();
        }
        int n = defs.size();
        boolean[] dirty = new boolean[n];
        dirty[from] = true;
        int[] order = new int[n];
        int count = 0;
        for (int i = from + 1; i < n; i++) {
            if (!(defs.get(i) instanceof Computed c)) {
                continue;
            }
            for (int a : c.argIndex()) {
                if (dirty[a]) {
                    dirty[i] = true;
                    order[count++] = i;
                    break;
                }
            }
        }
        int[] result = Arrays.copyOf(order, count);
        downstream = new Downstream(from, result);
        return result;
    }

    /**
     * Starts a graph.
     *
     * @param name the subject's name, for reports and error messages
     * @return a builder to define the graph's inputs, ops and layers with, in order
     */
    public static Builder builder(String name) {
        return new Builder(Objects.requireNonNull(name, "GraphSubject.builder needs the subject's name (for"
                + " reports), got null; e.g. GraphSubject.builder(\"worked example\")"));
    }

    @Override
    public String name() {
        return name;
    }

    private String output() {
        return defs.get(defs.size() - 1).name();
    }

    // ---- forward ----------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>Every input, parameter and node in definition order, each listing its arguments as its
     * producers.
     *
     * @throws SubjectException when the point lacks a declared input or has one the graph does not
     *     declare, a parameter array is unusable, or an op's or layer's code fails
     */
    @Override
    public Trace forward(Point point) {
        try (ArraysInUse.Turn turn = turn()) {
            return forwardInTurn(point);
        }
    }

    private Trace forwardInTurn(Point point) {
        for (String given : point.names()) {
            if (!(byName.get(given) instanceof InputDef)) {
                throw new SubjectException(name, given, "the point has an input '" + given
                        + "' that the graph does not declare; its inputs are " + inputNames());
            }
        }
        Value[] values = new Value[defs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = defs.get(i).atPoint(this, point, values);
        }
        List<Node> nodes = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            Def d = defs.get(i);
            nodes.add(new Node(d.name(), d.kind(point, i == values.length - 1), values[i], d.args()));
        }
        return new Trace(nodes, output());
    }

    /** The output of {@code c} at the values of its arguments among {@code values}. */
    private Value evaluate(Computed c, Value[] values) {
        return c.evaluate(name, argumentsOf(c, values));
    }

    /** The values of the arguments of {@code c} among {@code values}, in argument order. */
    private static Value[] argumentsOf(Computed c, Value[] values) {
        int[] at = c.argIndex();
        Value[] args = new Value[at.length];
        for (int a = 0; a < args.length; a++) {
            args[a] = values[at[a]];
        }
        return args;
    }

    /**
     * A layer that changes the array it was handed would, in a real network, corrupt the
     * previous layer's output; gradcheck hands out private copies, so it can tell.
     */
    private static void requireUnchanged(String subject, String node, String pass, String what, Object handed,
                                         Value original) {
        if (handed instanceof Value || sameElements(handed, original)) {
            return;
        }
        Value after;
        try {
            after = Value.fromJava(handed);
        } catch (IllegalArgumentException e) {
            after = null;
        }
        if (after == null || !after.bitEquals(original)) {
            throw new SubjectException(subject, node, "the " + pass + " of layer '" + node + "' modified its " + what
                    + " array in place; in a network that corrupts the previous layer's cached output:"
                    + " copy the array before changing it");
        }
    }

    /**
     * Whether the common array types handed to a layer still hold {@code original}'s elements,
     * bit for bit, compared in place (no copy); false when unsure, and the caller compares the
     * slow way.
     */
    private static boolean sameElements(Object handed, Value original) {
        if (handed instanceof double[] a && original.shape().rank() == 1) {
            if (a.length != original.size()) {
                return false;
            }
            for (int i = 0; i < a.length; i++) {
                if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(original.get(i))) {
                    return false;
                }
            }
            return original.precision() == Precision.DOUBLE;
        }
        if (handed instanceof double[][] m && original.shape().rank() == 2) {
            int cols = original.shape().dim(1);
            if (m.length != original.shape().dim(0)) {
                return false;
            }
            for (int r = 0; r < m.length; r++) {
                if (m[r] == null || m[r].length != cols) {
                    return false;
                }
                for (int c = 0; c < cols; c++) {
                    if (Double.doubleToRawLongBits(m[r][c]) != Double.doubleToRawLongBits(original.get(r * cols + c))) {
                        return false;
                    }
                }
            }
            return original.precision() == Precision.DOUBLE;
        }
        return false;
    }

    // ---- backward ---------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>The local backwards of the ops and layers, from the output back, each node's gradient
     * the sum of its consumers' contributions (zero where nothing consumes it); every
     * contribution is also kept per edge. A layer's forward runs again at the checked point right
     * before its backward, as the {@link Layer} protocol promises.
     *
     * @throws SubjectException when a local backward fails or returns a gradient of the wrong
     *     shape
     */
    @Override
    public Gradients backward(Trace trace, Value cotangent) {
        try (ArraysInUse.Turn turn = turn()) {
            return backwardInTurn(trace, cotangent);
        }
    }

    private Gradients backwardInTurn(Trace trace, Value cotangent) {
        Map<String, Value> totals = new LinkedHashMap<>();
        Map<Edge, Value> edges = new LinkedHashMap<>();
        totals.put(output(), cotangent);
        for (int i = defs.size() - 1; i >= 0; i--) {
            if (!(defs.get(i) instanceof Computed c)) {
                continue;
            }
            Value g = totals.get(c.name());
            if (g == null) {
                Value v = trace.node(c.name()).value();
                g = Value.zeros(v.shape(), v.precision());
                totals.put(c.name(), g);
            }
            List<Value> args = new ArrayList<>();
            List<Boolean> constant = new ArrayList<>();
            for (String a : c.args()) {
                Node n = trace.node(a);
                args.add(n.value());
                constant.add(n.kind() == NodeKind.CONSTANT);
            }
            Value[] contributions = c.localBackward(name, args, constant, trace.node(c.name()).value(), g);
            for (int a = 0; a < c.args().size(); a++) {
                if (contributions[a] == null) {
                    continue;
                }
                String producer = c.args().get(a);
                edges.put(new Edge(producer, c.name(), a), contributions[a]);
                totals.merge(producer, contributions[a], GraphSubject::plus);
            }
        }
        Map<String, Value> ordered = new LinkedHashMap<>();
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.CONSTANT) {
                continue;
            }
            Value t = totals.get(n.name());
            ordered.put(n.name(), t != null ? t : Value.zeros(n.value().shape(), n.value().precision()));
        }
        return new Gradients(ordered, edges);
    }

    private static Value plus(Value a, Value b) {
        double[] s = a.toArray();
        for (int i = 0; i < s.length; i++) {
            s[i] += b.get(i);
        }
        return Value.of(a.shape(), a.precision(), s);
    }

    // ---- replay -----------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>Only the ops and layers downstream of {@code node} run again; a perturbed parameter is
     * written into its array for the evaluation and restored from {@code trace} afterwards.
     *
     * @throws SubjectException when {@code node} is not a node of the graph, the user's code fails,
     *     or a node's shape changes
     */
    @Override
    public Trace replay(Trace trace, String node, Value replacement) {
        Value[] values = replayValues(trace, node, replacement);
        List<Node> nodes = new ArrayList<>(values.length);
        for (Node n : trace.nodes()) {
            nodes.add(new Node(n.name(), n.kind(), values[indexOf.get(n.name())], n.producers()));
        }
        return new Trace(nodes, trace.output().name());
    }

    /**
     * {@inheritDoc}
     *
     * <p>No trace is built.
     *
     * @throws SubjectException as {@link #replay} does
     */
    @Override
    public Value replayOutput(Trace trace, String node, Value replacement) {
        return replayValues(trace, node, replacement)[defs.size() - 1];
    }

    /**
     * The values of every definition with {@code node} held at {@code replacement}: the trace's
     * values, with the ops and layers downstream of {@code node} evaluated again.
     */
    private Value[] replayValues(Trace trace, String node, Value replacement) {
        Integer at = indexOf.get(node);
        if (at == null) {
            throw new SubjectException(name, node, "there is no node '" + node + "' to replay; the nodes are "
                    + byName.keySet());
        }
        Value[] original = valuesOf(trace);
        Value[] values = original.clone();
        values[at] = replacement.asTypeOf(values[at]);
        Def perturbed = defs.get(at);
        try (ArraysInUse.Turn turn = turn()) {
            perturbed.install(replacement, original[at]);
            try {
                // what the layer evaluated last returned: handed on as it is, without a conversion, to a
                // layer that takes it as its input right after (no user code ran in between to change it)
                int last = -1;
                Object returned = null;
                for (int i : downstreamOf(at)) {
                    Computed c = (Computed) defs.get(i);
                    Value v;
                    if (c instanceof LayerDef l) {
                        Value[] args = argumentsOf(l, values);
                        boolean handOn = returned != null && l.argIndex()[0] == last;
                        Evaluated e = l.evaluate(name, args, handOn ? returned : args[0].toJava());
                        v = e.value();
                        returned = e.handOn();
                    } else {
                        v = evaluate(c, values);
                        returned = null;
                    }
                    last = i;
                    requireSameShape(c.name(), original[i], v, node);
                    values[i] = v;
                }
            } finally {
                perturbed.install(original[at], replacement);
            }
        }
        return values;
    }

    /**
     * Internal, for the engine's forward-mode check; not part of the API.
     *
     * <p>{@inheritDoc}
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    @Override
    public Trace replaySources(Trace trace, Map<String, Value> sources) {
        Value[] values = valuesOf(trace).clone();
        boolean[] moved = new boolean[defs.size()];
        List<Def> installed = new ArrayList<>();
        for (Map.Entry<String, Value> e : sources.entrySet()) {
            Integer at = indexOf.get(e.getKey());
            if (at == null || !(defs.get(at) instanceof Source)) {
                throw new SubjectException(name, e.getKey(), "there is no input or parameter '" + e.getKey()
                        + "' to move; the nodes are " + byName.keySet());
            }
            values[at] = e.getValue().asTypeOf(values[at]);
            moved[at] = true;
        }
        try (ArraysInUse.Turn turn = turn()) {
            try {
                for (Map.Entry<String, Value> e : sources.entrySet()) {
                    Def d = byName.get(e.getKey());
                    installed.add(d);
                    d.install(e.getValue());
                }
                for (int i = 0; i < defs.size(); i++) {
                    if (!(defs.get(i) instanceof Computed c)) {
                        continue;
                    }
                    boolean downstream = false;
                    for (int a : c.argIndex()) {
                        downstream |= moved[a];
                    }
                    if (downstream) {
                        Value v = evaluate(c, values);
                        requireSameShape(c.name(), trace.node(c.name()).value(), v, String.join(", ", sources.keySet()));
                        values[i] = v;
                        moved[i] = true;
                    }
                }
            } finally {
                for (Def d : installed) {
                    d.install(trace.node(d.name()).value());
                }
            }
        }
        List<Node> nodes = new ArrayList<>(values.length);
        for (Node n : trace.nodes()) {
            nodes.add(new Node(n.name(), n.kind(), values[indexOf.get(n.name())], n.producers()));
        }
        return new Trace(nodes, trace.output().name());
    }

    /** The values of {@code trace} in definition order; the last trace asked about is kept. */
    private Value[] valuesOf(Trace trace) {
        Cached c = cached;
        if (c != null && c.trace() == trace) {
            return c.values();
        }
        Value[] values = new Value[defs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = trace.node(defs.get(i).name()).value();
        }
        cached = new Cached(trace, values);
        return values;
    }

    private void requireSameShape(String node, Value before, Value now, String perturbed) {
        if (!before.shape().equals(now.shape())) {
            throw new SubjectException(name, node, "the forward computed shape " + now.shape() + " when '" + perturbed
                    + "' was perturbed, but " + before.shape() + " at the point; a node's shape may not change");
        }
    }

    /** {@return {@code "only the nodes downstream of the perturbed one"}} */
    @Override
    public String replayScope() {
        return "only the nodes downstream of the perturbed one";
    }

    // ---- one consumer alone -----------------------------------------------------------------

    /**
     * Internal, for the engine's edge checks; not part of the API.
     *
     * <p>{@inheritDoc}
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    @Override
    public Value consumerOutput(Trace trace, Edge edge, Value replacement) {
        Computed c = (Computed) byName.get(edge.consumer());
        String argName = c.args().get(edge.argument());
        Value[] args = new Value[c.args().size()];
        for (int a = 0; a < args.length; a++) {
            String arg = c.args().get(a);
            // only this argument: an op that takes one node twice (x·x) has an edge per argument
            args[a] = a == edge.argument() ? replacement.asTypeOf(trace.node(arg).value()) : trace.node(arg).value();
        }
        Def perturbed = byName.get(argName);
        Value current = trace.node(argName).value();
        try (ArraysInUse.Turn turn = turn()) {
            perturbed.install(replacement, current);
            try {
                return c.evaluate(name, args);
            } finally {
                perturbed.install(current, replacement);
            }
        }
    }

    /**
     * Internal, for the engine's edge checks; not part of the API.
     *
     * <p>{@inheritDoc}
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    @Override
    public String describeConsumer(String consumer) {
        return byName.get(consumer) instanceof Computed c ? c.describe() : "op '" + consumer + "'";
    }

    // ---- forward mode: tangent rules --------------------------------------------------------

    /**
     * Internal, for the engine's forward-mode check; not part of the API.
     *
     * <p>{@inheritDoc}
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    @Override
    public List<String> withoutTangentRule() {
        List<String> out = new ArrayList<>();
        for (Def d : defs) {
            if (d instanceof Computed c && !c.hasTangent(name)) {
                out.add(c.name());
            }
        }
        return out;
    }

    /**
     * Internal, for the engine's forward-mode check; not part of the API.
     *
     * <p>{@inheritDoc}
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    @Override
    public Map<String, Value> tangents(Trace trace, Map<String, Value> inputTangents) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (Def d : defs) {
            Value at = trace.node(d.name()).value();
            if (d instanceof Computed c) {
                List<Value> args = new ArrayList<>();
                List<Value> tangents = new ArrayList<>();
                for (String a : c.args()) {
                    args.add(trace.node(a).value());
                    tangents.add(out.get(a));
                }
                out.put(c.name(), c.localTangent(name, args, at, tangents));
            } else {
                Value given = trace.node(d.name()).kind() == NodeKind.CONSTANT ? null : inputTangents.get(d.name());
                out.put(d.name(), given != null ? given : Value.zeros(at.shape(), at.precision()));
            }
        }
        return out;
    }

    /**
     * Internal, for the engine's forward-mode check; not part of the API.
     *
     * <p>{@inheritDoc}
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    @Override
    public Value localTangent(Trace trace, String node, List<Value> argumentTangents) {
        Computed c = (Computed) byName.get(node);
        List<Value> args = new ArrayList<>();
        for (String a : c.args()) {
            args.add(trace.node(a).value());
        }
        return c.localTangent(name, args, trace.node(node).value(), argumentTangents);
    }

    /**
     * Internal, for the engine's forward-mode check; not part of the API.
     *
     * <p>{@inheritDoc}
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    @Override
    public List<Value> localBackward(Trace trace, String node, Value gradOut) {
        Computed c = (Computed) byName.get(node);
        List<Value> args = new ArrayList<>();
        List<Boolean> constant = new ArrayList<>();
        for (String a : c.args()) {
            Node n = trace.node(a);
            args.add(n.value());
            constant.add(n.kind() == NodeKind.CONSTANT);
        }
        return Arrays.asList(c.localBackward(name, args, constant, trace.node(node).value(), gradOut));
    }

    /**
     * Internal, for the engine's forward-mode check; not part of the API.
     *
     * <p>{@inheritDoc}
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    @Override
    public List<String> arguments(String node) {
        return byName.get(node) instanceof Computed c ? c.args() : List.of();
    }

    private List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (Def d : defs) {
            if (d instanceof InputDef) {
                names.add(d.name());
            }
        }
        return names;
    }

    /**
     * Builds a {@link GraphSubject}. Every mistake in the description (a duplicate name, a
     * node used before it is defined, an empty graph) is reported when it is made, as a
     * {@link SubjectException}.
     *
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    public static final class Builder {
        private final String name;
        private final List<Def> defs = new ArrayList<>();
        private final Map<String, Integer> positions = new LinkedHashMap<>();
        /** Every array a parameter of the graph lives in (a vector, a matrix and each of its rows), by identity. */
        private final Map<Object, String> storage = new IdentityHashMap<>();
        /** The node of each whole parameter array, by identity: a layer that has it too shares that node. */
        private final Map<Object, String> wholeArrays = new IdentityHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Declares an input; its value comes from the point (constant there if it is a label or
         * index).
         *
         * @param input the input's name, as in the point
         * @return this builder
         * @throws SubjectException when the name is empty or taken
         */
        public Builder input(String input) {
            return add(new InputDef(requireName(input, "input " + (defs.size() + 1) + " of the graph")));
        }

        /**
         * Adds an op node computed from the named nodes, in argument order.
         *
         * @param node the node's name
         * @param op its forward and local backward
         * @param args the names of its arguments, each an input or a node defined before
         * @return this builder
         * @throws SubjectException when the op is null, the name is empty or taken, or an argument
         *     is missing, not yet defined or the node itself
         */
        public Builder op(String node, Op op, String... args) {
            String what = "the op added as definition " + (defs.size() + 1) + " of the graph";
            if (op == null) {
                throw new SubjectException(name, node, "the op of node '" + node + "' is null; pass the op, e.g. "
                        + "Op.of(forward, backward)");
            }
            requireName(node, what + " (a " + LayerNames.readable(op.getClass()) + ")");
            List<String> defined = requireDefined(node, args);
            return add(new OpDef(node, op, defined, positionsOf(defined)));
        }

        /**
         * Adds a layer node that takes the named node as its input; its parameters become nodes
         * too, named {@code node.parameter}, defined right before it. A parameter whose array is the
         * very array of a parameter of an earlier layer (weights tied on purpose) is not a node of
         * its own: both layers consume that node, whose gradient is the sum of what each claims.
         *
         * @param node the node's name
         * @param layer the layer
         * @param input the name of its input, an input or a node defined before
         * @return this builder
         * @throws SubjectException when the layer is null, a name is empty or taken, the input is
         *     not yet defined, the layer's {@code parameters()} throws, returns null or contains
         *     null, or its parameters share an array or a row with each other or only partly with
         *     another layer's
         */
        @SuppressWarnings("unchecked")
        public Builder layer(String node, Layer<?, ?> layer, String input) {
            String what = "the layer added as definition " + (defs.size() + 1) + " of the graph";
            if (layer == null) {
                throw new SubjectException(name, node, "the layer of node '" + node + "' is null; pass the layer"
                        + " instance, e.g. .layer(\"dense1\", new Dense(w, b), \"x\")");
            }
            requireName(node, what + " (a " + LayerNames.readable(layer.getClass()) + ")");
            List<String> args = new ArrayList<>(requireDefined(node, input));
            List<ParamDef> params = new ArrayList<>();
            List<Parameter> declared = parametersOf(node, layer);
            Map<Object, String> own = new IdentityHashMap<>();
            for (int k = 0; k < declared.size(); k++) {
                Parameter p = declared.get(k);
                if (p == null) {
                    throw new SubjectException(name, node, "parameters() of layer '" + node + "' contains null (at"
                            + " index " + k + "); list a Parameter.of(name, array, gradient) for every parameter");
                }
                String pname = node + "." + p.name();
                String twice = own.put(p.array(), pname);
                if (twice != null) {
                    throw new SubjectException(name, pname, "parameters() of layer '" + node + "' lists the same array"
                            + " as '" + twice + "' and as '" + pname + "'; list every parameter array once");
                }
                String tied = wholeArrays.get(p.array());
                if (tied != null) {
                    // the same array in an earlier layer: one node, consumed by both
                    params.add(new ParamDef(tied, p));
                    args.add(tied);
                    continue;
                }
                requireName(pname, "parameter '" + p.name() + "' of layer '" + node + "'");
                requireOwnStorage(pname, p.array());
                ParamDef pd = new ParamDef(pname, p);
                add(pd);
                params.add(pd);
                args.add(pname);
            }
            return add(new LayerDef(node, (Layer<Object, Object>) layer, args, positionsOf(args), params));
        }

        /** The layer's parameters; what its {@code parameters()} throws or returns unusably names the layer. */
        private List<Parameter> parametersOf(String node, Layer<?, ?> layer) {
            List<Parameter> declared;
            try {
                declared = layer.parameters();
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                    throw e;
                }
                throw new SubjectException(name, node, "parameters() of layer '" + node + "' (a "
                        + LayerNames.readable(layer.getClass()) + ") threw " + e.getClass().getName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " (attached as the cause); it must"
                        + " return the layer's parameters, List.of() for none", e);
            }
            if (declared == null) {
                throw new SubjectException(name, node, "parameters() of layer '" + node
                        + "' returned null; return List.of() for a layer without parameters");
            }
            return new ArrayList<>(declared);
        }

        /**
         * Refuses a parameter whose array, or one of whose rows, is also (part of) another parameter's:
         * measured one node at a time, in place, shared elements would be measured wrongly.
         */
        private void requireOwnStorage(String pname, Object array) {
            Map<Object, String> pieces = new IdentityHashMap<>();
            if (array instanceof Object[] rows) {
                for (int r = 0; r < rows.length; r++) {
                    if (rows[r] == null) {
                        continue;
                    }
                    String before = pieces.put(rows[r], "row " + r + " of parameter '" + pname + "'");
                    if (before != null) {
                        throw new SubjectException(name, pname, "rows " + before.substring(4, before.indexOf(' ', 4))
                                + " and " + r + " of parameter '" + pname + "' are the same array object; gradcheck"
                                + " perturbs a parameter one element at a time, in place, so its rows must not share"
                                + " elements: give every row its own array");
                    }
                }
            } else {
                pieces.put(array, "the array of parameter '" + pname + "'");
            }
            for (Map.Entry<Object, String> piece : pieces.entrySet()) {
                String other = storage.get(piece.getKey());
                if (other != null) {
                    throw new SubjectException(name, pname, capitalized(piece.getValue()) + " is also " + other
                            + " (the same array object); gradcheck perturbs parameters in place, one node at a time,"
                            + " so parameters that share only some of their elements would be measured wrongly. Give"
                            + " each parameter its own arrays (e.g. copy the row with clone()), or, to tie weights on"
                            + " purpose, give both layers the very same whole array: it is then one node whose"
                            + " gradient is the sum of both layers'");
                }
            }
            for (Map.Entry<Object, String> piece : pieces.entrySet()) {
                storage.put(piece.getKey(), piece.getValue());
            }
            storage.put(array, "the array of parameter '" + pname + "'");
            wholeArrays.put(array, pname);
        }

        private static String capitalized(String s) {
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }

        /**
         * Makes the named nodes the graph's outputs, each with its own part of the cotangent: a last
         * node named after them, e.g. {@code (h, c)}, holds them one after the other, and its
         * backward hands each node its part. Call it last.
         *
         * @param nodes the outputs, each an input or a node defined before, in order
         * @return this builder
         * @throws SubjectException when a node is not yet defined, or named twice
         */
        public Builder outputs(String... nodes) {
            List<String> names = requireDefined(Outputs.nodeName(List.of(nodes)), nodes);
            if (names.stream().distinct().count() != names.size()) {
                throw new SubjectException(name, "outputs(" + String.join(", ", names) + ") names an output twice");
            }
            Op concat = Op.of(in -> {
                List<Value> parts = new ArrayList<>();
                for (int i = 0; i < in.size(); i++) {
                    parts.add(in.value(i));
                }
                return Outputs.concat(parts);
            }, (in, out, gOut) -> {
                Object[] slices = new Object[in.size()];
                int offset = 0;
                for (int i = 0; i < in.size(); i++) {
                    slices[i] = Outputs.slice(gOut, new Outputs.Part(in.name(i), in.value(i), offset));
                    offset += in.value(i).size();
                }
                return slices;
            });
            return op(Outputs.nodeName(names), concat, nodes);
        }

        private Builder add(Def d) {
            positions.put(d.name(), defs.size());
            defs.add(d);
            return this;
        }

        private int[] positionsOf(List<String> args) {
            int[] at = new int[args.size()];
            for (int a = 0; a < at.length; a++) {
                at[a] = positions.get(args.get(a));
            }
            return at;
        }

        /** @param what the thing being named, for the message, e.g. "the layer added as definition 3 of the graph" */
        private String requireName(String node, String what) {
            if (node == null || node.isEmpty()) {
                throw new SubjectException(name, capitalized(what) + " needs a non-empty name, got "
                        + (node == null ? "null" : "\"\"") + "; give every input, op and layer its own name, e.g."
                        + " .layer(\"dense1\", layer, \"x\")");
            }
            if (positions.containsKey(node)) {
                throw new SubjectException(name, node, "two nodes are named '" + node + "'; give every node its own name");
            }
            return node;
        }

        private List<String> requireDefined(String node, String... args) {
            if (args == null || args.length == 0) {
                throw new SubjectException(name, node, "node '" + node + "' has no arguments; name the nodes it is computed from");
            }
            for (String a : args) {
                if (a != null && a.equals(node)) {
                    throw new SubjectException(name, node, "node '" + node + "' uses itself; a graph cannot have cycles");
                }
                if (a == null || !positions.containsKey(a)) {
                    throw new SubjectException(name, node, "node '" + node + "' uses '" + a
                            + "', which is not defined before it; define inputs and nodes before using them"
                            + " (defined so far: " + positions.keySet() + ")");
                }
            }
            return List.of(args);
        }

        /**
         * {@return the graph; its last node is the output}
         *
         * @throws SubjectException when no op or layer was added
         */
        public GraphSubject build() {
            if (defs.isEmpty() || !(defs.get(defs.size() - 1) instanceof Computed)) {
                throw new SubjectException(name, "the graph has no op or layer to compute an output;"
                        + " add at least one op or layer after the inputs");
            }
            return new GraphSubject(name, defs);
        }
    }
}
