package io.github.gradcheck.bench;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.GraphChecks;
import io.github.gradcheck.check.HiddenSkip;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.examples.network.Networks;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * Which {@link GraphChecks} mode should be the default: both modes run over graph subjects, right
 * and with injected bugs, at many seeds (each seed draws the weights and the point), and the
 * table counts per mode the runs that failed, the runs whose report named every injected broken
 * op (and nothing else), the runs that named a right op as broken, the false failures of right
 * subjects, the forward and single-op evaluations per check (exact counts) and the wall time per
 * check (noisy: one thread of a shared machine; the modes take turns at every seed, after a warm-up
 * of every case and mode).
 *
 * <p>A broken op counts as named when it is among the report's wrong edges (the statements of
 * {@code whatIsWrong}); the composition error counts as named when the report says the node's
 * gradient is composed wrongly ({@code composedWrongly}) and calls no op broken.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=io.github.gradcheck.bench.GraphChecksMeasurement}
 * (optional argument: the seeds per case, default 100).
 */
public final class GraphChecksMeasurement {

    /** Checks per case and mode run before the measured ones, for the JIT. */
    private static final int WARM_UP = 100;

    private GraphChecksMeasurement() {
    }

    /** A subject drawn from a seed, with the edges whose backward is broken in it. */
    record Drawn(GraphSubject subject, Point point, Set<Edge> broken, List<String> composedWrongly) {
    }

    /** A kind of subject: its name and how a seed draws one. */
    record Case(String name, LongFunction<Drawn> draw) {
    }

    static List<Case> cases() {
        return List.of(
                new Case("MLP, right", seed -> mlp(Networks.Bug.NONE, seed)),
                new Case("MLP, one broken layer (Dense#2 without transpose)",
                        seed -> mlp(Networks.Bug.DENSE_MISSING_TRANSPOSE, seed)),
                new Case("MLP, one broken layer (loss without one-hot)",
                        seed -> mlp(Networks.Bug.SOFTMAX_CE_MISSING_ONE_HOT, seed)),
                new Case("MLP, two broken layers", seed -> mlp(Networks.Bug.TWO_BROKEN_LAYERS, seed)),
                new Case("fan-out graph, right", seed -> fanOut(false, seed)),
                new Case("fan-out graph, one broken contribution", seed -> fanOut(true, seed)),
                new Case("composition error (hidden skip), ops right", GraphChecksMeasurement::hiddenSkip));
    }

    static Drawn mlp(Networks.Bug bug, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<Edge> broken = new LinkedHashSet<>();
        if (bug == Networks.Bug.SOFTMAX_CE_MISSING_ONE_HOT || bug == Networks.Bug.TWO_BROKEN_LAYERS) {
            broken.add(new Edge("Dense#2", "SoftmaxCrossEntropy", 0));
        }
        if (bug == Networks.Bug.DENSE_MISSING_TRANSPOSE || bug == Networks.Bug.TWO_BROKEN_LAYERS) {
            broken.add(new Edge("Tanh", "Dense#2", 0));
        }
        return new Drawn(Networks.network(bug, random.nextLong(), random.nextInt(Networks.CLASSES)),
                Networks.randomPoint(random), broken, List.of());
    }

    /**
     * {@code s = σ(x), p = x·s, q = sin x, f = p + q·s}: x feeds s, p and q, s feeds p and f, so the
     * gradients of x and s are sums the library composes; the bug flips the sign of f's backward
     * with respect to s, one of the two contributions to d(s).
     */
    static Drawn fanOut(boolean bug, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Op sigmoid = Op.of(in -> 1 / (1 + Math.exp(-in.scalar(0))),
                (in, out, g) -> g.asScalar() * out.asScalar() * (1 - out.asScalar()));
        Op times = Op.of(in -> in.scalar(0) * in.scalar(1),
                (in, out, g) -> new double[] {in.scalar(1) * g.asScalar(), in.scalar(0) * g.asScalar()});
        Op sin = Op.of(in -> Math.sin(in.scalar(0)), (in, out, g) -> Math.cos(in.scalar(0)) * g.asScalar());
        Op sumOfPAndQs = Op.of(in -> in.scalar(0) + in.scalar(1) * in.scalar(2),
                (in, out, g) -> new double[] {g.asScalar(), in.scalar(2) * g.asScalar(),
                    (bug ? -1 : 1) * in.scalar(1) * g.asScalar()});
        GraphSubject graph = GraphSubject.builder(bug ? "fan-out graph (f's backward for s flipped)" : "fan-out graph")
                .input("x")
                .op("s", sigmoid, "x")
                .op("p", times, "x", "s")
                .op("q", sin, "x")
                .op("f", sumOfPAndQs, "p", "q", "s")
                .build();
        Set<Edge> broken = bug ? Set.of(new Edge("s", "f", 2)) : Set.of();
        return new Drawn(graph, Point.of("x", random.nextDouble(-3, 3)), broken, List.of());
    }

    static Drawn hiddenSkip(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[3];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        return new Drawn(HiddenSkip.subject(), Point.of("x", x), Set.of(), List.of("x"));
    }

    /** What one mode did over one case's seeds. */
    static final class Tally {
        int runs;
        int failed;
        int inconclusive;
        int allNamed;
        int bugsNamed;
        int bugs;
        int rightOpBlamed;
        long forward;
        long local;
        long nanos;

        void add(Drawn d, GradientReport r) {
            runs++;
            failed += r.verdict() == Verdict.FAIL ? 1 : 0;
            inconclusive += r.verdict() == Verdict.INCONCLUSIVE ? 1 : 0;
            Set<Edge> named = new LinkedHashSet<>();
            for (EdgeReport e : r.blame().wrongEdges()) {
                named.add(e.edge());
            }
            int found = 0;
            for (Edge e : d.broken()) {
                found += named.contains(e) ? 1 : 0;
            }
            boolean composition = !d.composedWrongly().isEmpty();
            if (composition) {
                found += r.composedWrongly().equals(d.composedWrongly()) ? 1 : 0;
            }
            int injected = d.broken().size() + (composition ? 1 : 0);
            bugs += injected;
            bugsNamed += found;
            boolean falselyBlamed = !d.broken().containsAll(named);
            rightOpBlamed += falselyBlamed ? 1 : 0;
            allNamed += injected > 0 && found == injected && !falselyBlamed ? 1 : 0;
            forward += r.forwardEvaluations();
            local += r.localEvaluations();
            nanos += r.wallTime().toNanos();
        }
    }

    /** One case checked in one mode at every seed. */
    record Row(Case c, GraphChecks mode, Tally tally) {
    }

    /**
     * Every case in every mode at {@code seeds} seeds, the modes taking turns at every seed so that
     * the machine's load weighs on each alike; {@code warmUp} checks per case and mode first.
     */
    static List<Row> run(int seeds, int warmUp) {
        for (Case c : cases()) {
            for (GraphChecks mode : GraphChecks.values()) {
                for (long s = 0; s < warmUp; s++) {
                    Drawn d = c.draw().apply(s);
                    new GradientChecker(CheckOptions.defaults().withGraphChecks(mode)).check(d.subject(), d.point());
                }
            }
        }
        List<Row> rows = new java.util.ArrayList<>();
        for (Case c : cases()) {
            java.util.Map<GraphChecks, Tally> tallies = new java.util.EnumMap<>(GraphChecks.class);
            for (int s = 0; s < seeds; s++) {
                Drawn d = c.draw().apply(1_000L + s);
                for (GraphChecks mode : GraphChecks.values()) {
                    GradientChecker checker = new GradientChecker(CheckOptions.defaults().withGraphChecks(mode));
                    tallies.computeIfAbsent(mode, m -> new Tally()).add(d, checker.check(d.subject(), d.point()));
                }
            }
            for (GraphChecks mode : GraphChecks.values()) {
                rows.add(new Row(c, mode, tallies.get(mode)));
            }
        }
        return rows;
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long started = System.nanoTime();
        StringBuilder table = new StringBuilder();
        table.append("| subject | mode | runs | failed | every injected bug named | bugs named / injected")
                .append(" | a right op called broken | inconclusive | forward per check | single-op per check")
                .append(" | ms per check |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : run(seeds, WARM_UP)) {
            Tally t = row.tally();
            boolean right = t.bugs == 0;
            table.append("| ").append(row.c().name()).append(" | ").append(row.mode().label()).append(" | ")
                    .append(t.runs)
                    .append(" | ").append(right ? t.failed + " (false failures)" : String.valueOf(t.failed))
                    .append(" | ").append(right ? "–" : percent(t.allNamed, t.runs))
                    .append(" | ").append(right ? "–" : t.bugsNamed + " / " + t.bugs)
                    .append(" | ").append(t.rightOpBlamed)
                    .append(" | ").append(t.inconclusive)
                    .append(" | ").append(t.forward / t.runs)
                    .append(" | ").append(t.local / t.runs)
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", t.nanos / 1e6 / t.runs)).append(" |\n");
        }
        System.out.printf(Locale.ROOT, "GraphChecks measurement: %d seeds per case and mode, %.0f s%n%n", seeds,
                (System.nanoTime() - started) / 1e9);
        System.out.print(table);
    }

    private static String percent(int k, int n) {
        return String.format(Locale.ROOT, "%d (%.1f%%)", k, 100.0 * k / n);
    }
}
