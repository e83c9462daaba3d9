package io.github.gradcheck.subject;

import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Something whose claimed gradients can be checked: a forward pass that records named
 * nodes, a claimed backward pass, and a way to re-evaluate the output with one node's
 * value replaced.
 *
 * <p>Build one with {@link FunctionSubject}, {@link TracedSubject}, {@link GraphSubject}
 * or {@link Sequential}; the checking engine treats all of them alike. The engine calls
 * {@link #forward} first, then {@link #backward} (once per output cotangent), and only then
 * {@link #replay}: a stateful layer's backward always follows a forward at the checked point.
 *
 * <p>Every method throws {@link io.github.gradcheck.model.SubjectException} with the user's
 * exception as the cause when the user's code fails or returns something unusable.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Subject {

    /** The name used in reports and error messages. */
    String name();

    /** Runs the forward pass at {@code point} and records every node as a private copy. */
    Trace forward(Point point);

    /**
     * Runs the claimed backward pass for the output cotangent {@code cotangent} (a value of
     * the output's shape; {@code 1.0} for a scalar output).
     */
    Gradients backward(Trace trace, Value cotangent);

    /**
     * Re-evaluates the forward with node {@code node} held at {@code replacement} and every
     * node that does not depend on it held at its value in {@code trace}. Returns the trace of
     * that evaluation; its nodes must have the same names and shapes as {@code trace}.
     * Anything perturbed in place is restored exactly before this method returns.
     */
    Trace replay(Trace trace, String node, Value replacement);

    /**
     * The output of {@link #replay}, for callers that need nothing else: a subject that can
     * re-evaluate without recording a whole trace overrides it to save that work. It must return
     * what {@code replay(trace, node, replacement).output().value()} returns, and check the same.
     *
     * @since 0.1.0
     */
    default Value replayOutput(Trace trace, String node, Value replacement) {
        return replay(trace, node, replacement).output().value();
    }

    /**
     * Like {@link #replay}, but the nodes named in {@code held} keep their values in
     * {@code trace} even when they depend on {@code node}: the change reaches the output only
     * through the paths that avoid them. The engine uses it to tell a traced node's direct
     * consumers from nodes that only depend on it through others, and the diagnosis to measure
     * what one consumer of a fan-out node contributes to its gradient. Empty when the subject
     * cannot hold nodes (the default); traced code can.
     *
     * @since 0.1.0
     */
    default Optional<Trace> replayHolding(Trace trace, String node, Value replacement, Set<String> held) {
        return Optional.empty();
    }

    /**
     * Whether the nodes of {@link #forward}'s trace list their producers. When they do not
     * (traced code), the engine learns which nodes depend on which from the replays.
     */
    default boolean knowsProducers() {
        return true;
    }

    /**
     * Whether {@link #replay} may be called from several threads at once: it keeps no state
     * between calls and changes nothing shared (no parameter arrays perturbed in place, no
     * caches, no random draws). Only then, or with copies supplied through
     * {@code CheckOptions.withSubjectCopies}, does a check measure in parallel. False by default.
     *
     * @since 0.1.0
     */
    default boolean isPure() {
        return false;
    }

    /** What a replay recomputes, for the report: e.g. "only the nodes downstream". */
    default String replayScope() {
        return "the whole forward pass";
    }
}
