package io.github.gradcheck.subject;

import io.github.gradcheck.internal.subject.ConsumerEvaluator;

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
public final class GraphSubject implements Subject, ConsumerEvaluator {

    private abstract static class Def {
        final String name;
        final List<String> args;
        /** The positions of the arguments in the graph's definition order, set by the graph. */
        int[] argIndex;

        Def(String name, List<String> args) {
            this.name = name;
            this.args = List.copyOf(args);
        }
    }

    private static final class InputDef extends Def {
        InputDef(String name) {
            super(name, List.of());
        }
    }

    private static final class ParamDef extends Def {
        final Parameter parameter;
        final String layer;

        ParamDef(String name, Parameter parameter, String layer) {
            super(name, List.of());
            this.parameter = parameter;
            this.layer = layer;
        }
    }

    private static final class OpDef extends Def {
        final Op op;
        final String forwardWhat;

        OpDef(String name, Op op, List<String> args) {
            super(name, args);
            this.op = op;
            this.forwardWhat = "the forward of op '" + name + "'";
        }
    }

    private static final class LayerDef extends Def {
        final Layer<Object, Object> layer;
        final List<ParamDef> params;
        final String forwardWhat;

        LayerDef(String name, Layer<Object, Object> layer, List<String> args, List<ParamDef> params) {
            super(name, args);
            this.layer = layer;
            this.params = params;
            this.forwardWhat = "the forward of layer '" + name + "'";
        }
    }

    /** A trace's values in definition order, kept for the trace replays start from. */
    private record Cached(Trace trace, Value[] values) {
    }

    private final String name;
    private final List<Def> defs;
    private final Map<String, Def> byName;
    private final Map<String, Integer> indexOf;
    /** The ops and layers downstream of one definition, for the node replayed last. */
    private record Downstream(int from, int[] order) {
    }

    private volatile Cached cached;
    private volatile Downstream downstream;

    private GraphSubject(String name, List<Def> defs) {
        this.name = name;
        this.defs = List.copyOf(defs);
        Map<String, Def> map = new LinkedHashMap<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < defs.size(); i++) {
            map.put(defs.get(i).name, defs.get(i));
            index.put(defs.get(i).name, i);
        }
        this.byName = map;
        this.indexOf = index;
        for (Def d : defs) {
            d.argIndex = new int[d.args.size()];
            for (int a = 0; a < d.argIndex.length; a++) {
                d.argIndex[a] = index.get(d.args.get(a));
            }
        }
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
            Def d = defs.get(i);
            if (d instanceof InputDef || d instanceof ParamDef) {
                continue;
            }
            for (int a : d.argIndex) {
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

    /** Starts a graph. */
    public static Builder builder(String name) {
        return new Builder(Objects.requireNonNull(name, "name"));
    }

    @Override
    public String name() {
        return name;
    }

    private String output() {
        return defs.get(defs.size() - 1).name;
    }

    // ---- forward ----------------------------------------------------------------------------

    @Override
    public Trace forward(Point point) {
        for (String given : point.names()) {
            Def d = byName.get(given);
            if (!(d instanceof InputDef)) {
                throw new SubjectException(name, given, "the point has an input '" + given
                        + "' that the graph does not declare; its inputs are " + inputNames());
            }
        }
        Map<String, Value> values = new LinkedHashMap<>();
        for (Def d : defs) {
            values.put(d.name, computeAtPoint(d, point, values));
        }
        return toTrace(values, point);
    }

    private Value computeAtPoint(Def d, Point point, Map<String, Value> values) {
        if (d instanceof InputDef) {
            if (!point.has(d.name)) {
                throw new SubjectException(name, d.name, "the point has no value for input '" + d.name
                        + "'; give one for each of " + inputNames());
            }
            return point.get(d.name);
        }
        if (d instanceof ParamDef) {
            ParamDef p = (ParamDef) d;
            try {
                return p.parameter.read();
            } catch (IllegalArgumentException e) {
                throw new SubjectException(name, d.name, "the parameter array is unusable: " + e.getMessage(), e);
            }
        }
        return evaluate(d, values);
    }

    private Value evaluate(Def d, Map<String, Value> values) {
        Value[] args = new Value[d.args.size()];
        for (int a = 0; a < args.length; a++) {
            args[a] = values.get(d.args.get(a));
        }
        return evaluate(d, args);
    }

    private Value evaluate(Def d, Value[] args) {
        if (d instanceof OpDef) {
            OpDef op = (OpDef) d;
            Args in = new Args(d.args, List.of(args));
            Object out = UserCode.call(name, d.name, op.forwardWhat, () -> op.op.forward(in));
            return UserCode.toValue(name, d.name, op.forwardWhat, out);
        }
        LayerDef l = (LayerDef) d;
        Object input = args[0].toJava();
        Object out = UserCode.call(name, d.name, l.forwardWhat, () -> l.layer.forward(input));
        requireUnchanged(d.name, "forward", "input", input, args[0]);
        return UserCode.toValue(name, d.name, l.forwardWhat, out);
    }

    /**
     * A layer that changes the array it was handed would, in a real network, corrupt the
     * previous layer's output; gradcheck hands out private copies, so it can tell.
     */
    private void requireUnchanged(String node, String pass, String what, Object handed, Value original) {
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
            throw new SubjectException(name, node, "the " + pass + " of layer '" + node + "' modified its " + what
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
        if (handed instanceof double[] && original.shape().rank() == 1) {
            double[] a = (double[]) handed;
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
        if (handed instanceof double[][] && original.shape().rank() == 2) {
            double[][] m = (double[][]) handed;
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

    private Trace toTrace(Map<String, Value> values, Point point) {
        List<Node> nodes = new ArrayList<>();
        String out = output();
        for (Def d : defs) {
            NodeKind kind;
            if (d instanceof InputDef) {
                kind = point != null && point.isConstant(d.name) ? NodeKind.CONSTANT : NodeKind.INPUT;
            } else if (d instanceof ParamDef) {
                kind = NodeKind.PARAMETER;
            } else {
                kind = d.name.equals(out) ? NodeKind.OUTPUT : NodeKind.INTERMEDIATE;
            }
            nodes.add(new Node(d.name, kind, values.get(d.name), d.args));
        }
        return new Trace(nodes, out);
    }

    // ---- backward ---------------------------------------------------------------------------

    @Override
    public Gradients backward(Trace trace, Value cotangent) {
        Map<String, Value> totals = new LinkedHashMap<>();
        Map<Edge, Value> edges = new LinkedHashMap<>();
        totals.put(output(), cotangent);
        for (int i = defs.size() - 1; i >= 0; i--) {
            Def d = defs.get(i);
            if (d instanceof InputDef || d instanceof ParamDef) {
                continue;
            }
            Value g = totals.get(d.name);
            if (g == null) {
                Value v = trace.node(d.name).value();
                g = Value.zeros(v.shape(), v.precision());
                totals.put(d.name, g);
            }
            Value[] contributions = localBackward(d, trace, g);
            for (int a = 0; a < d.args.size(); a++) {
                if (contributions[a] == null) {
                    continue;
                }
                String producer = d.args.get(a);
                edges.put(new Edge(producer, d.name, a), contributions[a]);
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

    private Value[] localBackward(Def d, Trace trace, Value gradOut) {
        List<Value> args = new ArrayList<>();
        List<Boolean> constant = new ArrayList<>();
        for (String a : d.args) {
            Node n = trace.node(a);
            args.add(n.value());
            constant.add(n.kind() == NodeKind.CONSTANT);
        }
        if (d instanceof OpDef) {
            String what = "the backward of op '" + d.name + "'";
            Args in = new Args(d.args, args);
            Value out = trace.node(d.name).value();
            Object returned = UserCode.call(name, d.name, what, () -> ((OpDef) d).op.backward(in, out, gradOut));
            return ArgumentGradients.read(name, d.name, what, returned, d.args, args, constant);
        }
        LayerDef l = (LayerDef) d;
        String what = "the backward of layer '" + d.name + "'";
        Object input = args.get(0).toJava();
        Object g = gradOut.toJava();
        // the protocol: a layer's backward always follows its forward at the checked point
        UserCode.call(name, d.name, "the forward of layer '" + d.name + "'", () -> l.layer.forward(input));
        Object returned = UserCode.call(name, d.name, what, () -> l.layer.backward(g));
        Value[] out = new Value[d.args.size()];
        if (!constant.get(0)) {
            Value dx = UserCode.toValue(name, d.name, what, returned);
            out[0] = ArgumentGradients.requireShape(name, d.args.get(0),
                    what + "'s gradient for its input '" + d.args.get(0) + "'", dx, args.get(0));
        }
        for (int p = 0; p < l.params.size(); p++) {
            ParamDef pd = l.params.get(p);
            Object raw = UserCode.call(name, pd.name, "the gradient supplier of parameter '" + pd.name + "'",
                    () -> pd.parameter.gradient());
            Value dp = UserCode.toValue(name, pd.name, "the gradient supplier of parameter '" + pd.name + "'", raw);
            out[p + 1] = ArgumentGradients.requireShape(name, pd.name, "the gradient of parameter '" + pd.name + "'",
                    dp, args.get(p + 1));
        }
        return out;
    }

    private static Value plus(Value a, Value b) {
        double[] s = a.toArray();
        for (int i = 0; i < s.length; i++) {
            s[i] += b.get(i);
        }
        return Value.of(a.shape(), a.precision(), s);
    }

    // ---- replay -----------------------------------------------------------------------------

    @Override
    public Trace replay(Trace trace, String node, Value replacement) {
        Value[] values = replayValues(trace, node, replacement);
        List<Node> nodes = new ArrayList<>(values.length);
        for (Node n : trace.nodes()) {
            nodes.add(new Node(n.name(), n.kind(), values[indexOf.get(n.name())], n.producers()));
        }
        return new Trace(nodes, trace.output().name());
    }

    /** Only the output of {@link #replay}: no trace is built. */
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
        Value[] values = valuesOf(trace).clone();
        values[at] = replacement;
        Def perturbed = defs.get(at);
        ParamDef param = perturbed instanceof ParamDef ? (ParamDef) perturbed : null;
        if (param != null) {
            param.parameter.write(replacement);
        }
        try {
            for (int i : downstreamOf(at)) {
                Def d = defs.get(i);
                Value[] args = new Value[d.argIndex.length];
                for (int a = 0; a < args.length; a++) {
                    args[a] = values[d.argIndex[a]];
                }
                Value v = evaluate(d, args);
                requireSameShape(d.name, trace.node(d.name).value(), v, node);
                values[i] = v;
            }
        } finally {
            if (param != null) {
                param.parameter.write(trace.node(node).value());
            }
        }
        return values;
    }

    /** The values of {@code trace} in definition order; the last trace asked about is kept. */
    private Value[] valuesOf(Trace trace) {
        Cached c = cached;
        if (c != null && c.trace() == trace) {
            return c.values();
        }
        Value[] values = new Value[defs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = trace.node(defs.get(i).name).value();
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

    @Override
    public String replayScope() {
        return "only the nodes downstream of the perturbed one";
    }

    // ---- edge probes ------------------------------------------------------------------------

    @Override
    public Value consumerOutput(Trace trace, Edge edge, Value replacement) {
        Def d = byName.get(edge.consumer());
        Map<String, Value> values = new LinkedHashMap<>();
        for (String a : d.args) {
            values.put(a, trace.node(a).value());
        }
        String argName = d.args.get(edge.argument());
        values.put(argName, replacement);
        ParamDef param = byName.get(argName) instanceof ParamDef ? (ParamDef) byName.get(argName) : null;
        if (param != null) {
            param.parameter.write(replacement);
        }
        try {
            return evaluate(d, values);
        } finally {
            if (param != null) {
                param.parameter.write(trace.node(argName).value());
            }
        }
    }

    @Override
    public String describeConsumer(String consumer) {
        return (byName.get(consumer) instanceof LayerDef ? "layer '" : "op '") + consumer + "'";
    }

    private List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (Def d : defs) {
            if (d instanceof InputDef) {
                names.add(d.name);
            }
        }
        return names;
    }

    /**
     * Builds a {@link GraphSubject}. Every mistake in the description (a duplicate name, a
     * node used before it is defined, an empty graph) is reported when it is made.
     *
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    public static final class Builder {
        private final String name;
        private final List<Def> defs = new ArrayList<>();
        private final Map<String, Def> byName = new LinkedHashMap<>();
        private final Map<Object, String> parameterArrays = new IdentityHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Declares an input; its value comes from the point (constant there if it is a label or index). */
        public Builder input(String input) {
            return add(new InputDef(requireName(input)));
        }

        /** Adds an op node computed from the named nodes, in argument order. */
        public Builder op(String node, Op op, String... args) {
            if (op == null) {
                throw new SubjectException(name, node, "the op of node '" + node + "' is null");
            }
            return add(new OpDef(requireName(node), op, requireDefined(node, args)));
        }

        /** Adds a layer node that takes the named node as its input; its parameters become nodes too. */
        @SuppressWarnings("unchecked")
        public Builder layer(String node, Layer<?, ?> layer, String input) {
            if (layer == null) {
                throw new SubjectException(name, node, "the layer of node '" + node + "' is null");
            }
            requireName(node);
            List<String> args = new ArrayList<>(requireDefined(node, input));
            List<ParamDef> params = new ArrayList<>();
            List<Parameter> declared = layer.parameters();
            if (declared == null) {
                throw new SubjectException(name, node, "parameters() of layer '" + node
                        + "' returned null; return List.of() for a layer without parameters");
            }
            for (Parameter p : declared) {
                if (p == null) {
                    throw new SubjectException(name, node, "parameters() of layer '" + node + "' contains null");
                }
                String pname = requireName(node + "." + p.name());
                String owner = parameterArrays.put(p.array(), pname);
                if (owner != null) {
                    throw new SubjectException(name, pname, "the array of parameter '" + pname
                            + "' is also the array of '" + owner + "'; shared parameter arrays are not supported yet:"
                            + " check the layers separately");
                }
                ParamDef pd = new ParamDef(pname, p, node);
                add(pd);
                params.add(pd);
                args.add(pname);
            }
            return add(new LayerDef(node, (Layer<Object, Object>) layer, args, params));
        }

        private Builder add(Def d) {
            defs.add(d);
            byName.put(d.name, d);
            return this;
        }

        private String requireName(String node) {
            if (node == null || node.isEmpty()) {
                throw new SubjectException(name, "a node needs a non-empty name");
            }
            if (byName.containsKey(node)) {
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
                if (a == null || !byName.containsKey(a)) {
                    throw new SubjectException(name, node, "node '" + node + "' uses '" + a
                            + "', which is not defined before it; define inputs and nodes before using them"
                            + " (defined so far: " + byName.keySet() + ")");
                }
            }
            return List.of(args);
        }

        /** The graph; its last node is the output. */
        public GraphSubject build() {
            Def last = defs.isEmpty() ? null : defs.get(defs.size() - 1);
            if (!(last instanceof OpDef || last instanceof LayerDef)) {
                throw new SubjectException(name, "the graph has no op or layer to compute an output;"
                        + " add at least one op or layer after the inputs");
            }
            return new GraphSubject(name, defs);
        }
    }
}
