package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.input.InputSpace;
import io.github.gradcheck.input.SeedSequence;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * Time limits, interrupts, budgets, faults at every call into the user's code, and
 * reproducibility: whatever happens, parameters are bit-identical afterwards and the message
 * says what happened.
 */
class RobustnessTests {

    static final Point X = Point.of("x", new double[] {0.3, -0.7, 1.1});

    /**
     * y = tanh(W x + b), with a hook run on every call into its code (forward, backward and
     * the parameter gradient suppliers), numbered from 1.
     */
    static final class Hooked implements Layer<double[], double[]> {
        final double[][] w;
        final double[] b;
        double[][] dw;
        double[] db;
        double[] x;
        double[] y;
        int calls;
        IntConsumer onCall = k -> { };

        Hooked(long seed) {
            Random r = new Random(seed);
            w = new double[2][3];
            b = new double[2];
            for (double[] row : w) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = r.nextGaussian();
                }
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextGaussian();
            }
        }

        private void call() {
            onCall.accept(++calls);
        }

        @Override
        public double[] forward(double[] input) {
            call();
            x = input.clone();
            y = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                double s = b[i];
                for (int j = 0; j < x.length; j++) {
                    s += w[i][j] * x[j];
                }
                y[i] = Math.tanh(s);
            }
            return y.clone();
        }

        @Override
        public double[] backward(double[] dy) {
            call();
            dw = new double[w.length][x.length];
            db = new double[w.length];
            double[] dx = new double[x.length];
            for (int i = 0; i < w.length; i++) {
                double ds = dy[i] * (1 - y[i] * y[i]);
                db[i] = ds;
                for (int j = 0; j < x.length; j++) {
                    dw[i][j] = ds * x[j];
                    dx[j] += w[i][j] * ds;
                }
            }
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.of("W", w, () -> {
                call();
                return dw;
            }), Parameter.of("b", b, () -> {
                call();
                return db;
            }));
        }

        @Override
        public String name() {
            return "hooked";
        }

        long[] bits() {
            return java.util.stream.Stream.concat(Arrays.stream(w).flatMapToDouble(Arrays::stream).boxed(),
                    Arrays.stream(b).boxed()).mapToLong(Double::doubleToRawLongBits).toArray();
        }
    }

    static final class Sum implements Layer<double[], Double> {
        int n;

        @Override
        public Double forward(double[] x) {
            n = x.length;
            return Arrays.stream(x).sum();
        }

        @Override
        public double[] backward(Double g) {
            double[] d = new double[n];
            Arrays.fill(d, g);
            return d;
        }
    }

    static GraphSubject net(Hooked layer) {
        return Sequential.of("net", layer, new Sum());
    }

    /** The number of calls into the hooked layer's code that one check makes, and at which calls W is perturbed. */
    static int callsOfOneCheck() {
        Hooked h = new Hooked(7);
        assertThat(GradCheck.check(net(h), X).passed()).isTrue();
        return h.calls;
    }

    // ---- faults everywhere ------------------------------------------------------------------

    @Test
    void aFaultAtEveryCallIntoTheUsersCodeLeavesEveryParameterBitIdenticalAndKeepsTheCause() {
        int calls = callsOfOneCheck();
        assertThat(calls).as("forward, determinism re-runs, backward, gradient suppliers, replays").isGreaterThan(40);
        for (int k = 1; k <= calls; k++) {
            Hooked h = new Hooked(7);
            long[] before = h.bits();
            int failAt = k;
            IllegalStateException injected = new IllegalStateException("injected at call " + k);
            h.onCall = c -> {
                if (c == failAt) {
                    throw injected;
                }
            };
            Throwable thrown = catchThrowableOfType(SubjectException.class, () -> GradCheck.check(net(h), X));
            assertThat(thrown).as("call %d", k).isNotNull();
            assertThat(thrown.getMessage()).as("call %d", k).contains("subject 'net', node 'hooked");
            assertThat(thrown).as("call %d", k).hasRootCause(injected);
            assertThat(h.bits()).as("parameters after a fault at call %d of %d", k, calls).isEqualTo(before);
        }
    }

    // ---- time limits ------------------------------------------------------------------------

    /**
     * The first call at which the check measures a perturbed parameter of the hooked layer (after the
     * point's forward and backward passes), found by watching a check: the call at which its arrays first
     * differ from their values at the point.
     */
    static final int A_REPLAY = firstCallWithAPerturbedParameter();

    private static int firstCallWithAPerturbedParameter() {
        Hooked h = new Hooked(7);
        long[] before = h.bits();
        int[] first = {0};
        h.onCall = c -> {
            if (first[0] == 0 && !Arrays.equals(h.bits(), before)) {
                first[0] = c;
            }
        };
        GradCheck.check(net(h), X);
        return first[0];
    }

    @Test
    void aForwardThatSpinsUntilInterruptedEndsAtTheTimeLimitWithParametersRestored() {
        Hooked h = new Hooked(7);
        long[] before = h.bits();
        h.onCall = c -> {
            if (c == A_REPLAY) {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
            }
        };
        GradientChecker limited = new GradientChecker(CheckOptions.defaults().withTimeLimit(Duration.ofMillis(200)));
        CheckAbortedException e = catchThrowableOfType(CheckAbortedException.class, () -> limited.check(net(h), X));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(CheckAbortedException.Reason.TIME_LIMIT);
        assertThat(e.restored()).isTrue();
        assertThat(e.getMessage()).startsWith("subject 'net', node '")
                .contains("the check exceeded its time limit of 200 ms while measuring node '")
                .contains("everything the check perturbed is restored")
                .contains("CheckOptions.withTimeLimit");
        assertThat(h.bits()).isEqualTo(before);
    }

    @Test
    void aForwardThatSleepsEndsAtTheTimeLimitWithParametersRestored() {
        Hooked h = new Hooked(7);
        long[] before = h.bits();
        h.onCall = c -> {
            if (c == A_REPLAY) {
                try {
                    Thread.sleep(TimeUnit.MINUTES.toMillis(10));
                } catch (InterruptedException e) {
                    throw new IllegalStateException("woken", e);
                }
            }
        };
        GradientChecker limited = new GradientChecker(CheckOptions.defaults().withTimeLimit(Duration.ofMillis(200)));
        assertThatThrownBy(() -> limited.check(net(h), X))
                .isInstanceOf(CheckAbortedException.class)
                .hasMessageContaining("time limit of 200 ms");
        assertThat(h.bits()).isEqualTo(before);
    }

    @Test
    void aForwardThatIgnoresInterruptsIsNamedAndItsParameterIsRestoredWhenItReturns() throws Exception {
        Hooked h = new Hooked(7);
        long[] before = h.bits();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        h.onCall = c -> {
            if (c == A_REPLAY) {
                while (release.getCount() > 0) {
                    Thread.interrupted(); // swallows every interrupt, as runaway code does
                    Thread.onSpinWait();
                }
                returned.countDown();
            }
        };
        GradientChecker limited = new GradientChecker(CheckOptions.defaults().withTimeLimit(Duration.ofMillis(200)));
        CheckAbortedException e = catchThrowableOfType(CheckAbortedException.class, () -> limited.check(net(h), X));
        assertThat(e).isNotNull();
        assertThat(e.restored()).isFalse();
        assertThat(e.getMessage()).contains("did not stop within 2 s of being interrupted and is still running")
                .contains("the array of parameter 'hooked.");
        release.countDown();
        assertThat(returned.await(30, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Arrays.equals(h.bits(), before) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(h.bits()).as("restored once the runaway code returned").isEqualTo(before);
    }

    // ---- interrupts -------------------------------------------------------------------------

    @Test
    void anInterruptStopsTheCheckRestoresParametersAndKeepsTheFlag() {
        Hooked h = new Hooked(7);
        long[] before = h.bits();
        h.onCall = c -> {
            if (c == A_REPLAY) {
                Thread.currentThread().interrupt(); // as if another thread interrupted the checking thread
            }
        };
        try {
            CheckAbortedException e = catchThrowableOfType(CheckAbortedException.class,
                    () -> GradCheck.check(net(h), X));
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag preserved").isTrue();
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(CheckAbortedException.Reason.INTERRUPTED);
            assertThat(e.getMessage()).contains("the thread running the check was interrupted while measuring node '")
                    .contains("the interrupt flag is set again");
        } finally {
            Thread.interrupted();
        }
        assertThat(h.bits()).isEqualTo(before);
        assertThat(h.calls).as("stopped at the next evaluation").isLessThan(callsOfOneCheck());
    }

    @Test
    void anInterruptFromAnotherThreadStopsACheckWithATimeLimit() throws Exception {
        Hooked h = new Hooked(7);
        long[] before = h.bits();
        CountDownLatch blocked = new CountDownLatch(1);
        h.onCall = c -> {
            if (c == A_REPLAY) {
                blocked.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException("woken", e);
                }
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                new GradientChecker(CheckOptions.defaults().withTimeLimit(Duration.ofMinutes(5))).check(net(h), X);
            } catch (Throwable t) {
                thrown.set(t);
            }
            flag.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(thrown.get()).isInstanceOf(CheckAbortedException.class)
                .hasMessageContaining("the thread running the check was interrupted");
        assertThat(((CheckAbortedException) thrown.get()).restored()).isTrue();
        assertThat(flag.get()).isTrue();
        assertThat(h.bits()).isEqualTo(before);
    }

    // ---- budget -----------------------------------------------------------------------------

    @Test
    void aFullCheckBeyondTheBudgetIsRefusedWithTheEstimateAndTheAdvice() {
        FunctionSubject sum = FunctionSubject.of("big sum", in -> Arrays.stream(in.vector("x")).sum(),
                (in, out, g) -> {
                    double[] d = new double[in.vector("x").length];
                    Arrays.fill(d, g.asScalar());
                    return d;
                });
        Point big = Point.of("x", new double[200_000]);
        GradientChecker full = new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FULL));
        assertThatThrownBy(() -> full.check(sum, big))
                .isInstanceOf(CheckAbortedException.class)
                .hasMessageContaining("subject 'big sum': a full check of its 200001 elements would cost at least"
                        + " 1200006 forward evaluations")
                .hasMessageContaining("more than the budget of 1000000")
                .hasMessageContaining("CheckMode.FAST");
        Point small = Point.of("x", new double[300]);
        assertThatThrownBy(() -> new GradientChecker(CheckOptions.defaults().withMode(CheckMode.FULL).withBudget(100))
                .check(sum, small)).isInstanceOf(CheckAbortedException.class)
                .hasMessageContaining("more than the budget of 100");
    }

    // ---- reproducibility --------------------------------------------------------------------

    @Test
    void theSameSeedGivesTheSamePointsVerdictsAndReportsOnAnyThreadInAnyOrder() throws Exception {
        InputSpace space = InputSpace.builder().input("x", Domain.uniform(-2, 2).vector(3)).build();
        int n = 12;
        List<String> sequential = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sequential.add(checkedAt(space, 4242, i));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(9));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i : order) {
                futures.add(pool.submit(() -> checkedAt(space, 4242, i)));
            }
            for (int j = 0; j < n; j++) {
                assertThat(futures.get(j).get(60, TimeUnit.SECONDS)).isEqualTo(sequential.get(order.get(j)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(checkedAt(space, 4243, 0)).as("another seed, another point").isNotEqualTo(sequential.get(0));
    }

    /** The point, the verdict and the text report of try {@code i} of a run with master seed {@code seed}. */
    private static String checkedAt(InputSpace space, long seed, int i) {
        SeedSequence seeds = SeedSequence.of(seed);
        Point p = space.point(i, seeds.pointRandom(i));
        Hooked h = new Hooked(7);
        GradientReport r = new GradientChecker(CheckOptions.defaults().withSeed(seeds.checkSeed(i)))
                .check(Sequential.of("layer", h), p);
        return p + "\n" + r.verdict() + "\n" + TextReport.render(r);
    }
}
