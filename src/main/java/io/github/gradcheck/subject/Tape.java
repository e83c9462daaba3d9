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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What traced code writes to: the forward names each intermediate as it computes it, and
 * the backward reports the gradient it computed for each name.
 *
 * <pre>{@code
 * // forward
 * double x = t.scalar("x"), y = t.scalar("y");
 * double sigy = t.node("sigy", 1 / (1 + Math.exp(-y)));
 * double num = t.node("num", x + sigy);
 * ...
 * t.output("f", num * invden);
 *
 * // backward
 * double df = t.seed();
 * double dnum = t.scalar("invden") * df;
 * t.grad("num", dnum);
 * ...
 * }</pre>
 *
 * <p>{@code node} and {@code output} return the value to use from then on: normally the
 * value passed in, but when gradcheck measures the gradient at that node it returns the
 * perturbed value, so the rest of the forward must use what {@code node} returned. The
 * readers of {@link NamedValues} ({@code scalar}, {@code vector}, {@code matrix}, ...) give an
 * input, or a node recorded earlier (in the backward: any node, at its forward value), as a
 * fresh copy.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Tape implements NamedValues {

    /** What one run of the user's code on a tape is for; each kind carries what it needs. */
    private sealed interface Run permits Measuring, Collecting {

        /** {@return the value input {@code name} has on this run} */
        default Value input(Point point, String name) {
            return point.get(name);
        }

        /** {@return the value node {@code name}, computed as {@code computed}, is used at from here on} */
        default Value use(String subject, String name, Value computed) {
            return computed;
        }
    }

    /**
     * A forward run while measuring, whose gradients are not wanted: in the one-body style
     * ({@code combined}) they are ignored, in the separate style reporting one is a mistake.
     */
    private sealed interface Measuring extends Run permits Recording, Probing {
        boolean combined();
    }

    /** A run that collects the gradients the backward reports for the output cotangent. */
    private sealed interface Collecting extends Run permits Backward, CombinedBackward {
        Value cotangent();
    }

    /** The first forward at the point: records every node and watches the arrays it hands back. */
    private record Recording(boolean combined) implements Measuring {
    }

    /** A forward with {@code node} replaced and every node in {@code held} kept at the given value. */
    private record Probing(boolean combined, String node, Value replacement, Map<String, Value> held)
            implements Measuring {

        @Override
        public Value input(Point point, String name) {
            return name.equals(node) ? replacement : point.get(name);
        }

        @Override
        public Value use(String subject, String name, Value computed) {
            if (name.equals(node)) {
                if (!replacement.shape().equals(computed.shape())) {
                    throw new SubjectException(subject, name, "the forward computed shape " + computed.shape()
                            + " for this node when re-run, but " + replacement.shape() + " before");
                }
                return replacement;
            }
            return held.getOrDefault(name, computed);
        }
    }

    /** A separate backward: reads the nodes of the cached trace, records none. */
    private record Backward(Trace cached, Value cotangent) implements Collecting {
    }

    /** The one-body style run to collect its gradients: it records its nodes as a forward does. */
    private record CombinedBackward(Value cotangent) implements Collecting {
    }

    private final String subject;
    private final Point point;
    private final Run run;
    private final Map<String, Object> handedBack = new LinkedHashMap<>();
    private final Map<String, Node> recorded = new LinkedHashMap<>();
    private final Map<String, Value> grads = new LinkedHashMap<>();
    private String output;
    /** The nodes {@link #outputs} made the outputs, in order; empty for one output. */
    private List<String> outputParts = List.of();

    private Tape(String subject, Point point, Run run) {
        this.subject = subject;
        this.point = point;
        this.run = run;
        if (!(run instanceof Backward)) {
            for (String input : point.names()) {
                NodeKind kind = point.isConstant(input) ? NodeKind.CONSTANT : NodeKind.INPUT;
                recorded.put(input, Node.of(input, kind, run.input(point, input)));
            }
        }
    }

    static Tape recording(String subject, boolean combined, Point point) {
        return new Tape(subject, point, new Recording(combined));
    }

    /** A probe with {@code node} replaced and every node in {@code held} kept at the given value. */
    static Tape probing(String subject, boolean combined, Point point, String node, Value replacement,
                        Map<String, Value> held) {
        return new Tape(subject, point, new Probing(combined, node, replacement, held));
    }

    static Tape backward(String subject, Point point, Trace cached, Value cotangent) {
        return new Tape(subject, point, new Backward(cached, cotangent));
    }

    static Tape combinedBackward(String subject, Point point, Value cotangent) {
        return new Tape(subject, point, new CombinedBackward(cotangent));
    }

    // ---- reading inputs and nodes ---------------------------------------------------------

    /**
     * {@return an input or a node, immutable}: in the forward, one recorded so far; in a separate
     * backward, any node of the forward, at its forward value.
     *
     * @param name the input's or node's name
     * @throws IllegalArgumentException naming the inputs and nodes there are, when there is none of
     *     this name
     */
    @Override
    public Value value(String name) {
        if (run instanceof Backward b) {
            Trace cached = b.cached();
            if (!cached.has(name)) {
                throw new IllegalArgumentException("there is no input or node named '" + name + "'; there are "
                        + cached.names());
            }
            return cached.node(name).value();
        }
        Node n = recorded.get(name);
        if (n == null) {
            throw new IllegalArgumentException("there is no input or node named '" + name
                    + "' yet; inputs and nodes recorded so far are " + recorded.keySet());
        }
        return n.value();
    }

    // ---- recording nodes -------------------------------------------------------------------

    /**
     * Records a scalar intermediate and returns the value to use from here on.
     *
     * @param name the node's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the value to use from here on: {@code value}, or the perturbed value while gradcheck
     *     measures the gradient at this node
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward
     */
    public double node(String name, double value) {
        return record(name, Value.scalar(value), NodeKind.INTERMEDIATE).asScalar();
    }

    /**
     * Records a vector intermediate and returns the array to use from here on. The rest of the
     * forward must not change the array: record the final value, or change a copy.
     *
     * @param name the node's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this node
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public double[] node(String name, double[] value) {
        return recordArray(name, value, NodeKind.INTERMEDIATE);
    }

    /**
     * Records a matrix intermediate and returns the array to use from here on. The rest of the
     * forward must not change the array: record the final value, or change a copy.
     *
     * @param name the node's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this node
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public double[][] node(String name, double[][] value) {
        return recordArray(name, value, NodeKind.INTERMEDIATE);
    }

    /**
     * Records a float scalar intermediate and returns the value to use from here on.
     *
     * @param name the node's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the value to use from here on: {@code value}, or the perturbed value while gradcheck
     *     measures the gradient at this node
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward
     */
    public float node(String name, float value) {
        return (float) record(name, Value.fromJava(value), NodeKind.INTERMEDIATE).asScalar();
    }

    /**
     * Records a float vector intermediate and returns the array to use from here on. The rest of
     * the forward must not change the array: record the final value, or change a copy.
     *
     * @param name the node's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this node
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public float[] node(String name, float[] value) {
        return recordArray(name, value, NodeKind.INTERMEDIATE);
    }

    /**
     * Records a float matrix intermediate and returns the array to use from here on. The rest of
     * the forward must not change the array: record the final value, or change a copy.
     *
     * @param name the node's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this node
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public float[][] node(String name, float[][] value) {
        return recordArray(name, value, NodeKind.INTERMEDIATE);
    }

    /**
     * Records the scalar output and returns the value to use from here on.
     *
     * @param name the output's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the value to use from here on: {@code value}, or the perturbed value while gradcheck
     *     measures the gradient at this output
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward
     */
    public double output(String name, double value) {
        return record(name, Value.scalar(value), NodeKind.OUTPUT).asScalar();
    }

    /**
     * Records a vector output and returns the array to use from here on. The rest of the forward
     * must not change the array: record the final value, or change a copy.
     *
     * @param name the output's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this output
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public double[] output(String name, double[] value) {
        return recordArray(name, value, NodeKind.OUTPUT);
    }

    /**
     * Records a matrix output and returns the array to use from here on. The rest of the forward
     * must not change the array: record the final value, or change a copy.
     *
     * @param name the output's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this output
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public double[][] output(String name, double[][] value) {
        return recordArray(name, value, NodeKind.OUTPUT);
    }

    /**
     * Records a float scalar output and returns the value to use from here on.
     *
     * @param name the output's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the value to use from here on: {@code value}, or the perturbed value while gradcheck
     *     measures the gradient at this output
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward
     */
    public float output(String name, float value) {
        return (float) record(name, Value.fromJava(value), NodeKind.OUTPUT).asScalar();
    }

    /**
     * Records a float vector output and returns the array to use from here on. The rest of the
     * forward must not change the array: record the final value, or change a copy.
     *
     * @param name the output's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this output
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public float[] output(String name, float[] value) {
        return recordArray(name, value, NodeKind.OUTPUT);
    }

    /**
     * Records a float matrix output and returns the array to use from here on. The rest of the
     * forward must not change the array: record the final value, or change a copy.
     *
     * @param name the output's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this output
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public float[][] output(String name, float[][] value) {
        return recordArray(name, value, NodeKind.OUTPUT);
    }

    /**
     * Records a rank-3 intermediate and returns the array to use from here on. The rest of the
     * forward must not change the array: record the final value, or change a copy.
     *
     * @param name the node's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this node
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public double[][][] node(String name, double[][][] value) {
        return recordArray(name, value, NodeKind.INTERMEDIATE);
    }

    /**
     * Records a rank-4 intermediate and returns the array to use from here on. The rest of the
     * forward must not change the array: record the final value, or change a copy.
     *
     * @param name the node's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this node
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public double[][][][] node(String name, double[][][][] value) {
        return recordArray(name, value, NodeKind.INTERMEDIATE);
    }

    /**
     * Records a float rank-3 intermediate and returns the array to use from here on. The rest of the
     * forward must not change the array: record the final value, or change a copy.
     *
     * @param name the node's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this node
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public float[][][] node(String name, float[][][] value) {
        return recordArray(name, value, NodeKind.INTERMEDIATE);
    }

    /**
     * Records a float rank-4 intermediate and returns the array to use from here on. The rest of the
     * forward must not change the array: record the final value, or change a copy.
     *
     * @param name the node's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this node
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public float[][][][] node(String name, float[][][][] value) {
        return recordArray(name, value, NodeKind.INTERMEDIATE);
    }

    /**
     * Records a rank-3 output and returns the array to use from here on. The rest of the
     * forward must not change the array: record the final value, or change a copy.
     *
     * @param name the output's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this output
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public double[][][] output(String name, double[][][] value) {
        return recordArray(name, value, NodeKind.OUTPUT);
    }

    /**
     * Records a rank-4 output and returns the array to use from here on. The rest of the
     * forward must not change the array: record the final value, or change a copy.
     *
     * @param name the output's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this output
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public double[][][][] output(String name, double[][][][] value) {
        return recordArray(name, value, NodeKind.OUTPUT);
    }

    /**
     * Records a float rank-3 output and returns the array to use from here on. The rest of the
     * forward must not change the array: record the final value, or change a copy.
     *
     * @param name the output's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this output
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public float[][][] output(String name, float[][][] value) {
        return recordArray(name, value, NodeKind.OUTPUT);
    }

    /**
     * Records a float rank-4 output and returns the array to use from here on. The rest of the
     * forward must not change the array: record the final value, or change a copy.
     *
     * @param name the output's name, unique among the inputs and nodes
     * @param value the value the forward computed
     * @return the array to use from here on: {@code value} itself, or a new array holding the
     *     perturbed value while gradcheck measures the gradient at this output
     * @throws io.github.gradcheck.model.SubjectException when the name is null or already an
     *     input's or a node's, the output was recorded already, or it is called in a separate
     *     backward; or the array is null or ragged
     */
    public float[][][][] output(String name, float[][][][] value) {
        return recordArray(name, value, NodeKind.OUTPUT);
    }

    @SuppressWarnings("unchecked")
    private <T> T recordArray(String name, T array, NodeKind kind) {
        if (array == null) {
            throw new SubjectException(subject, name, "the forward passed null to "
                    + (kind == NodeKind.OUTPUT ? "output" : "node") + "(\"" + name + "\", ...)");
        }
        Value v;
        try {
            v = Value.fromJava(array);
        } catch (IllegalArgumentException e) {
            throw new SubjectException(subject, name, "the forward recorded an unusable value: " + e.getMessage(), e);
        }
        Value used = record(name, v, kind);
        if (used == v) {
            if (run instanceof Recording) {
                // the forward is deterministic (checked), so a change after recording shows in the first run
                handedBack.put(name, array);
            }
            return array;
        }
        return (T) used.toJava();
    }

    /**
     * The forward keeps using the arrays {@code node} handed back; if it changes one after
     * recording it, what was recorded is no longer what the rest of the forward used.
     */
    private void requireRecordedArraysUnchanged() {
        for (Map.Entry<String, Object> e : handedBack.entrySet()) {
            Value now;
            try {
                now = Value.fromJava(e.getValue());
            } catch (IllegalArgumentException ragged) {
                now = null;
            }
            if (now == null || !now.bitEquals(recorded.get(e.getKey()).value())) {
                throw new SubjectException(subject, e.getKey(), "the forward changed the array of node '" + e.getKey()
                        + "' after recording it, so the recorded value is not the one the rest of the forward used;"
                        + " record the final value, or change a copy");
            }
        }
    }

    private Value record(String name, Value v, NodeKind kind) {
        if (name == null) {
            throw new SubjectException(subject, "the forward recorded a node with a null name");
        }
        if (run instanceof Backward) {
            throw new SubjectException(subject, name, (kind == NodeKind.OUTPUT ? "output" : "node")
                    + "(\"" + name + "\", ...) was called in the backward; record nodes in the forward only");
        }
        if (recorded.containsKey(name)) {
            String what = point.has(name) ? "an input" : "a node recorded earlier";
            throw new SubjectException(subject, name, "two nodes are named '" + name + "' (it is already "
                    + what + "); give every node its own name");
        }
        if (output != null) {
            throw new SubjectException(subject, name, "the forward recorded '" + name + "' after the output '"
                    + output + "'; record the output last");
        }
        Value used = run.use(subject, name, v);
        recorded.put(name, new Node(name, kind, used, kind == NodeKind.OUTPUT ? outputParts : List.of()));
        if (kind == NodeKind.OUTPUT) {
            output = name;
        }
        return used;
    }

    /**
     * Makes the named nodes, recorded before, the outputs, each with its own part of the
     * cotangent (an LSTM step's {@code h} and {@code c}): records the output the engine checks, named
     * after them, e.g. {@code (h, c)}, holding their elements one after the other. Call it instead
     * of {@code output(...)}, last; the backward reads each output's cotangent with
     * {@link #seedValue(String)} (or {@link #seed(String)}, {@link #seedVector(String)}) and reports
     * each output node's gradient like any node's.
     *
     * @param nodes the names of recorded nodes, in order
     * @throws io.github.gradcheck.model.SubjectException when a name is not of a node recorded
     *     before, is given twice, the output was recorded already, or it is called in a separate
     *     backward
     */
    public void outputs(String... nodes) {
        List<String> parts = List.of(nodes);
        List<Value> values = new ArrayList<>();
        for (String part : parts) {
            if (run instanceof Backward) {
                break;
            }
            if (!recorded.containsKey(part) || point.has(part)) {
                throw new SubjectException(subject, part, "outputs(...) names '" + part + "', which is not a node"
                        + " recorded before; record each output with node(name, value) first (recorded so far: "
                        + recorded.keySet() + ")");
            }
            values.add(recorded.get(part).value());
        }
        if (parts.isEmpty() || parts.stream().distinct().count() != parts.size()) {
            throw new SubjectException(subject, "outputs(" + String.join(", ", parts) + ") must name each output"
                    + " once, at least one");
        }
        outputParts = parts;
        record(Outputs.nodeName(parts), run instanceof Backward ? Value.scalar(0) : Outputs.concat(values),
                NodeKind.OUTPUT);
    }

    /**
     * {@return the gradient of the objective with respect to one of the outputs named in
     * {@link #outputs}, of that output's shape}: its part of the output cotangent
     *
     * @param output the name of one of the outputs
     * @throws io.github.gradcheck.model.SubjectException when it is not one of the outputs
     */
    public Value seedValue(String output) {
        Value all = seedValue();
        Node flat = run instanceof Backward b ? b.cached().output() : recorded.get(this.output);
        Map<String, Value> parts = new LinkedHashMap<>();
        Trace values = run instanceof Backward b ? b.cached() : null;
        for (String part : flat == null ? List.<String>of() : flat.producers()) {
            parts.put(part, values != null ? values.node(part).value() : recorded.get(part).value());
        }
        for (Outputs.Part p : Outputs.layout(parts)) {
            if (p.name().equals(output)) {
                return Outputs.slice(all, p);
            }
        }
        throw new SubjectException(subject, output, "seed(\"" + output + "\") names no output; the outputs are "
                + parts.keySet() + (parts.isEmpty() ? " (record several with outputs(...))" : ""));
    }

    /**
     * {@return the gradient of the objective with respect to a scalar output named in {@link #outputs}}
     *
     * @param output the name of one of the outputs
     * @throws io.github.gradcheck.model.SubjectException when it is not one of the outputs
     */
    public double seed(String output) {
        return seedValue(output).asScalar();
    }

    /**
     * {@return the gradient of the objective with respect to a vector output named in
     * {@link #outputs}, as a fresh array}
     *
     * @param output the name of one of the outputs
     * @throws io.github.gradcheck.model.SubjectException when it is not one of the outputs
     */
    public double[] seedVector(String output) {
        return seedValue(output).asVector();
    }

    // ---- the backward ----------------------------------------------------------------------

    /**
     * {@return the gradient of the objective with respect to a scalar output}: the output
     * cotangent, 1 for a scalar output.
     *
     * @throws IllegalStateException when the output is not a scalar
     * @throws io.github.gradcheck.model.SubjectException when the one-body style asks for it before
     *     recording the output
     */
    public double seed() {
        Value s = seedValue();
        if (s.size() != 1) {
            throw new IllegalStateException("the output has shape " + s.shape()
                    + "; use seedVector() or seedMatrix() for a non-scalar output");
        }
        return s.get(0);
    }

    /**
     * {@return the gradient of the objective with respect to a vector output, as a fresh array}
     *
     * @throws IllegalStateException when the output is not a vector
     * @throws io.github.gradcheck.model.SubjectException when the one-body style asks for it before
     *     recording the output
     */
    public double[] seedVector() {
        return seedValue().asVector();
    }

    /**
     * {@return the gradient of the objective with respect to a matrix output, as a fresh array}
     *
     * @throws IllegalStateException when the output is not a matrix
     * @throws io.github.gradcheck.model.SubjectException when the one-body style asks for it before
     *     recording the output
     */
    public double[][] seedMatrix() {
        return seedValue().asMatrix();
    }

    /**
     * {@return the gradient of the objective with respect to the output, as a value of the
     * output's shape}
     *
     * @throws io.github.gradcheck.model.SubjectException when the one-body style asks for it before
     *     recording the output
     */
    public Value seedValue() {
        if (run instanceof Collecting c && c.cotangent() != null) {
            return c.cotangent();
        }
        if (output == null) {
            throw new SubjectException(subject, "seed() was called before output(name, value); "
                    + "record the output before the backward starts");
        }
        // while measuring, gradients are ignored; any seed of the right shape will do
        Value out = recorded.get(output).value();
        return ones(out.shape(), out.precision());
    }

    /**
     * Reports the gradient the backward computed for a scalar node or input.
     *
     * @param name the node's or input's name
     * @param gradient the gradient of the objective with respect to it
     * @throws io.github.gradcheck.model.SubjectException when it is reported twice, or in the
     *     forward of the separate style
     */
    public void grad(String name, double gradient) {
        collect(name, Value.scalar(gradient));
    }

    /**
     * Reports the gradient the backward computed for a float scalar node or input.
     *
     * @param name the node's or input's name
     * @param gradient the gradient of the objective with respect to it
     * @throws io.github.gradcheck.model.SubjectException when it is reported twice, or in the
     *     forward of the separate style
     */
    public void grad(String name, float gradient) {
        collect(name, Value.fromJava(gradient));
    }

    /**
     * Reports the gradient the backward computed for a node or input.
     *
     * @param name the node's or input's name
     * @param gradient the gradient of the objective with respect to it, of its shape: a
     *     {@code double[]}, {@code double[][]}, their float forms, or a {@link Value}
     * @throws io.github.gradcheck.model.SubjectException when it is null or unusable, reported
     *     twice, or reported in the forward of the separate style
     */
    public void grad(String name, Object gradient) {
        if (gradient == null) {
            throw new SubjectException(subject, name, "the backward reported null as the gradient");
        }
        Value v;
        try {
            v = Value.fromJava(gradient);
        } catch (IllegalArgumentException e) {
            throw new SubjectException(subject, name, "the backward reported an unusable gradient: " + e.getMessage(), e);
        }
        collect(name, v);
    }

    private void collect(String name, Value gradient) {
        if (run instanceof Measuring m) {
            if (!m.combined()) {
                throw new SubjectException(subject, name, "grad(\"" + name + "\", ...) was called in the forward; "
                        + "report gradients in the backward");
            }
            return;
        }
        if (grads.containsKey(name)) {
            throw new SubjectException(subject, name, "the backward reported a gradient for '" + name
                    + "' twice; sum the contributions and report the total once");
        }
        grads.put(name, gradient);
    }

    // ---- for TracedSubject -------------------------------------------------------------------

    Trace toTrace() {
        if (output == null) {
            throw new SubjectException(subject, "the forward never called output(name, value); "
                    + "record the value gradients are taken of with output(...)");
        }
        requireRecordedArraysUnchanged();
        return new Trace(new ArrayList<>(recorded.values()), output);
    }

    Map<String, Value> gradients() {
        return grads;
    }

    boolean recordedNode(String name) {
        return recorded.containsKey(name);
    }

    List<String> recordedNames() {
        return new ArrayList<>(recorded.keySet());
    }

    private static Value ones(Shape shape, Precision p) {
        double[] d = new double[shape.size()];
        java.util.Arrays.fill(d, 1.0);
        return Value.of(shape, p, d);
    }
}
