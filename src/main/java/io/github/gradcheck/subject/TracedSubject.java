package io.github.gradcheck.subject;

import io.github.gradcheck.internal.subject.TangentSource;
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
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Hand-written forward and backward code that names its intermediates on a {@link Tape}.
 * gradcheck measures the true gradient at a named node by re-running the forward with that
 * node's value perturbed, so it can say which node's gradient first goes wrong.
 *
 * <p>Two styles: a separate forward and backward ({@link #of(String, TapeFunction, TapeFunction)}),
 * where the backward reads forward values back from the tape; or one body that computes the
 * forward and then the backward, as hand-written backprop often is
 * ({@link #of(String, TapeFunction)}). In the one-body style the whole body runs for every
 * measurement and the gradients it reports while measuring are ignored.
 *
 * <p>Every node the forward records (and every differentiable input) needs a gradient from
 * the backward; the output's may be left out, it is the seed.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class TracedSubject implements Subject, TangentSource {

    private final String name;
    private final TapeFunction forward;
    private final TapeFunction backward;
    /** The hand-written forward mode, if given: the tangent of every node. */
    private final TangentCode tangentCode;

    private TracedSubject(String name, TapeFunction forward, TapeFunction backward) {
        this(name, forward, backward, null);
    }

    private TracedSubject(String name, TapeFunction forward, TapeFunction backward, TangentCode tangentCode) {
        this.name = Objects.requireNonNull(name, "TracedSubject.of needs the subject's name (for reports), got null;"
                + " e.g. TracedSubject.of(\"mlp\", forward, backward)");
        this.forward = Objects.requireNonNull(forward, () -> "TracedSubject.of(\"" + name + "\", ...) needs the"
                + " forward code, got null; e.g. t -> t.output(\"f\", t.node(\"h\", 2 * t.scalar(\"x\")))");
        this.backward = backward;
        this.tangentCode = tangentCode;
    }

    /**
     * The same traced code with hand-written forward-mode code: given the tangents of the inputs, it
     * reports the tangent of every node ({@link TangentTape#tangent(String, Object)}), so that
     * {@code GradCheck.checkTangents} checks forward mode node by node. The nodes' producers are not
     * known to traced code: the blame names the first wrong node in the order the forward records them.
     *
     * @param tangents the forward-mode code
     * @return the same subject with its tangents
     * @throws NullPointerException when {@code tangents} is null
     * @since 0.1.0
     */
    public TracedSubject withTangents(TangentCode tangents) {
        return new TracedSubject(name, forward, backward, Objects.requireNonNull(tangents, "tangents"));
    }

    /**
     * Internal, for the engine's forward-mode check; not part of the API.
     *
     * <p>{@inheritDoc}
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    @Override
    public List<String> withoutTangentRule() {
        if (tangentCode != null) {
            return List.of();
        }
        return List.of("(every node: no tangent code was given with TracedSubject.withTangents)");
    }

    /**
     * Internal, for the engine's forward-mode check; not part of the API.
     *
     * <p>{@inheritDoc}
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    @Override
    public Map<String, Value> tangents(Trace trace, Map<String, Value> inputTangents) {
        TangentTape tape = new TangentTape(name, trace, inputTangents);
        UserCode.call(name, null, "the tangent code", () -> {
            tangentCode.run(tape);
            return null;
        });
        return tape.tangents();
    }

    /**
     * {@return traced code with a separate forward and backward}
     *
     * @param name the subject's name, for reports and error messages
     * @param forward records the inputs it reads and every intermediate on the tape, then the output
     * @param backward reads forward values from the tape and reports a gradient for every input and node
     * @throws NullPointerException when an argument is null
     */
    public static TracedSubject of(String name, TapeFunction forward, TapeFunction backward) {
        return new TracedSubject(name, forward, Objects.requireNonNull(backward, () -> "TracedSubject.of(\"" + name
                + "\", forward, backward) needs the backward code, got null; pass one, or use"
                + " TracedSubject.of(name, forwardThenBackward) for one body that does both"), null);
    }

    /**
     * {@return traced code whose one body runs the forward, then the backward}
     *
     * @param name the subject's name, for reports and error messages
     * @param forwardThenBackward records every intermediate and the output, then reports a
     *     gradient for every input and node
     * @throws NullPointerException when an argument is null
     */
    public static TracedSubject of(String name, TapeFunction forwardThenBackward) {
        return new TracedSubject(name, forwardThenBackward, null);
    }

    @Override
    public String name() {
        return name;
    }

    private boolean combined() {
        return backward == null;
    }

    @Override
    public Trace forward(Point point) {
        Tape tape = Tape.recording(name, combined(), point);
        UserCode.call(name, null, "the forward", () -> {
            forward.run(tape);
            return null;
        });
        return tape.toTrace();
    }

    @Override
    public Gradients backward(Trace trace, Value cotangent) {
        Point point = pointOf(trace);
        Tape tape;
        if (combined()) {
            tape = Tape.combinedBackward(name, point, cotangent);
            UserCode.call(name, null, "the forward-and-backward body", () -> {
                forward.run(tape);
                return null;
            });
            requireSameNodes(trace, tape.toTrace(), "when run again to collect the gradients");
        } else {
            tape = Tape.backward(name, point, trace, cotangent);
            UserCode.call(name, null, "the backward", () -> {
                backward.run(tape);
                return null;
            });
        }
        return collect(trace, tape.gradients(), cotangent);
    }

    private Gradients collect(Trace trace, Map<String, Value> reported, Value cotangent) {
        Map<String, Value> byNode = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : reported.entrySet()) {
            if (!trace.has(e.getKey())) {
                throw new SubjectException(name, e.getKey(), "the backward reported a gradient for '" + e.getKey()
                        + "' but the forward recorded no node or input of that name; the names are "
                        + trace.names());
            }
            Node n = trace.node(e.getKey());
            if (n.kind() == NodeKind.CONSTANT) {
                continue;
            }
            byNode.put(n.name(), ArgumentGradients.requireShape(name, n.name(), "the reported gradient",
                    e.getValue(), n.value()));
        }
        String out = trace.output().name();
        byNode.putIfAbsent(out, cotangent);
        List<String> missing = new ArrayList<>();
        for (Node n : trace.nodes()) {
            if (n.kind().isChecked() && !byNode.containsKey(n.name())) {
                missing.add(n.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new SubjectException(name, missing.get(0), "the backward reported no gradient for "
                    + (missing.size() == 1 ? "node " : "nodes ") + missing
                    + "; the forward recorded " + (missing.size() == 1 ? "it" : "them")
                    + ": call grad(name, gradient) for each");
        }
        Map<String, Value> ordered = new LinkedHashMap<>();
        for (Node n : trace.nodes()) {
            if (byNode.containsKey(n.name())) {
                ordered.put(n.name(), byNode.get(n.name()));
            }
        }
        return new Gradients(ordered, Map.of());
    }

    @Override
    public Trace replay(Trace trace, String node, Value replacement) {
        return replay(trace, node, replacement, Map.of());
    }

    @Override
    public Optional<Trace> replayHolding(Trace trace, String node, Value replacement, Set<String> held) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (String h : held) {
            if (!trace.has(h)) {
                throw new IllegalArgumentException("cannot hold '" + h + "' of subject '" + name
                        + "': the forward recorded no node of that name; the names are " + trace.names());
            }
            values.put(h, trace.node(h).value());
        }
        return Optional.of(replay(trace, node, replacement, values));
    }

    private Trace replay(Trace trace, String node, Value replacement, Map<String, Value> held) {
        Point point = pointOf(trace);
        Tape tape = Tape.probing(name, combined(), point, node, replacement, held);
        UserCode.call(name, node, "the forward (re-run with '" + node + "' perturbed)", () -> {
            forward.run(tape);
            return null;
        });
        if (!tape.recordedNode(node)) {
            throw new SubjectException(name, node, "the forward did not record '" + node
                    + "' when re-run; the forward must record the same nodes every time");
        }
        Trace again = tape.toTrace();
        requireSameNodes(trace, again, "when re-run with '" + node + "' perturbed");
        return again;
    }

    private void requireSameNodes(Trace expected, Trace actual, String when) {
        if (!expected.names().equals(actual.names())) {
            throw new SubjectException(name, null, "the forward recorded nodes " + actual.names() + " " + when
                    + ", but " + expected.names() + " the first time; it must record the same nodes every time");
        }
        for (Node n : expected.nodes()) {
            Value v = actual.node(n.name()).value();
            if (!v.shape().equals(n.value().shape())) {
                throw new SubjectException(name, n.name(), "the forward computed shape " + v.shape() + " " + when
                        + ", but " + n.value().shape() + " the first time");
            }
        }
    }

    private static Point pointOf(Trace trace) {
        Point.Builder b = Point.builder();
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.INPUT) {
                b.input(n.name(), n.value());
            } else if (n.kind() == NodeKind.CONSTANT) {
                b.constant(n.name(), n.value());
            }
        }
        return b.build();
    }

    @Override
    public boolean knowsProducers() {
        return false;
    }

    @Override
    public String replayScope() {
        return "the whole traced forward, as traced code cannot be re-entered half-way";
    }
}
