package io.github.gradcheck.internal.execution;

import io.github.gradcheck.internal.subject.GradientView;
import io.github.gradcheck.internal.subject.GradientViews;
import io.github.gradcheck.internal.subject.ViewedBackward;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.Subject;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * A subject as the engine calls it: every call into the subject's own code is guarded, so that
 * whatever it throws (an exception, an {@link Error}, a checked exception thrown sneakily) and
 * whatever unusable thing it returns (null, a trace of other nodes, a gradient or an output of
 * another shape) ends the check with a {@link SubjectException} that names the subject, the node
 * where there is one, the call and what to do, the user's throwable as its cause. The subjects
 * gradcheck builds guard themselves; this guard is what keeps a hand-written {@link Subject} (the
 * SPI) from reaching the engine with a bare JDK exception. Only the JVM's own failures
 * ({@link OutOfMemoryError} and the like) pass through unchanged.
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class GuardedSubject implements Subject {

    private final Subject subject;
    private final String name;
    private final String implementation;

    /**
     * Guards {@code subject}; its name is read once, here.
     *
     * @param subject the subject to guard; a guarded one is not guarded twice
     */
    public GuardedSubject(Subject subject) {
        this.subject = unwrapped(subject);
        this.implementation = describe(this.subject.getClass());
        this.name = nameOf(this.subject);
    }

    /**
     * {@return the subject itself, without the guard}
     *
     * @param subject a subject, guarded or not
     */
    public static Subject unwrapped(Subject subject) {
        return subject instanceof GuardedSubject g ? g.subject : subject;
    }

    /**
     * {@return the name of {@code subject} as messages give it}: what its {@link Subject#name()}
     * returns, or, when that is null, blank or throws, the name of its class
     *
     * @param subject any subject
     */
    public static String nameOf(Subject subject) {
        if (subject instanceof GuardedSubject g) {
            return g.name;
        }
        String cls = describe(subject.getClass());
        String n;
        try {
            n = subject.name();
        } catch (RuntimeException | Error e) {
            if (fatal(e)) {
                throw e;
            }
            throw new SubjectException(cls, null, "name() of the subject (a " + cls + ") threw "
                    + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " (attached as the cause); name() must return the subject's name at any time", e);
        }
        return n == null || n.isBlank() ? cls : n;
    }

    /** A class as messages name it: its simple name, or for an anonymous class the name Java gives it. */
    static String describe(Class<?> c) {
        String simple = c.getSimpleName();
        if (!simple.isEmpty() && !c.isSynthetic()) {
            return simple;
        }
        String full = c.getName();
        int dot = full.lastIndexOf('.');
        String tail = full.substring(dot + 1);
        int slash = tail.indexOf('/');
        return slash < 0 ? tail : tail.substring(0, slash);
    }

    /** The JVM's own failures, which no message of ours can explain: they pass through. */
    static boolean fatal(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }

    /** {@return the guarded subject's name, never null or blank} */
    @Override
    public String name() {
        return name;
    }

    @Override
    public Trace forward(Point point) {
        Trace t = call(null, "forward(point)", () -> subject.forward(point));
        if (t == null) {
            throw returnedNull(null, "forward(point)", "the trace of every node (inputs, intermediates, output)");
        }
        return t;
    }

    @Override
    public Gradients backward(Trace trace, Value cotangent) {
        Gradients g = call(null, "backward(trace, cotangent)", () -> subject.backward(trace, cotangent));
        if (g == null) {
            throw returnedNull(null, "backward(trace, cotangent)", "the claimed gradient of every node (Gradients)");
        }
        for (Node n : trace.nodes()) {
            Value claimed = g.nodes().get(n.name());
            if (claimed != null) {
                requireNodeShape(n, claimed.shape());
            }
        }
        return g;
    }

    private void requireNodeShape(Node n, Shape claimed) {
        if (!claimed.equals(n.value().shape())) {
            throw new SubjectException(name, n.name(), "backward(trace, cotangent) of the subject (a "
                    + implementation + ") claimed a gradient of shape " + claimed + " for node '"
                    + n.name() + "', whose value has shape " + n.value().shape() + "; a node's gradient has the"
                    + " node's shape");
        }
    }

    /**
     * The backward's claims viewed where they lie ({@link ViewedBackward}), for a backward run only
     * to be compared with claims already kept: read at once, keep nothing. A subject that cannot
     * hand out views gives its {@link #backward} claims, viewed.
     *
     * @param trace the trace of the forward at the checked point
     * @param cotangent the output's cotangent
     * @return the claimed gradients, with this guard's checks of {@link #backward}
     */
    public GradientViews backwardViewed(Trace trace, Value cotangent) {
        if (!(subject instanceof ViewedBackward viewed)) {
            return GradientViews.of(backward(trace, cotangent));
        }
        GradientViews g = call(null, "backward(trace, cotangent)", () -> viewed.backwardViewed(trace, cotangent));
        if (g == null) {
            throw returnedNull(null, "backward(trace, cotangent)", "the claimed gradient of every node (Gradients)");
        }
        for (Node n : trace.nodes()) {
            GradientView claimed = g.nodes().get(n.name());
            if (claimed != null) {
                requireNodeShape(n, claimed.shape());
            }
        }
        return g;
    }

    @Override
    public Trace replay(Trace trace, String node, Value replacement) {
        Trace t = call(node, "replay(trace, node, replacement)", () -> subject.replay(trace, node, replacement));
        return requireSameNodes(trace, t, node, "replay(trace, node, replacement)");
    }

    @Override
    public Value replayOutput(Trace trace, String node, Value replacement) {
        Value out = call(node, "replayOutput(trace, node, replacement)",
                () -> subject.replayOutput(trace, node, replacement));
        String what = "replayOutput(trace, node, replacement)";
        if (out == null) {
            throw returnedNull(node, what, "the output of the forward re-run with '" + node + "' perturbed");
        }
        Value before = trace.output().value();
        if (!out.shape().equals(before.shape())) {
            throw new SubjectException(name, node, what + " of the subject (a " + implementation + ") returned an"
                    + " output of shape " + out.shape() + " with '" + node + "' perturbed, but the output has shape "
                    + before.shape() + " at the point; a replay must compute the output of the same shape");
        }
        return out;
    }

    @Override
    public Optional<Trace> replayHolding(Trace trace, String node, Value replacement, Set<String> held) {
        String what = "replayHolding(trace, node, replacement, held)";
        Optional<Trace> t = call(node, what, () -> subject.replayHolding(trace, node, replacement, held));
        if (t == null) {
            throw returnedNull(node, what, "Optional.empty() when it cannot hold nodes, or the replay's trace");
        }
        return t.map(replayed -> requireSameNodes(trace, replayed, node, what));
    }

    @Override
    public boolean knowsProducers() {
        return call(null, "knowsProducers()", subject::knowsProducers);
    }

    @Override
    public boolean isPure() {
        return call(null, "isPure()", subject::isPure);
    }

    @Override
    public String replayScope() {
        String scope = call(null, "replayScope()", subject::replayScope);
        return scope == null || scope.isBlank() ? "the whole forward pass" : scope;
    }

    private Trace requireSameNodes(Trace expected, Trace actual, String node, String what) {
        if (actual == null) {
            throw returnedNull(node, what, "the trace of the forward re-run with '" + node + "' perturbed");
        }
        if (!actual.names().equals(expected.names())) {
            throw new SubjectException(name, node, what + " of the subject (a " + implementation + ") returned a"
                    + " trace of nodes " + actual.names() + " with '" + node + "' perturbed, but the forward recorded "
                    + expected.names() + "; a replay must record the nodes of the trace it replays, in its order");
        }
        for (Node n : expected.nodes()) {
            Value v = actual.node(n.name()).value();
            if (!v.shape().equals(n.value().shape())) {
                throw new SubjectException(name, n.name(), what + " of the subject (a " + implementation
                        + ") computed shape " + v.shape() + " for node '" + n.name() + "' with '" + node
                        + "' perturbed, but " + n.value().shape() + " at the point; a node's shape may not change");
            }
        }
        return actual;
    }

    private SubjectException returnedNull(String node, String what, String expected) {
        return new SubjectException(name, node, what + " of the subject (a " + implementation + ") returned null;"
                + " it must return " + expected + " (see the Subject SPI)");
    }

    /** Runs a call into the subject's code; what it throws becomes a SubjectException, but stopping passes. */
    private <T> T call(String node, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SubjectException | Stopped e) {
            throw e;
        } catch (Throwable e) {
            if (fatal(e)) {
                throw e;
            }
            if (e instanceof InterruptedException || e instanceof InterruptedIOException) {
                Thread.currentThread().interrupt(); // thrown sneakily: keep the flag for the check to see
            }
            throw new SubjectException(name, node, what + " of the subject (a " + implementation + ") threw "
                    + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " (attached as the cause); fix it in your code, and report problems of your own as a"
                    + " SubjectException naming the node", e);
        }
    }
}
