package io.github.gradcheck.check;

import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.numeric.DifferenceScheme;
import io.github.gradcheck.numeric.Estimate;
import io.github.gradcheck.numeric.RichardsonCentralDifference;
import io.github.gradcheck.numeric.StepSize;
import io.github.gradcheck.subject.EdgeProbes;
import io.github.gradcheck.subject.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * The checking engine. It runs the subject's forward once with every node cached, its
 * claimed backward once per output cotangent, and then measures the true gradient at every
 * node, element by element, by perturbing that node alone and re-evaluating what depends on
 * it. It compares claimed and measured gradients under a {@link TolerancePolicy} and locates
 * the first wrong node ({@link Blame}).
 *
 * <p>Stateless and thread-safe; each {@link #check} is independent. The subject's own state
 * is its own affair: a stateful subject must not be checked from two threads at once.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class GradientChecker {

    private final CheckOptions options;
    private final DifferenceScheme scheme = new RichardsonCentralDifference();

    /** A checker with the given options. */
    public GradientChecker(CheckOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A checker with {@link CheckOptions#defaults()}. */
    public GradientChecker() {
        this(CheckOptions.defaults());
    }

    /** The options this checker runs with. */
    public CheckOptions options() {
        return options;
    }

    /**
     * Checks {@code subject} at {@code point}.
     *
     * @throws SubjectException when the subject's code fails or returns something unusable
     */
    public GradientReport check(Subject subject, Point point) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(point, "point");
        String name = subject.name();
        Counter count = new Counter();

        Trace trace = subject.forward(point);
        count.forward++;
        requireFinite(name, trace);

        List<Value> cotangents = cotangents(trace.output().value());
        List<Gradients> claims = new ArrayList<>();
        for (Value u : cotangents) {
            claims.add(subject.backward(trace, u));
            count.backward++;
        }

        Dependencies deps = new Dependencies(trace, subject.knowsProducers());
        List<NodeCheck> checks = new ArrayList<>();
        for (Node node : trace.backwardOrder()) {
            if (!node.kind().isChecked()) {
                continue;
            }
            checks.add(measureNode(subject, trace, node, cotangents, claims, deps, count));
        }
        List<NodeCheck> withConsumers = new ArrayList<>();
        for (NodeCheck c : checks) {
            withConsumers.add(new NodeCheck(c.name(), c.kind(), c.shape(), c.precision(), deps.consumers(c.name()),
                    c.elements(), c.forwardEvaluations()));
        }
        Blame blame = BlameLocator.locate(withConsumers);
        if (subject instanceof EdgeProbes && !blame.origin().isEmpty()) {
            blame = withEdgeChecks(blame, (EdgeProbes) subject, trace, cotangents, claims, count);
        }
        return new GradientReport(name, point, options, withConsumers, blame, count.forward, count.local,
                count.backward, subject.replayScope());
    }

    private static void requireFinite(String subject, Trace trace) {
        for (Node n : trace.nodes()) {
            int bad = n.value().firstNonFinite();
            if (bad >= 0) {
                String where = n.value().shape().rank() == 0 ? "" : " at element " + n.value().shape().indexOf(bad);
                String role = n.kind() == NodeKind.OUTPUT ? "the output" : n.kind() == NodeKind.INPUT
                        || n.kind() == NodeKind.CONSTANT ? "the input" : "the forward value";
                throw new SubjectException(subject, n.name(), role + " is " + n.value().get(bad) + where
                        + " at the checked point; gradients can only be checked where the function is finite:"
                        + " choose a point inside its domain", null);
            }
        }
    }

    private List<Value> cotangents(Value output) {
        List<Value> us = new ArrayList<>();
        int m = output.size();
        if (m == 1) {
            us.add(Value.of(output.shape(), output.precision(), new double[] {1.0}));
        } else if (options.cotangents() == CotangentMode.FULL_JACOBIAN) {
            for (int k = 0; k < m; k++) {
                double[] e = new double[m];
                e[k] = 1.0;
                us.add(Value.of(output.shape(), output.precision(), e));
            }
        } else {
            SplittableRandom random = new SplittableRandom(options.seed());
            double[] g = new double[m];
            for (int k = 0; k < m; k++) {
                g[k] = random.nextGaussian();
            }
            us.add(Value.of(output.shape(), output.precision(), g));
        }
        return us;
    }

    private NodeCheck measureNode(Subject subject, Trace trace, Node node, List<Value> cotangents,
                                  List<Gradients> claims, Dependencies deps, Counter count) {
        Value base = node.value();
        Precision outPrecision = trace.output().value().precision();
        double typical = base.maxAbs();
        List<ElementCheck> elements = new ArrayList<>();
        int spentBefore = count.forward;
        for (int j = 0; j < base.size(); j++) {
            double x = base.get(j);
            double h = StepSize.choose(x, typical, base.precision(), scheme.order());
            double[] offsets = scheme.offsets(h);
            double[] displacements = new double[offsets.length];
            Value[] outputs = new Value[offsets.length];
            for (int s = 0; s < offsets.length; s++) {
                double moved = StepSize.displaced(x, offsets[s], base.precision());
                displacements[s] = moved - x;
                Trace replay = subject.replay(trace, node.name(), base.with(j, moved));
                count.forward++;
                deps.observe(node.name(), replay);
                outputs[s] = replay.output().value();
                requireFiniteAt(subject.name(), node, j, outputs[s]);
            }
            for (int k = 0; k < cotangents.size(); k++) {
                Value u = cotangents.get(k);
                double analytic = claimed(subject.name(), claims.get(k), node).get(j);
                elements.add(compare(j, base, k, analytic, displacements, outputs, u, outPrecision));
            }
        }
        return new NodeCheck(node.name(), node.kind(), base.shape(), base.precision(), List.of(), elements,
                count.forward - spentBefore);
    }

    private ElementCheck compare(int j, Value base, int k, double analytic, double[] displacements, Value[] outputs,
                                 Value u, Precision outPrecision) {
        double[] samples = new double[outputs.length];
        double magnitude = 0;
        for (int s = 0; s < outputs.length; s++) {
            samples[s] = u.dot(outputs[s]);
            magnitude = Math.max(magnitude, absDot(u, outputs[s]));
        }
        Estimate est = scheme.combine(displacements, samples, outPrecision.epsilon() * magnitude);
        Precision p = outPrecision == Precision.FLOAT || base.precision() == Precision.FLOAT
                ? Precision.FLOAT : Precision.DOUBLE;
        TolerancePolicy policy = options.tolerance();
        double tol = policy.tolerance(analytic, est.value(), est.error(), p);
        Verdict v = policy.verdict(analytic, est.value(), tol, p);
        return new ElementCheck(j, base.shape().indexOf(j), k, analytic, est.value(), est.error(), tol, v);
    }

    private static double absDot(Value u, Value out) {
        double s = 0;
        for (int i = 0; i < out.size(); i++) {
            s += Math.abs(u.get(i) * out.get(i));
        }
        return s;
    }

    private static Value claimed(String subject, Gradients g, Node node) {
        return g.of(node.name()).orElseThrow(() -> new SubjectException(subject, node.name(),
                "the backward claimed no gradient for this node", null));
    }

    private static void requireFiniteAt(String subject, Node node, int j, Value output) {
        int bad = output.firstNonFinite();
        if (bad >= 0) {
            String element = node.value().shape().rank() == 0 ? "" : " element " + node.value().shape().indexOf(j) + " of";
            throw new SubjectException(subject, node.name(), "the output became " + output.get(bad) + " when"
                    + element + " '" + node.name() + "' was perturbed by a small step: the point is at the edge of"
                    + " the function's domain; choose a point further inside it", null);
        }
    }

    private Blame withEdgeChecks(Blame blame, EdgeProbes probes, Trace trace, List<Value> cotangents,
                                 List<Gradients> claims, Counter count) {
        List<String> origins = new ArrayList<>();
        blame.origin().ifPresent(origins::add);
        origins.addAll(blame.otherOrigins());
        List<EdgeCheck> edges = new ArrayList<>();
        for (String origin : origins) {
            for (Map.Entry<Edge, Value> e : claims.get(0).edges().entrySet()) {
                if (e.getKey().producer().equals(origin)) {
                    edges.add(checkEdge(probes, trace, e.getKey(), cotangents, claims, count));
                }
            }
        }
        return new Blame(blame.origin(), blame.otherOrigins(), blame.consequences(), edges);
    }

    private EdgeCheck checkEdge(EdgeProbes probes, Trace trace, Edge edge, List<Value> cotangents,
                                List<Gradients> claims, Counter count) {
        Node producer = trace.node(edge.producer());
        Value base = producer.value();
        Precision outPrecision = trace.node(edge.consumer()).value().precision();
        double typical = base.maxAbs();
        List<ElementCheck> elements = new ArrayList<>();
        for (int j = 0; j < base.size(); j++) {
            double x = base.get(j);
            double h = StepSize.choose(x, typical, base.precision(), scheme.order());
            double[] offsets = scheme.offsets(h);
            double[] displacements = new double[offsets.length];
            Value[] outputs = new Value[offsets.length];
            for (int s = 0; s < offsets.length; s++) {
                double moved = StepSize.displaced(x, offsets[s], base.precision());
                displacements[s] = moved - x;
                outputs[s] = probes.consumerOutput(trace, edge, base.with(j, moved));
                count.local++;
            }
            for (int k = 0; k < cotangents.size(); k++) {
                Gradients g = claims.get(k);
                Value upstream = g.of(edge.consumer()).orElseThrow();
                double analytic = g.of(edge).orElseThrow().get(j);
                elements.add(compare(j, base, k, analytic, displacements, outputs, upstream, outPrecision));
            }
        }
        return new EdgeCheck(edge, probes.describeConsumer(edge.consumer()), elements);
    }
}
