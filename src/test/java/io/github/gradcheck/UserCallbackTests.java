package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every callback of the user's ends in a {@link SubjectException} naming the subject, the node
 * where there is one, the callback and what to do, with the user's throwable as the cause: the
 * reset hook, the supplier of copies, a layer's {@code parameters()} and {@code name()},
 * {@link Error}s and checked exceptions thrown sneakily, and a hand-written {@link Subject} that
 * throws or returns null or values of the wrong shape. Fault injection at every call shows that
 * parameters stay bit-identical whatever is thrown.
 */
class UserCallbackTests {

    /** Throws {@code t}, checked or not, from code that declares nothing. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    static final Point X = RobustnessTests.X;

    /** y = s·x with one parameter s. */
    static class Scale implements Layer<double[], double[]> {
        final double[] s = {1.5};
        double[] ds = {0};
        double[] x;

        @Override
        public double[] forward(double[] input) {
            x = input.clone();
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = s[0] * x[i];
            }
            return y;
        }

        @Override
        public double[] backward(double[] g) {
            double[] dx = new double[g.length];
            ds = new double[] {0};
            for (int i = 0; i < g.length; i++) {
                dx[i] = s[0] * g[i];
                ds[0] += x[i] * g[i];
            }
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.of("s", s, () -> ds));
        }
    }

    static Subject net() {
        return RobustnessTests.net(new RobustnessTests.Hooked(7));
    }

    /** What the check threw; fails unless it is a SubjectException whose root cause is {@code cause}. */
    static SubjectException thrownWithCause(Runnable check, Throwable cause) {
        Throwable thrown = catchThrowable(check::run);
        assertThat(thrown).isInstanceOf(SubjectException.class).hasRootCause(cause);
        return (SubjectException) thrown;
    }

    @Nested
    class Hooks {

        @Test
        void aThrowingResetHookNamesTheHookAndKeepsTheCause() {
            IllegalStateException boom = new IllegalStateException("rng closed");
            for (Duration limit : new Duration[] {Duration.ZERO, Duration.ofMinutes(1)}) {
                CheckOptions options = CheckOptions.defaults().withTimeLimit(limit).withReset(() -> {
                    throw boom;
                });
                SubjectException e = thrownWithCause(() -> GradCheck.check(net(), X, options), boom);
                assertThat(e.getMessage()).startsWith("subject 'net': the reset hook (CheckOptions.withReset) threw"
                        + " java.lang.IllegalStateException: rng closed while running the forward at the checked"
                        + " point (attached as the cause)");
            }
        }

        @Test
        void aCheckedExceptionThrownSneakilyByTheResetHookIsASubjectExceptionNotAnIllegalStateException() {
            IOException io = new IOException("seed file gone");
            for (Duration limit : new Duration[] {Duration.ZERO, Duration.ofMinutes(1)}) {
                CheckOptions options = CheckOptions.defaults().withTimeLimit(limit).withReset(() -> {
                    throw sneaky(io);
                });
                SubjectException e = thrownWithCause(() -> GradCheck.check(net(), X, options), io);
                assertThat(e.getMessage()).contains("the reset hook (CheckOptions.withReset) threw java.io.IOException:"
                        + " seed file gone");
            }
        }

        @Test
        void aThrowingSupplierOfCopiesNamesTheOption() {
            assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "copies are made for parallel probes only");
            IllegalArgumentException bad = new IllegalArgumentException("no weights");
            IOException io = new IOException("weights file gone");
            for (RuntimeException thrown : new RuntimeException[] {bad, null}) {
                CheckOptions options = CheckOptions.defaults().withParallelism(2).withSubjectCopies(() -> {
                    throw thrown != null ? thrown : sneaky(io);
                });
                Subject pure = Sequential.of("net", new RobustnessTests.Hooked(7), new RobustnessTests.Sum());
                SubjectException e = thrownWithCause(() -> GradCheck.check(pure, X, options),
                        thrown != null ? thrown : io);
                assertThat(e.getMessage()).startsWith("subject 'net': the supplier of subject copies"
                        + " (CheckOptions.withSubjectCopies) threw");
            }
        }

        @Test
        void aLayerWhoseParametersThrowIsNamed() {
            IllegalStateException boom = new IllegalStateException("not built yet");
            Layer<double[], double[]> unbuilt = new Scale() {
                @Override
                public List<Parameter> parameters() {
                    throw boom;
                }

                @Override
                public String name() {
                    return "scale";
                }
            };
            SubjectException e = thrownWithCause(() -> Sequential.of("net", unbuilt, new RobustnessTests.Sum()), boom);
            assertThat(e.getMessage()).startsWith("subject 'net', node 'scale': parameters() of layer 'scale'")
                    .contains("threw java.lang.IllegalStateException: not built yet (attached as the cause)");
        }

        @Test
        void aLayerWhoseNameThrowsIsNamedByItsPositionAndClass() {
            IllegalStateException boom = new IllegalStateException("no name yet");
            Layer<double[], double[]> nameless = new Scale() {
                @Override
                public String name() {
                    throw boom;
                }
            };
            SubjectException e = thrownWithCause(() -> Sequential.of("net", new RobustnessTests.Sum(), nameless), boom);
            assertThat(e.getMessage()).startsWith("subject 'net': name() of layer 2 (a UserCallbackTests$Hooks$")
                    .contains("threw java.lang.IllegalStateException: no name yet");
        }
    }

    @Nested
    class ErrorsAndCheckedExceptions {

        /** x², whose forward throws {@code t} at its {@code at}-th call. */
        FunctionSubject throwingAt(int at, Throwable t) {
            AtomicInteger calls = new AtomicInteger();
            return FunctionSubject.of("square", in -> {
                if (calls.incrementAndGet() == at) {
                    throw sneaky(t);
                }
                return in.scalar("x") * in.scalar("x");
            }, (in, out, g) -> 2 * in.scalar("x") * g.asScalar());
        }

        @Test
        void anErrorFromTheForwardIsASubjectExceptionWithItAsTheCause() {
            for (int at : new int[] {1, 2, 3, 7}) {
                Error boom = new Error("boom");
                SubjectException e = thrownWithCause(() -> GradCheck.check(throwingAt(at, boom), Point.of("x", 0.7)),
                        boom);
                assertThat(e.getMessage()).as("call %d", at)
                        .startsWith("subject 'square', node 'output': the forward threw java.lang.Error: boom");
            }
        }

        @Test
        void aCheckedExceptionThrownSneakilyIsNamedAsItIs() {
            IOException io = new IOException("disk full");
            SubjectException e = thrownWithCause(() -> GradCheck.check(throwingAt(4, io), Point.of("x", 0.7)), io);
            assertThat(e.getMessage()).contains("the forward threw java.io.IOException: disk full");
        }

        @Test
        void anErrorFromTracedCodeOrALayerIsASubjectExceptionToo() {
            Error traced = new Error("traced boom");
            Subject t = TracedSubject.of("traced", tape -> {
                throw traced;
            }, tape -> { });
            assertThat(thrownWithCause(() -> GradCheck.check(t, Point.of("x", 1.0)), traced).getMessage())
                    .startsWith("subject 'traced': the forward threw java.lang.Error: traced boom");
            RobustnessTests.Hooked h = new RobustnessTests.Hooked(7);
            long[] before = h.bits();
            Error layer = new Error("layer boom");
            h.onCall = c -> {
                if (c == RobustnessTests.A_REPLAY) {
                    throw layer;
                }
            };
            assertThat(thrownWithCause(() -> GradCheck.check(RobustnessTests.net(h), X), layer).getMessage())
                    .startsWith("subject 'net', node 'hooked").contains("threw java.lang.Error: layer boom");
            assertThat(h.bits()).isEqualTo(before);
        }
    }

    @Nested
    class FaultInjection {

        /** Every call into the layer's code, and the reset hook before every evaluation, throws in turn. */
        @Test
        void whateverIsThrownAtWhicheverCallTheParametersStayBitIdenticalAndTheCauseIsKept() {
            int calls = RobustnessTests.callsOfOneCheck();
            List<IntFunction<Throwable>> kinds = List.of(k -> new Error("error at call " + k),
                    k -> new IOException("checked at call " + k), k -> new StackOverflowError("deep at call " + k),
                    k -> new AssertionError("assertion at call " + k));
            for (IntFunction<Throwable> kind : kinds) {
                for (int k = 1; k <= calls; k++) {
                    RobustnessTests.Hooked h = new RobustnessTests.Hooked(7);
                    long[] before = h.bits();
                    int failAt = k;
                    Throwable injected = kind.apply(k);
                    h.onCall = c -> {
                        if (c == failAt) {
                            throw sneaky(injected);
                        }
                    };
                    SubjectException e = thrownWithCause(() -> GradCheck.check(RobustnessTests.net(h), X), injected);
                    assertThat(e.getMessage()).as("%s", injected).contains("subject 'net', node 'hooked");
                    assertThat(h.bits()).as("parameters after %s", injected).isEqualTo(before);
                }
            }
        }

        @Test
        void aResetHookFailingBeforeAnyEvaluationLeavesTheParametersBitIdentical() {
            AtomicInteger counting = new AtomicInteger();
            GradCheck.check(net(), X, CheckOptions.defaults().withReset(counting::incrementAndGet));
            int evaluations = counting.get();
            assertThat(evaluations).isGreaterThan(20);
            for (int k = 1; k <= evaluations; k++) {
                RobustnessTests.Hooked h = new RobustnessTests.Hooked(7);
                long[] before = h.bits();
                AtomicInteger resets = new AtomicInteger();
                int failAt = k;
                IllegalStateException boom = new IllegalStateException("reset " + k);
                CheckOptions options = CheckOptions.defaults().withReset(() -> {
                    if (resets.incrementAndGet() == failAt) {
                        throw boom;
                    }
                });
                SubjectException e = thrownWithCause(() -> GradCheck.check(RobustnessTests.net(h), X, options), boom);
                assertThat(e.getMessage()).contains("the reset hook (CheckOptions.withReset) threw");
                assertThat(h.bits()).as("parameters after the reset hook failed at evaluation %d", k)
                        .isEqualTo(before);
            }
        }
    }

    /** A hand-written subject: f(x) = Σ x², whose calls can be made to misbehave one at a time. */
    static final class HandWritten implements Subject {
        Function<Trace, Trace> forward = t -> t;
        Function<Gradients, Gradients> backward = g -> g;
        Function<Trace, Trace> replay = t -> t;
        Function<Value, Value> replayOutput = v -> v;
        String name = "hand-written";
        boolean producers = true;

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean knowsProducers() {
            return producers;
        }

        private static Trace at(Point point) {
            Value x = point.get("x");
            double s = 0;
            for (int i = 0; i < x.size(); i++) {
                s += x.get(i) * x.get(i);
            }
            return new Trace(List.of(Node.of("x", NodeKind.INPUT, x),
                    new Node("f", NodeKind.OUTPUT, Value.scalar(s), List.of("x"))), "f");
        }

        @Override
        public Trace forward(Point point) {
            return forward.apply(at(point));
        }

        @Override
        public Gradients backward(Trace trace, Value cotangent) {
            Value x = trace.node("x").value();
            double[] d = new double[x.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = 2 * x.get(i) * cotangent.get(0);
            }
            return backward.apply(new Gradients(Map.of("x", Value.vector(d), "f", cotangent), Map.of()));
        }

        @Override
        public Trace replay(Trace trace, String node, Value replacement) {
            if (node.equals("f")) {
                return replay.apply(new Trace(List.of(trace.node("x"),
                        new Node("f", NodeKind.OUTPUT, replacement, List.of("x"))), "f"));
            }
            return replay.apply(at(Point.of("x", replacement)));
        }

        @Override
        public Value replayOutput(Trace trace, String node, Value replacement) {
            return replayOutput.apply(replay(trace, node, replacement).output().value());
        }
    }

    @Nested
    class HandWrittenSubjects {

        final Point point = Point.of("x", new double[] {0.5, -1.5});

        Throwable checked(HandWritten s) {
            return catchThrowable(() -> GradCheck.check(s, point));
        }

        @Test
        void theCorrectOneIsChecked() {
            assertThat(GradCheck.check(new HandWritten(), point).passed()).isTrue();
        }

        @Test
        void nullFromForwardBackwardOrReplayIsASubjectExceptionNamingTheCall() {
            List<String> messages = new ArrayList<>();
            HandWritten s = new HandWritten();
            s.forward = t -> null;
            messages.add(checked(s).getMessage());
            s = new HandWritten();
            s.backward = g -> null;
            messages.add(checked(s).getMessage());
            s = new HandWritten();
            s.replayOutput = v -> null;
            messages.add(checked(s).getMessage());
            assertThat(messages).containsExactly(
                    "subject 'hand-written': forward(point) of the subject (a HandWritten) returned null; it must"
                            + " return the trace of every node (inputs, intermediates, output) (see the Subject SPI)",
                    "subject 'hand-written': backward(trace, cotangent) of the subject (a HandWritten) returned null;"
                            + " it must return the claimed gradient of every node (Gradients) (see the Subject SPI)",
                    "subject 'hand-written', node 'x': replayOutput(trace, node, replacement) of the subject (a"
                            + " HandWritten) returned null; it must return the output of the forward re-run with 'x'"
                            + " perturbed (see the Subject SPI)");
        }

        @Test
        void whatItThrowsIsASubjectExceptionWithTheCause() {
            IllegalStateException boom = new IllegalStateException("cache cold");
            HandWritten s = new HandWritten();
            s.replayOutput = v -> {
                throw boom;
            };
            Throwable thrown = checked(s);
            assertThat(thrown).isInstanceOf(SubjectException.class).hasRootCause(boom)
                    .hasMessageStartingWith("subject 'hand-written', node 'x': replayOutput(trace, node, replacement)"
                            + " of the subject (a HandWritten) threw java.lang.IllegalStateException: cache cold");
            Error error = new Error("boom");
            s.replayOutput = v -> {
                throw error;
            };
            assertThat(checked(s)).isInstanceOf(SubjectException.class).hasRootCause(error);
        }

        @Test
        void aGradientOrAnOutputOfTheWrongShapeIsNamed() {
            HandWritten s = new HandWritten();
            s.backward = g -> new Gradients(Map.of("x", Value.vector(1, 2, 3), "f", Value.scalar(1)), Map.of());
            assertThat(checked(s)).isInstanceOf(SubjectException.class).hasMessage("subject 'hand-written', node 'x':"
                    + " backward(trace, cotangent) of the subject (a HandWritten) claimed a gradient of shape [3] for"
                    + " node 'x', whose value has shape [2]; a node's gradient has the node's shape");
            s = new HandWritten();
            s.replayOutput = v -> Value.vector(v.get(0), v.get(0));
            assertThat(checked(s)).isInstanceOf(SubjectException.class)
                    .hasMessageContaining("returned an output of shape [2] with 'x' perturbed, but the output has"
                            + " shape scalar at the point");
        }

        @Test
        void aReplayThatRecordsOtherNodesIsNamed() {
            HandWritten s = new HandWritten();
            s.producers = false; // the engine then reads the replays' traces
            s.replay = t -> new Trace(List.of(t.node("f"), t.node("x")), "f");
            assertThat(checked(s)).isInstanceOf(SubjectException.class).hasMessage("subject 'hand-written', node 'x':"
                    + " replay(trace, node, replacement) of the subject (a HandWritten) returned a trace of nodes"
                    + " [f, x] with 'x' perturbed, but the forward recorded [x, f]; a replay must record the nodes of"
                    + " the trace it replays, in its order");
        }

        @Test
        void aNameThatIsNullIsTheClassName() {
            HandWritten s = new HandWritten();
            s.name = null;
            assertThat(GradCheck.check(s, point).subject()).isEqualTo("HandWritten");
            s.forward = t -> null;
            assertThat(checked(s)).hasMessageStartingWith("subject 'HandWritten': forward(point)");
        }
    }
}
