package io.github.gradcheck.bench;

import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.GraphChecks;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The timed half of the cost benchmark; {@link CostBenchmarks} runs it and turns the scores into
 * ratios. One fork, two warm-up and three measured iterations of 2 s each per method.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class CostBenchmark {

    /** The dense layer, and how many forward evaluations its full check spends. */
    @State(Scope.Benchmark)
    public static class Dense {
        FunctionSubject subject;
        Point point;
        int evaluations;

        @Setup(Level.Trial)
        public void setUp() {
            subject = CostBenchSubjects.dense().pure();
            point = CostBenchSubjects.densePoint();
            evaluations = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FULL))
                    .check(subject, point).forwardEvaluations();
        }
    }

    /** The full check of the dense layer (10⁴ weights, 100 biases), one thread. */
    @Benchmark
    public GradientReport denseFullCheck(Dense d) {
        return new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FULL)).check(d.subject, d.point);
    }

    /** As many plain forward evaluations of the dense layer as its full check spends. */
    @Benchmark
    public void denseRawForwards(Dense d, Blackhole bh) {
        for (int i = 0; i < d.evaluations; i++) {
            Trace t = d.subject.forward(d.point);
            bh.consume(t);
        }
    }

    /** The full check of the dense layer on two threads (the subject is pure). */
    @Benchmark
    public GradientReport denseFullCheckTwoThreads(Dense d) {
        return new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FULL).withParallelism(2))
                .check(d.subject, d.point);
    }

    /** The 10-layer stack as a graph and as traced code. */
    @State(Scope.Benchmark)
    public static class Stack {
        Subject graph;
        Subject traced;
        Point point;

        @Setup(Level.Trial)
        public void setUp() {
            graph = CostBenchSubjects.stackGraph();
            traced = CostBenchSubjects.stackTraced();
            point = CostBenchSubjects.stackPoint();
        }
    }

    /**
     * Every node of the stack, each perturbation replaying only the nodes downstream: the end-to-end
     * table alone, as traced code is checked (the local checks of every op are not a replay).
     */
    @Benchmark
    public GradientReport stackDownstreamReplay(Stack s) {
        return new GradientChecker(END_TO_END).check(s.graph, s.point);
    }

    /** The end-to-end table alone, for the graph of the stack. */
    static final CheckOptions END_TO_END = CheckOptions.defaults().withGraphChecks(GraphChecks.END_TO_END);

    /** Every node of the stack, each perturbation replaying the whole forward. */
    @Benchmark
    public GradientReport stackWholeForwardReplay(Stack s) {
        return new GradientChecker().check(s.traced, s.point);
    }
}
