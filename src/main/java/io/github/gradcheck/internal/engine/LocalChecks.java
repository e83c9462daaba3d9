package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.internal.execution.Watchdog;
import io.github.gradcheck.internal.subject.ConsumerEvaluator;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The local checks of a graph whose backward the library composes: one op's backward with respect
 * to one argument at a time, the op evaluated alone ({@link ConsumerEvaluator#consumerOutput}) with
 * its other arguments as the forward recorded them, against the contribution the composed backward
 * recorded on that edge, contracted with the upstream gradient the composed backward handed the
 * op. A local backward is linear in its upstream gradient, so each check stands on its own: every
 * broken op is found in one run, whatever the ops after it do. Each element goes through the same
 * measurement as a node's ({@link ProbeComparison}: the claim's measured rounding, the
 * confirmation before a WRONG, inconclusive with a reason).
 */
final class LocalChecks {

    private final CheckOptions options;
    private final Trace trace;
    private final Claims claims;
    private final ConsumerEvaluator consumers;
    private final Runnable beforeEvaluation;
    private final Runnable counted;
    private final Watchdog watchdog;

    /**
     * @param trace the graph's forward at the checked point
     * @param claims what the graph's composed backward claimed, with its edges
     * @param consumers the graph (guarded calls are made through {@code beforeEvaluation})
     * @param beforeEvaluation runs before every evaluation of the user's code (watchdog, reset hook)
     * @param counted runs after every single-op evaluation (the check's count)
     */
    LocalChecks(CheckOptions options, Trace trace, Claims claims, ConsumerEvaluator consumers,
                Runnable beforeEvaluation, Runnable counted, Watchdog watchdog) {
        this.options = options;
        this.trace = trace;
        this.claims = claims;
        this.consumers = consumers;
        this.beforeEvaluation = beforeEvaluation;
        this.counted = counted;
        this.watchdog = watchdog;
    }

    /** Every edge of the composed backward: the ops from the output back, each op's arguments in order. */
    List<Edge> edges() {
        return new ArrayList<>(claims.gradients().get(0).edges().keySet());
    }

    /**
     * Checks every op's backward with respect to every argument, in {@link #edges()} order, but those
     * into nodes declared to deviate on purpose and into nodes that are not checked: in full mode at
     * every element of the argument, otherwise at the elements the node table compared of it (if
     * {@code nodes} has it) or at a seeded sample of them.
     *
     * @param mode the resolved mode of the check
     * @param nodes the node table measured before (empty when it is not measured)
     */
    List<EdgeReport> everyOp(CheckMode mode, List<NodeReport> nodes) {
        List<EdgeReport> out = new ArrayList<>();
        for (Edge e : edges()) {
            String producer = e.producer();
            if (!trace.node(producer).kind().isChecked() || options.deviationAt(producer).isPresent()) {
                continue;
            }
            int[] elements = elements(producer, mode, nodes);
            if (elements.length > 0) {
                out.add(check(e, elements));
            }
        }
        return out;
    }

    private int[] elements(String producer, CheckMode mode, List<NodeReport> nodes) {
        int n = trace.node(producer).value().size();
        if (mode == CheckMode.FULL || n <= options.sampleSize() + options.directions()) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        Optional<NodeReport> measured = nodes.stream().filter(r -> r.name().equals(producer)).findFirst();
        if (measured.isPresent() && !measured.get().elements().isEmpty()) {
            return measured.get().elements().stream().mapToInt(ElementComparison::index).distinct().sorted().toArray();
        }
        return sample(n, options.sampleSize(), producer);
    }

    /** {@code k} distinct elements of {@code n}, drawn from the seed and the node (Floyd's method), ascending. */
    private int[] sample(int n, int k, String node) {
        SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + node.hashCode());
        Set<Integer> chosen = new HashSet<>();
        for (int j = n - k; j < n; j++) {
            int t = random.nextInt(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The edge's claimed contribution against its consumer alone, contracted with the consumer's claimed gradient. */
    EdgeReport check(Edge edge, int[] compared) {
        watchdog.doing("checking the backward of " + consumers.describeConsumer(edge.consumer())
                + " with respect to argument " + edge.argument() + " ('" + edge.producer() + "')");
        Value base = trace.node(edge.producer()).value();
        Value consumerOut = trace.node(edge.consumer()).value();
        Judge judge = new Judge(options.tolerance(), analyticPrecision(base.precision(), consumerOut.precision()),
                Math.max(consumerOut.precision().epsilon(), options.nondeterminismTolerance()), 0);
        List<Value> upstream = new ArrayList<>();
        for (Gradients g : claims.gradients()) {
            upstream.add(g.of(edge.consumer()).orElseThrow());
        }
        int[] spent = {0};
        UnaryOperator<Value> evaluate = replacement -> {
            beforeEvaluation.run();
            Value v = consumers.consumerOutput(trace, edge, replacement);
            counted.run();
            spent[0]++;
            return v;
        };
        double typical = base.maxAbs();
        Value[] claimed = claims.of(edge);
        double[] typicalClaim = new double[claimed.length];
        for (int k = 0; k < claimed.length; k++) {
            typicalClaim[k] = Claims.typical(claimed[k]);
        }
        List<ElementComparison> elements = new ArrayList<>();
        PendingElementFailures pending = new PendingElementFailures(new KeptSamples());
        for (int j : compared) {
            double[] analytic = new double[claimed.length];
            for (int k = 0; k < claimed.length; k++) {
                analytic[k] = claimed[k].get(j);
            }
            ElementProbe probe = new ElementProbe(base, j, evaluate, upstream, consumerOut);
            String position = base.shape().indexOf(j);
            double[] terms = claims.terms(edge, j, judge.precision().epsilon());
            for (int k = 0; k < terms.length; k++) {
                terms[k] = Math.max(terms[k], typicalClaim[k]);
            }
            Claim claim = new Claim(analytic, terms);
            for (ProbeComparison.Outcome o : ProbeComparison.confirmLater(probe,
                    new Coordinate(base.get(j), typical, base.precision()), claim, judge)) {
                ElementComparison e = o.perUnit(claims.unit(o.cotangent())).at(j, position);
                elements.add(e);
                o.pending().ifPresent(p -> pending.add(e, p));
            }
        }
        // as a node's: one confirmed element proves the op's backward wrong
        pending.confirmWorstFirst((j, p) -> ProbeComparison.confirmPending(
                new ElementProbe(base, j, evaluate, upstream, consumerOut),
                new Coordinate(base.get(j), typical, base.precision()), p, judge).stream()
                .map(o -> o.perUnit(claims.unit(o.cotangent())).at(j, base.shape().indexOf(j))).toList(),
                confirmed -> elements.replaceAll(e -> e.index() == confirmed.index()
                        && e.cotangent() == confirmed.cotangent() ? confirmed : e));
        return new EdgeReport(edge, consumers.describeConsumer(edge.consumer()), base.shape(), elements,
                spent[0]);
    }

    /** The precision a claimed gradient is computed in: float where the node or the output is float. */
    private static Precision analyticPrecision(Precision node, Precision output) {
        return node == Precision.FLOAT || output == Precision.FLOAT ? Precision.FLOAT : Precision.DOUBLE;
    }
}
