package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.examples.network.Networks;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a check holds per output element and per thread is bounded before it is made: a full
 * Jacobian too large for the heap is refused before the first backward with the estimate and the
 * advice, and a parallelism beyond what the machine can use makes no more threads or copies than
 * it has processors. (The heap a check needs for a large input is measured by the heap benchmark,
 * {@code bench.HeapBenchmark}, not here.)
 */
class MemoryBudgetTests {

    @Test
    void aFullJacobianThatCouldNotBeHeldIsRefusedBeforeTheFirstBackward() {
        int n = 20_000;
        AtomicInteger backwards = new AtomicInteger();
        FunctionSubject elementwise = FunctionSubject.of("elementwise square", in -> {
            double[] x = in.vector("x");
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] * x[i];
            }
            return y;
        }, (in, out, g) -> {
            backwards.incrementAndGet();
            double[] x = in.vector("x");
            double[] d = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                d[i] = 2 * x[i] * g.get(i);
            }
            return d;
        });
        double[] x = new double[n];
        java.util.Arrays.fill(x, 0.5);
        long heap = Runtime.getRuntime().maxMemory();
        long needed = (long) n * 2 * n * Double.BYTES;
        org.junit.jupiter.api.Assumptions.assumeTrue(needed > heap / 4, "a heap so large it could hold them");
        Throwable thrown = catchThrowable(() -> GradCheck.check(elementwise, Point.of("x", x),
                CheckOptions.defaults().withCotangents(CotangentMode.FULL_JACOBIAN)));
        assertThat(thrown).isInstanceOfSatisfying(CheckAbortedException.class, e -> {
            assertThat(e.reason()).isEqualTo(CheckAbortedException.Reason.BUDGET);
            assertThat(e.restored()).isTrue();
        });
        assertThat(thrown.getMessage()).startsWith("subject 'elementwise square', node 'output':"
                        + " CotangentMode.FULL_JACOBIAN runs the backward once per output element and keeps what each"
                        + " run claims: 20000 claims of 40000 elements would take 6.0 GiB")
                .contains("use CotangentMode.RANDOM");
        assertThat(backwards.get()).as("backward passes run before the refusal").isZero();
    }

    @Test
    void aFullJacobianThatFitsIsStillChecked() {
        FunctionSubject square = FunctionSubject.of("square", in -> {
            double[] x = in.vector("x");
            return new double[] {x[0] * x[1], x[1] * x[1]};
        }, (in, out, g) -> {
            double[] x = in.vector("x");
            return new double[] {g.get(0) * x[1], g.get(0) * x[0] + 2 * g.get(1) * x[1]};
        });
        GradientReport r = GradCheck.check(square, Point.of("x", new double[] {0.5, -2.0}),
                CheckOptions.defaults().withCotangents(CotangentMode.FULL_JACOBIAN));
        assertThat(r.passed()).isTrue();
        // one backward per output component, one more for reentrancy, and the linearity and rounding runs of
        // the claims (issue 11: two more, and one more per component in FULL_JACOBIAN)
        assertThat(r.backwardEvaluations()).isEqualTo(6);
    }

    @Test
    void aParallelismBeyondTheProcessorsMakesNoMoreCopiesThanThereAreProcessors() {
        AtomicInteger copies = new AtomicInteger();
        CheckOptions options = CheckOptions.defaults().withParallelism(Integer.MAX_VALUE).withSubjectCopies(() -> {
            copies.incrementAndGet();
            return Networks.correct();
        });
        GradientReport r = GradCheck.check(Networks.correct(), Networks.POINT, options);
        assertThat(r.passed()).isTrue();
        assertThat(copies.get()).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
        GradientReport pure = GradCheck.check(RobustnessTests.net(new RobustnessTests.Hooked(7)), RobustnessTests.X,
                CheckOptions.defaults().withParallelism(Integer.MAX_VALUE));
        assertThat(pure.passed()).isTrue();
    }
}
