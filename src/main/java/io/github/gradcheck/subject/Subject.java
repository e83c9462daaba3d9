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
 * nodes, a claimed backward pass, and a way to re-evaluate the output with one node's value
 * replaced. Build one with {@link FunctionSubject}, {@link TracedSubject}, {@link GraphSubject}
 * or {@link Sequential}; the checking engine treats all of them alike.
 *
 * <h2>SPI</h2>
 *
 * <p>To check code that none of them fits, implement this interface; the values it exchanges
 * with the engine, {@link Trace}, {@link io.github.gradcheck.model.Node} and {@link Gradients},
 * are SPI too. In one check at one point the engine calls:
 *
 * <ol>
 *   <li>{@link #forward} twice at the point. Their traces must agree bit for bit (or within
 *       the check's declared nondeterminism tolerance); the first is the one checked.</li>
 *   <li>{@link #backward} on the first trace once per output cotangent (one for a scalar output;
 *       one random or one per element for others), then once more with the first cotangent. The
 *       last claim must equal the first: a backward does not accumulate into state.</li>
 *   <li>{@link #knowsProducers}, {@link #isPure} and {@link #replayScope}, which describe the
 *       subject and do not change.</li>
 *   <li>{@link #replayOutput} or {@link #replay} many times on the first trace, each with one
 *       node at a perturbed value, and {@link #replayHolding} where the engine tells a node's
 *       direct consumers from its other descendants. Only when {@link #isPure} is true may these
 *       calls come from several threads at once.</li>
 * </ol>
 *
 * <p>A stateful subject may rely on that order: its backward always follows a forward at the
 * checked point, though not always immediately (a layer of a {@link GraphSubject} runs its
 * forward again itself). After the check, the diagnosis of a wrong gradient may call
 * {@link #forward}, {@link #backward} and {@link #replayHolding} again, on the same terms. The
 * check's reset hook ({@code CheckOptions.withReset}) runs before every forward, backward and
 * replay; {@link #name} may be called at any time. A double reference measured in the
 * subject's place, and each copy made through {@code CheckOptions.withSubjectCopies}, gets one
 * forward at the point and then the replays, but no backward.
 *
 * <p>What every implementation guarantees:
 *
 * <ul>
 *   <li><b>Copies.</b> The traces and gradients it returns share nothing the user's code changes
 *       later. {@link Value} is immutable and copies the arrays it is made from, so a value made
 *       when a node is computed stays what was computed.</li>
 *   <li><b>Restoring.</b> Whatever a replay perturbs in place (a parameter array) is restored
 *       bit for bit before it returns, also when the user's code throws.</li>
 *   <li><b>Determinism.</b> The same point gives the same trace, the same trace and cotangent the
 *       same gradients, the same replay the same output.</li>
 *   <li><b>Same nodes.</b> A replay's trace has the nodes of the trace it replays, with the same
 *       names, order, kinds and shapes.</li>
 *   <li><b>Errors.</b> When the user's code fails or returns something unusable, every method
 *       throws {@link io.github.gradcheck.model.SubjectException} naming the subject and, where
 *       there is one, the node, with the user's exception as the cause.</li>
 * </ul>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Subject {

    /** {@return the name used in reports and error messages} */
    String name();

    /**
     * Runs the forward pass at {@code point} and records every node.
     *
     * @param point the inputs, each differentiable or constant
     * @return the trace: one node per input (named and ordered as in the point, constants as
     *     {@link io.github.gradcheck.model.NodeKind#CONSTANT}) and per value the forward
     *     computed, each after the nodes it is computed from, and an output node
     */
    Trace forward(Point point);

    /**
     * Runs the claimed backward pass for one output cotangent.
     *
     * @param trace a trace {@link #forward} returned at the checked point
     * @param cotangent a value of the output's shape ({@code 1.0} for a scalar output): the
     *     gradients claimed are those of ⟨cotangent, output⟩
     * @return the claimed gradient of every node of the trace but the constants (the output's
     *     normally {@code cotangent} itself) and, when the subject knows them, of every edge
     */
    Gradients backward(Trace trace, Value cotangent);

    /**
     * Re-evaluates the forward with node {@code node} held at {@code replacement} and every
     * node that does not depend on it held at its value in {@code trace}. Anything perturbed in
     * place is restored exactly before this method returns.
     *
     * @param trace a trace {@link #forward} returned at the checked point
     * @param node the name of the perturbed node, any node of the trace
     * @param replacement its value for this evaluation, of its shape and precision
     * @return the trace of that evaluation; its nodes have the names, order, kinds and shapes of
     *     {@code trace}'s
     */
    Trace replay(Trace trace, String node, Value replacement);

    /**
     * The output of {@link #replay}, for callers that need nothing else: a subject that can
     * re-evaluate without recording a whole trace overrides it to save that work.
     *
     * @param trace a trace {@link #forward} returned at the checked point
     * @param node the name of the perturbed node
     * @param replacement its value for this evaluation
     * @return what {@code replay(trace, node, replacement).output().value()} returns, after the
     *     same checks
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
     * what one consumer of a fan-out node contributes to its gradient.
     *
     * @param trace a trace {@link #forward} returned at the checked point
     * @param node the name of the perturbed node
     * @param replacement its value for this evaluation
     * @param held the names of nodes to keep at their values in {@code trace}
     * @return the trace of that evaluation, as {@link #replay}'s; empty when the subject cannot
     *     hold nodes (the default; traced code can)
     * @since 0.1.0
     */
    default Optional<Trace> replayHolding(Trace trace, String node, Value replacement, Set<String> held) {
        return Optional.empty();
    }

    /**
     * {@return whether the nodes of {@link #forward}'s trace list their producers} When they do
     * not (traced code), the engine learns which nodes depend on which from the replays. True by
     * default.
     */
    default boolean knowsProducers() {
        return true;
    }

    /**
     * {@return whether {@link #replay} may be called from several threads at once} That is, it
     * keeps no state between calls and changes nothing shared (no parameter arrays perturbed in
     * place, no caches, no random draws). Only then, or with copies supplied through
     * {@code CheckOptions.withSubjectCopies}, does a check measure in parallel. False by default.
     *
     * @since 0.1.0
     */
    default boolean isPure() {
        return false;
    }

    /**
     * {@return what a replay recomputes, for the report: e.g. "only the nodes downstream"} By
     * default {@code "the whole forward pass"}.
     */
    default String replayScope() {
        return "the whole forward pass";
    }
}
