package io.github.gradcheck.bench.dl4j;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.GraphChecks;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Sequential;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The full gradient check of one 11-layer MLP (10,506 parameters, batch 8, double precision) by
 * DeepLearning4J's {@code GradientCheckUtil} and by gradcheck, on one thread each, side by side
 * (BENCHMARKS.md, "Full check against DeepLearning4J"). Run by the {@code dl4j-benchmark} profile:
 *
 * <pre>
 * mvn -q -Pdl4j-benchmark test-compile exec:exec
 * </pre>
 *
 * The network: 20 inputs, ten hidden {@code DenseLayer}s of 32 units (tanh and relu in turn), and an
 * {@code OutputLayer} of 10 units with identity activation and the mean squared error. gradcheck
 * checks the same network, with DeepLearning4J's initial parameters copied into it, as a
 * {@link Sequential} of hand-written layers ({@link MlpLayers}); the two scores and the two analytic
 * gradients are compared first, so that both sides check the same function. Optional arguments: the
 * number of timed runs per side (default 3) and of warm-up runs (default 1).
 */
public final class Dl4jComparison {

    static final int BATCH = 8;
    static final int INPUTS = 20;
    static final int HIDDEN = 32;
    static final int HIDDEN_LAYERS = 10;
    static final int OUTPUTS = 10;
    /** DeepLearning4J's usual gradient-check settings (its own tests use these). */
    static final double EPSILON = 1e-6;
    static final double MAX_REL_ERROR = 1e-3;
    static final double MIN_ABS_ERROR = 1e-8;

    private Dl4jComparison() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        SplittableRandom random = new SplittableRandom(14);
        double[][] x = gaussian(random, BATCH, INPUTS);
        double[][] labels = gaussian(random, BATCH, OUTPUTS);

        MultiLayerNetwork net = dl4jNetwork();
        INDArray input = Nd4j.create(x);
        INDArray labelArray = Nd4j.create(labels);
        Network ours = copyOf(net, labels);
        Point point = Point.builder().constant(Sequential.INPUT, x).build();
        sameFunction(net, input, labelArray, ours, point);

        System.out.printf(Locale.ROOT, "ND4J %s, %d thread(s) (OMP_NUM_THREADS=%s); %d parameters, batch %d, %d layers;"
                        + " %d warm-up and %d timed runs per side%n",
                Nd4j.getBackend().getClass().getSimpleName(), Nd4j.getEnvironment().maxThreads(),
                System.getenv("OMP_NUM_THREADS"), net.numParams(), BATCH, HIDDEN_LAYERS + 1, warmups, runs);

        List<Row> rows = new ArrayList<>();
        rows.add(measure("DeepLearning4J GradientCheckUtil", warmups, runs, () -> dl4jCheck(net, input, labelArray)));
        for (GraphChecks checks : GraphChecks.values()) {
            CheckOptions options = CheckOptions.defaults().withMode(CheckMode.FULL).withParallelism(1)
                    .withGraphChecks(checks);
            boolean byDefault = checks == CheckOptions.defaults().graphChecks();
            String which = checks.label() + (byDefault ? " (the default for graphs)" : "");
            rows.add(measure("gradcheck FULL, " + which, warmups, runs,
                    () -> gradcheckCheck(ours.subject(), point, options)));
        }
        print(rows, net.numParams());
    }

    // ---- the network, twice ----------------------------------------------------------------

    static MultiLayerNetwork dl4jNetwork() {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(12345)
                // the score summed over the minibatch, as the gradient is: with miniBatch(true) the score is
                // averaged and the gradient not (the updater divides it), and the check would compare the two
                .miniBatch(false)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .list();
        for (int k = 0; k < HIDDEN_LAYERS; k++) {
            list.layer(new DenseLayer.Builder().nIn(k == 0 ? INPUTS : HIDDEN).nOut(HIDDEN)
                    .activation(k % 2 == 0 ? Activation.TANH : Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(HIDDEN).nOut(OUTPUTS)
                .activation(Activation.IDENTITY).build());
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // DeepLearning4J initializes biases to 0; small random ones make every relu unit's kink farther away
        SplittableRandom r = new SplittableRandom(15);
        for (int k = 0; k <= HIDDEN_LAYERS; k++) {
            INDArray bias = net.getParam(k + "_b");
            for (long j = 0; j < bias.length(); j++) {
                bias.putScalar(j, 0.1 * r.nextGaussian());
            }
        }
        return net;
    }

    /** The gradcheck side: DeepLearning4J's parameter values, copied into hand-written layers. */
    record Network(GraphSubject subject, List<Layer<?, ?>> layers) {
    }

    static Network copyOf(MultiLayerNetwork net, double[][] labels) {
        List<Layer<?, ?>> layers = new ArrayList<>();
        for (int k = 0; k < HIDDEN_LAYERS; k++) {
            layers.add(new MlpLayers.Dense("dense" + (k + 1), net.getParam(k + "_W").toDoubleMatrix(),
                    net.getParam(k + "_b").toDoubleVector(),
                    k % 2 == 0 ? MlpLayers.Activation.TANH : MlpLayers.Activation.RELU));
        }
        layers.add(new MlpLayers.MseOutput(net.getParam(HIDDEN_LAYERS + "_W").toDoubleMatrix(),
                net.getParam(HIDDEN_LAYERS + "_b").toDoubleVector(), labels));
        return new Network(Sequential.of("11-layer MLP", layers), layers);
    }

    /** Fails unless both networks compute the same score and the same analytic gradient at the point. */
    static void sameFunction(MultiLayerNetwork net, INDArray input, INDArray labels, Network ours, Point point) {
        net.setInput(input);
        net.setLabels(labels);
        net.computeGradientAndScore();
        double theirs = net.score();
        double mine = ours.subject().forward(point).output().value().asScalar();
        if (Math.abs(theirs - mine) > 1e-12 * Math.abs(theirs)) {
            throw new IllegalStateException("the two networks differ: DeepLearning4J's score " + theirs
                    + ", gradcheck's subject's " + mine);
        }
        var gradients = ours.subject().backward(ours.subject().forward(point),
                io.github.gradcheck.model.Value.scalar(1));
        double worst = 0;
        for (int k = 0; k <= HIDDEN_LAYERS; k++) {
            String layer = k < HIDDEN_LAYERS ? "dense" + (k + 1) : "output";
            double[][] dw = gradients.of(layer + ".W").orElseThrow().asMatrix();
            double[] db = gradients.of(layer + ".b").orElseThrow().asVector();
            double[][] theirW = net.gradient().getGradientFor(k + "_W").toDoubleMatrix();
            double[] theirB = net.gradient().getGradientFor(k + "_b").toDoubleVector();
            for (int i = 0; i < dw.length; i++) {
                for (int j = 0; j < dw[i].length; j++) {
                    worst = Math.max(worst, Math.abs(dw[i][j] - theirW[i][j]));
                }
            }
            for (int j = 0; j < db.length; j++) {
                worst = Math.max(worst, Math.abs(db[j] - theirB[j]));
            }
        }
        if (worst > 1e-12) {
            throw new IllegalStateException("the analytic gradients differ by up to " + worst);
        }
        System.out.printf(Locale.ROOT, "same network: score %.15g on both sides; analytic gradients agree to %.1e%n",
                theirs, worst);
    }

    // ---- the two checks ----------------------------------------------------------------------

    /** What one check spent: its verdict and its forward evaluations. */
    record Outcome(String verdict, long forwardEvaluations, long localEvaluations, long layerForwards) {
    }

    static Outcome dl4jCheck(MultiLayerNetwork net, INDArray input, INDArray labels) {
        AtomicLong scores = new AtomicLong();
        MlpLayers.resetCount();
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                .labels(labels).epsilon(EPSILON).maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false)
                .callEachIter(n -> scores.incrementAndGet()));
        // callEachIter runs before the first forward and backward and before every score: each a full forward
        long forwards = scores.get();
        return new Outcome(ok ? "pass" : "FAIL", forwards, 0, forwards * (HIDDEN_LAYERS + 1));
    }

    static Outcome gradcheckCheck(GraphSubject subject, Point point, CheckOptions options) {
        MlpLayers.resetCount();
        GradientReport report = GradCheck.check(subject, point, options);
        return new Outcome(report.verdict().toString(), report.forwardEvaluations(), report.localEvaluations(),
                MlpLayers.layerForwards());
    }

    // ---- timing and the table ------------------------------------------------------------------

    interface Check {
        Outcome run();
    }

    /**
     * One side's runs: wall times, and the CPU time of the thread that checks (each check runs on
     * the calling thread: ND4J with one OpenMP thread, gradcheck with parallelism 1), which a
     * machine shared with other work disturbs far less.
     */
    record Row(String what, Outcome outcome, long[] millis, long[] cpuMillis) {
        long median() {
            return median(millis);
        }

        long cpuMedian() {
            return median(cpuMillis);
        }

        private static long median(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }

    static Row measure(String what, int warmups, int runs, Check check) {
        for (int i = 0; i < warmups; i++) {
            check.run();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] millis = new long[runs];
        long[] cpu = new long[runs];
        Outcome outcome = null;
        for (int i = 0; i < runs; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            outcome = check.run();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        }
        System.out.printf(Locale.ROOT, "%s: %s, wall %s ms, CPU %s ms%n", what, outcome.verdict(),
                Arrays.toString(millis), Arrays.toString(cpu));
        return new Row(what, outcome, millis, cpu);
    }

    static void print(List<Row> rows, long parameters) {
        Row dl4j = rows.get(0);
        System.out.println();
        System.out.println("| check | verdict | wall time, median (runs) | CPU time of the checking thread, median"
                + " | ratio to DeepLearning4J, wall / CPU | forward evaluations (+ single-layer) | per parameter"
                + " | layer forwards | ≤ 0.1× |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            Outcome o = row.outcome();
            double ratio = (double) row.median() / dl4j.median();
            double cpuRatio = (double) row.cpuMedian() / dl4j.cpuMedian();
            System.out.printf(Locale.ROOT, "| %s | %s | %d ms (%s) | %d ms | %.3f / %.3f | %d%s | %.2f | %d | %s |%n",
                    row.what(), o.verdict(), row.median(), joined(row.millis()), row.cpuMedian(), ratio, cpuRatio,
                    o.forwardEvaluations(), o.localEvaluations() > 0 ? " (+ " + o.localEvaluations() + ")" : "",
                    (double) (o.forwardEvaluations() + o.localEvaluations()) / parameters, o.layerForwards(),
                    row == dl4j ? "–" : Math.max(ratio, cpuRatio) <= 0.1 ? "yes" : "**no**");
        }
    }

    private static String joined(long[] millis) {
        StringBuilder s = new StringBuilder();
        for (long m : millis) {
            s.append(s.length() == 0 ? "" : ", ").append(m);
        }
        return s.toString();
    }

    private static double[][] gaussian(SplittableRandom r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return m;
    }
}
