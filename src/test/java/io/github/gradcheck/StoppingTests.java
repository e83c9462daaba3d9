package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.internal.execution.Watchdog;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a check is stopped ends in a {@link CheckAbortedException}: an interrupt under a time
 * limit (the check then runs on a worker thread of its own), an interrupt while probes run on
 * several threads, and time limits of any size, which never overflow. The check never returns or
 * throws while a thread of its own may still run the user's code.
 */
class StoppingTests {

    @AfterEach
    void clearTheInterruptFlag() {
        Thread.interrupted();
    }

    /** x·x summed, which interrupts the thread it runs on at its {@code at}-th call. */
    static FunctionSubject interruptingItself(String name, int at, AtomicInteger calls) {
        return FunctionSubject.of(name, in -> {
            if (calls.incrementAndGet() == at) {
                Thread.currentThread().interrupt();
            }
            return Arrays.stream(in.vector("x")).map(v -> v * v).sum();
        }, (in, out, g) -> Arrays.stream(in.vector("x")).map(v -> 2 * v * g.asScalar()).toArray());
    }

    static final Point X = Point.of("x", new double[] {0.5, -1.5, 2.0, 0.25});

    @Test
    void aForwardThatInterruptsItsOwnThreadUnderATimeLimitIsACheckAbortedExceptionNotAnInternalOne() {
        CheckOptions limited = CheckOptions.defaults().withTimeLimit(Duration.ofMinutes(1));
        Throwable thrown = catchThrowable(() -> GradCheck.check(interruptingItself("self", 5, new AtomicInteger()),
                X, limited));
        assertThat(thrown).isInstanceOfSatisfying(CheckAbortedException.class, e -> {
            assertThat(e.reason()).isEqualTo(CheckAbortedException.Reason.INTERRUPTED);
            assertThat(e.restored()).isTrue();
            assertThat(e.getMessage()).startsWith("subject 'self'")
                    .contains("your code interrupted the thread running the check")
                    .contains("must not interrupt the thread it runs on");
        });
        assertThat(Thread.currentThread().isInterrupted())
                .as("the caller was not interrupted: the worker was, by the code under check").isFalse();
    }

    @Test
    void aForwardThatInterruptsItsOwnThreadWhileProbesRunInParallelIsACheckAbortedException() {
        for (Duration limit : new Duration[] {Duration.ZERO, Duration.ofMinutes(1)}) {
            CheckOptions parallel = CheckOptions.defaults().withMode(CheckMode.FULL).withParallelism(4)
                    .withTimeLimit(limit);
            Throwable thrown = catchThrowable(() -> GradCheck.check(
                    interruptingItself("parallel", 9, new AtomicInteger()).pure(), X, parallel));
            Thread.interrupted();
            assertThat(thrown).as("time limit %s", limit).isInstanceOfSatisfying(CheckAbortedException.class,
                    e -> assertThat(e.reason()).isEqualTo(CheckAbortedException.Reason.INTERRUPTED));
            assertThat(thrown.getMessage()).startsWith("subject 'parallel'").contains("interrupted")
                    .doesNotContain("IllegalStateException");
        }
    }

    @Test
    void anInterruptOfTheCallerWhileHelpersMeasureWaitsForEveryHelperBeforeItThrows() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "probes run on helper threads only with 2 cores");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger runningWhenThrown = new AtomicInteger(-1);
        CountDownLatch busy = new CountDownLatch(1);
        FunctionSubject slow = FunctionSubject.of("slow", in -> {
            running.incrementAndGet();
            try {
                if (Thread.currentThread().getName().startsWith("gradcheck-probe")) {
                    busy.countDown(); // a helper thread measures: the parallel part of the check has begun
                }
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // ignores interrupts for a while, as real numerical code does
                }
                return Arrays.stream(in.vector("x")).sum();
            } finally {
                running.decrementAndGet();
            }
        }, (in, out, g) -> new double[] {g.asScalar(), g.asScalar(), g.asScalar(), g.asScalar()}).pure();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                GradCheck.check(slow, X, CheckOptions.defaults().withMode(CheckMode.FULL).withParallelism(4));
            } catch (Throwable t) {
                runningWhenThrown.set(running.get());
                thrown.set(t);
            }
        });
        caller.start();
        assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50);
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(thrown.get()).isInstanceOfSatisfying(CheckAbortedException.class, e -> {
            assertThat(e.reason()).isEqualTo(CheckAbortedException.Reason.INTERRUPTED);
            assertThat(e.restored()).isTrue();
        });
        assertThat(runningWhenThrown.get()).as("calls of the user's code still running when the check threw")
                .isZero();
    }

    @Test
    void timeLimitsOfAnySizeAreAcceptedAndNeverOverflow() {
        for (Duration limit : new Duration[] {Duration.ofDays(365L * 300), Duration.ofSeconds(Long.MAX_VALUE),
                Duration.ofMillis(Long.MAX_VALUE), Duration.ofNanos(Long.MAX_VALUE)}) {
            CheckOptions options = CheckOptions.defaults().withTimeLimit(limit);
            GradientReport report = GradCheck.check(RobustnessTests.net(new RobustnessTests.Hooked(7)),
                    RobustnessTests.X, options);
            assertThat(report.passed()).as("limit %s", limit).isTrue();
        }
    }

    @Test
    void afterAHugeTimeLimitTheParametersAreNeverSeenPerturbed() throws Exception {
        RobustnessTests.Hooked layer = new RobustnessTests.Hooked(7);
        long[] before = layer.bits();
        GradCheck.check(RobustnessTests.net(layer), RobustnessTests.X,
                CheckOptions.defaults().withTimeLimit(Duration.ofDays(365L * 300)));
        for (int sample = 0; sample < 400; sample++) {
            assertThat(layer.bits()).as("sample %d taken after the check returned", sample).isEqualTo(before);
            Thread.sleep(0, 50_000);
        }
    }

    @Test
    void theWatchdogSaturatesDurationsAndDescribesThemAll() {
        assertThat(Watchdog.saturatedNanos(Duration.ofDays(365L * 300))).isEqualTo(Long.MAX_VALUE);
        assertThat(Watchdog.saturatedNanos(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))).isEqualTo(Long.MAX_VALUE);
        assertThat(Watchdog.saturatedNanos(Duration.ofMillis(250))).isEqualTo(250_000_000L);
        assertThat(Watchdog.describe(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Watchdog.describe(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Watchdog.describe(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE + " s");
    }
}
