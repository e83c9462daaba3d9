package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.failureMessages;
import static io.github.gradcheck.junit.GradientCheckTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.examples.network.Dense;
import io.github.gradcheck.examples.network.Tanh;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Sequential;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Tests that build their layers around the same {@code static final} weights, run in JUnit's
 * concurrent mode: every check takes its turn on the shared arrays, so that none sees another's
 * perturbed weights, every test passes, and the weights are bit-identical afterwards. The
 * concurrent mode is set on the test kit only, so that the project's own suite settings do not
 * change.
 */
class SharedWeightsInParallelTests {

    @TempDir
    Path output;

    static final Map<String, String> CONCURRENT = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "8");

    @Test
    void testsSharingStaticWeightsInConcurrentModeAllPassAndLeaveTheWeightsBitIdentical() {
        long[] before = SharedWeightsTestCases.bits();
        EngineExecutionResults results = run(output, CONCURRENT, SharedWeightsTestCases.class);
        assertThat(failureMessages(results)).as("failures").isEmpty();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(SharedWeightsTestCases.METHODS);
        assertThat(SharedWeightsTestCases.bits()).as("the shared static weights").isEqualTo(before);
    }

    @Test
    void aCheckThatMeetsAnotherOnTheSameArrayWaitsItsTurnAndSaysSoNamingTheArrayAndBothSubjects()
            throws Exception {
        double[][] w = {{0.2, -0.5, 0.1}, {-0.3, 0.8, 0.4}};
        double[] b = {0.1, -0.2};
        CountDownLatch inForward = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Layer<double[], double[]> holding = new Layer<>() {
            final Dense dense = new Dense(w, b);

            @Override
            public double[] forward(double[] x) throws Exception {
                inForward.countDown();
                release.await(30, TimeUnit.SECONDS);
                return dense.forward(x);
            }

            @Override
            public double[] backward(double[] g) {
                return dense.backward(g);
            }

            @Override
            public java.util.List<io.github.gradcheck.subject.Parameter> parameters() {
                return dense.parameters();
            }

            @Override
            public String name() {
                return "Dense";
            }
        };
        Point x = Point.of("x", new double[] {0.5, -1.0, 2.0});
        Thread first = new Thread(() -> Sequential.of("first", holding, new Tanh()).forward(x), "first checker");
        first.start();
        assertThat(inForward.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicReference<GradientReport> second = new AtomicReference<>();
        Thread other = new Thread(() -> second.set(GradCheck.check(Sequential.of("second", new Dense(w, b),
                new Tanh()), x)));
        other.start();
        Thread.sleep(100);
        release.countDown();
        first.join(TimeUnit.SECONDS.toMillis(30));
        other.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(second.get().passed()).isTrue();
        assertThat(second.get().notes()).anySatisfy(note -> assertThat(note)
                .contains("of subject 'first', checked at the same time on thread \"first checker\": the two checks"
                        + " took turns")
                .containsPattern("(The array|Row \\d) of parameter 'Dense\\.(W|b)'"));
    }

    @Test
    void aCheckInterruptedWhileItWaitsForItsTurnEndsInCheckAbortedExceptionNamingTheArrayAndTheOtherSubject()
            throws Exception {
        double[][] w = {{0.2, -0.5, 0.1}, {-0.3, 0.8, 0.4}};
        double[] b = {0.1, -0.2};
        CountDownLatch inForward = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Dense dense = new Dense(w, b);
        Layer<double[], double[]> holding = new Layer<>() {
            @Override
            public double[] forward(double[] x) throws Exception {
                inForward.countDown();
                release.await(30, TimeUnit.SECONDS);
                return dense.forward(x);
            }

            @Override
            public double[] backward(double[] g) {
                return dense.backward(g);
            }

            @Override
            public java.util.List<io.github.gradcheck.subject.Parameter> parameters() {
                return dense.parameters();
            }
        };
        Point x = Point.of("x", new double[] {0.5, -1.0, 2.0});
        Thread first = new Thread(() -> Sequential.of("first", holding, new Tanh()).forward(x), "first checker");
        first.start();
        assertThat(inForward.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread waiting = new Thread(() -> {
            try {
                GradCheck.check(Sequential.of("second", new Dense(w, b), new Tanh()), x);
            } catch (Throwable t) {
                thrown.set(t);
            }
            flag.set(Thread.currentThread().isInterrupted());
        });
        waiting.start();
        Thread.sleep(100);
        waiting.interrupt();
        waiting.join(TimeUnit.SECONDS.toMillis(30));
        release.countDown();
        first.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(thrown.get()).isInstanceOfSatisfying(io.github.gradcheck.check.CheckAbortedException.class,
                e -> assertThat(e.reason()).isEqualTo(io.github.gradcheck.check.CheckAbortedException.Reason.INTERRUPTED));
        assertThat(thrown.get().getMessage()).startsWith("subject 'second'")
                .contains("the thread running the check was interrupted while running the forward at the checked point");
        assertThat(thrown.get().getCause()).hasMessageContaining("interrupted while it waited for its turn on")
                .hasMessageContaining("of subject 'first', being checked at the same time on thread \"first checker\"");
        assertThat(flag.get()).as("interrupt flag set again").isTrue();
        assertThat(w).isDeepEqualTo(new double[][] {{0.2, -0.5, 0.1}, {-0.3, 0.8, 0.4}});
    }

    /** Twenty tests over the same static weights, as a user writes them (the pattern the docs warn about). */
    @ExtendWith(OnlyUnderTestKit.class)
    static class SharedWeightsTestCases {
        static final int METHODS = 20;
        static final double[][] W = {{0.2, -0.5, 0.1, 0.7}, {-0.3, 0.8, 0.4, -0.1}, {0.6, 0.1, -0.7, 0.3}};
        static final double[] B = {0.1, -0.2, 0.05};

        static long[] bits() {
            return java.util.stream.Stream.concat(Arrays.stream(W).flatMapToDouble(Arrays::stream).boxed(),
                    Arrays.stream(B).boxed()).mapToLong(Double::doubleToRawLongBits).toArray();
        }

        static void declare(CheckSpec check, int k) {
            check.subject(Sequential.of("dense+tanh " + k, new Dense(W, B), new Tanh()))
                 .input("x", Domain.uniform(-2, 2).vector(4));
        }

        @GradientCheck(tries = 10, seed = 1)
        void t01(CheckSpec c) {
            declare(c, 1);
        }

        @GradientCheck(tries = 10, seed = 2)
        void t02(CheckSpec c) {
            declare(c, 2);
        }

        @GradientCheck(tries = 10, seed = 3)
        void t03(CheckSpec c) {
            declare(c, 3);
        }

        @GradientCheck(tries = 10, seed = 4)
        void t04(CheckSpec c) {
            declare(c, 4);
        }

        @GradientCheck(tries = 10, seed = 5)
        void t05(CheckSpec c) {
            declare(c, 5);
        }

        @GradientCheck(tries = 10, seed = 6)
        void t06(CheckSpec c) {
            declare(c, 6);
        }

        @GradientCheck(tries = 10, seed = 7)
        void t07(CheckSpec c) {
            declare(c, 7);
        }

        @GradientCheck(tries = 10, seed = 8)
        void t08(CheckSpec c) {
            declare(c, 8);
        }

        @GradientCheck(tries = 10, seed = 9)
        void t09(CheckSpec c) {
            declare(c, 9);
        }

        @GradientCheck(tries = 10, seed = 10)
        void t10(CheckSpec c) {
            declare(c, 10);
        }

        @GradientCheck(tries = 10, seed = 11)
        void t11(CheckSpec c) {
            declare(c, 11);
        }

        @GradientCheck(tries = 10, seed = 12)
        void t12(CheckSpec c) {
            declare(c, 12);
        }

        @GradientCheck(tries = 10, seed = 13)
        void t13(CheckSpec c) {
            declare(c, 13);
        }

        @GradientCheck(tries = 10, seed = 14)
        void t14(CheckSpec c) {
            declare(c, 14);
        }

        @GradientCheck(tries = 10, seed = 15)
        void t15(CheckSpec c) {
            declare(c, 15);
        }

        @GradientCheck(tries = 10, seed = 16)
        void t16(CheckSpec c) {
            declare(c, 16);
        }

        @GradientCheck(tries = 10, seed = 17)
        void t17(CheckSpec c) {
            declare(c, 17);
        }

        @GradientCheck(tries = 10, seed = 18)
        void t18(CheckSpec c) {
            declare(c, 18);
        }

        @GradientCheck(tries = 10, seed = 19)
        void t19(CheckSpec c) {
            declare(c, 19);
        }

        @GradientCheck(tries = 10, seed = 20)
        void t20(CheckSpec c) {
            declare(c, 20);
        }
    }
}
