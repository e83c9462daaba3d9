package io.github.gradcheck.subject;

import io.github.gradcheck.internal.subject.ConsumerEvaluator;
import io.github.gradcheck.internal.subject.NamePattern;
import io.github.gradcheck.internal.subject.ReportNotes;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A subject whose backward returns descent directions, −gradient, as many training libraries
 * do (the step {@code w += rate * delta} of stochastic gradient descent, {@code delta = −dE/dw}):
 * gradcheck negates those claims before comparing them with the measured gradient, and every
 * report says so. No {@code * -1} by hand, and no "wrong sign" diagnosis for a convention.
 *
 * <pre>{@code
 * Subject library = DescentDirections.of(Sequential.of("mlp", layers));          // every node
 * Subject weights = DescentDirections.of(Sequential.of("mlp", layers), "*.W", "*.b"); // only these
 * }</pre>
 *
 * <p>The output's claim is the cotangent itself and is never negated, nor, by default, are those
 * of the outputs of a subject with several (their parts of the cotangent). A claim that is the
 * gradient (not its negative) on a node declared a descent direction is then reported with the
 * wrong sign, as it would be for any other sign error.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public class DescentDirections implements Subject, ReportNotes {

    private final Subject subject;
    private final List<String> nodes;

    private DescentDirections(Subject subject, List<String> nodes) {
        this.subject = subject;
        this.nodes = nodes;
    }

    /**
     * {@return the subject with the claims of the named nodes (all but the outputs when none are
     * named) taken as descent directions}
     *
     * @param subject the subject whose backward returns −gradient
     * @param nodes the nodes whose claims are −gradient: names, or patterns with {@code *} (any run
     *     of characters), e.g. {@code "*.W"}; none for every node
     * @throws NullPointerException when the subject or a name is null
     */
    public static Subject of(Subject subject, String... nodes) {
        Objects.requireNonNull(subject, "subject");
        List<String> names = List.of(nodes);
        return subject instanceof ConsumerEvaluator ? new WithConsumers(subject, names)
                : new DescentDirections(subject, names);
    }

    private boolean negates(String node, Trace trace) {
        if (node.equals(trace.output().name())) {
            return false;
        }
        if (nodes.isEmpty()) {
            // several outputs: their parts' claims are their parts of the cotangent, not the backward's
            return !(trace.output().producers().contains(node) && trace.output().name().startsWith("("));
        }
        for (String n : nodes) {
            if (NamePattern.matches(n, node)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return subject.name();
    }

    @Override
    public Trace forward(Point point) {
        return subject.forward(point);
    }

    /** {@return the subject's claims with those of the declared nodes (and the edges into them) negated} */
    @Override
    public Gradients backward(Trace trace, Value cotangent) {
        Gradients claimed = subject.backward(trace, cotangent);
        Map<String, Value> nodeClaims = new LinkedHashMap<>();
        claimed.nodes().forEach((node, g) -> nodeClaims.put(node, negates(node, trace) ? negated(g) : g));
        Map<Edge, Value> edgeClaims = new LinkedHashMap<>();
        claimed.edges().forEach((edge, g) -> edgeClaims.put(edge, negates(edge.producer(), trace) ? negated(g) : g));
        return new Gradients(nodeClaims, edgeClaims);
    }

    private static Value negated(Value g) {
        double[] d = g.toArray();
        for (int i = 0; i < d.length; i++) {
            d[i] = -d[i];
        }
        return Value.of(g.shape(), g.precision(), d);
    }

    @Override
    public Trace replay(Trace trace, String node, Value replacement) {
        return subject.replay(trace, node, replacement);
    }

    @Override
    public Value replayOutput(Trace trace, String node, Value replacement) {
        return subject.replayOutput(trace, node, replacement);
    }

    @Override
    public Optional<Trace> replayHolding(Trace trace, String node, Value replacement, Set<String> held) {
        return subject.replayHolding(trace, node, replacement, held);
    }

    @Override
    public boolean knowsProducers() {
        return subject.knowsProducers();
    }

    @Override
    public boolean isPure() {
        return subject.isPure();
    }

    @Override
    public String replayScope() {
        return subject.replayScope();
    }

    /**
     * Internal, for the engine; not part of the API.
     *
     * <p>{@inheritDoc}
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    @Override
    public List<String> reportNotes() {
        return List.of("'" + name() + "' returns descent directions (-gradient) for "
                + (nodes.isEmpty() ? "every node but the output" : "the nodes " + String.join(", ", nodes))
                + ": its claims were negated before they were compared, so 'analytic' shows -1 × what its backward"
                + " returned");
    }

    /** The same for a subject whose consumers can be evaluated alone, so that its edges are checked too. */
    private static final class WithConsumers extends DescentDirections implements ConsumerEvaluator {

        private final ConsumerEvaluator consumers;

        WithConsumers(Subject subject, List<String> nodes) {
            super(subject, nodes);
            this.consumers = (ConsumerEvaluator) subject;
        }

        @Override
        public Value consumerOutput(Trace trace, Edge edge, Value replacement) {
            return consumers.consumerOutput(trace, edge, replacement);
        }

        @Override
        public String describeConsumer(String consumer) {
            return consumers.describeConsumer(consumer);
        }
    }
}
