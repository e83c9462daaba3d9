package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.internal.execution.GuardedSubject;
import io.github.gradcheck.internal.execution.Watchdog;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.Subject;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The entry to the checking engine: each {@link #check} is one {@link CheckRun}, under a
 * {@link Watchdog} of its own. Stateless and thread-safe; the subject's own state is its own
 * affair (a stateful subject must not be checked from two threads at once).
 *
 * @implNote A check runs the subject's forward twice at the point (they must agree: a
 * nondeterministic forward is reported, not measured), its claimed backward once per output
 * cotangent and once more to see that it is reentrant, and then measures the true gradient at
 * every node, element by element, by perturbing that node alone and re-evaluating what depends on
 * it. It compares claimed and measured gradients under the options' tolerance policy and locates
 * the first wrong node.
 *
 * <p>How an element is measured: a cheap screen first (a fourth-order stencil, 6 evaluations);
 * where it is not a clear pass, a robust estimate confirms (Ridders' extrapolation from three
 * starting steps, cross-checked; up to 24 more evaluations, shared with the screen where steps
 * coincide). Steps are powers of two scaled by {@code max(|x|, typical scale, 1)} and chosen for
 * the precision of the perturbed value; rounding levels are those of the output's precision. The
 * tolerance follows from the error estimate, never from a constant; a comparison whose resolution
 * is too coarse, or that straddles a kink, is inconclusive, never wrong.
 *
 * <p>Stopping: with a time limit the check runs on a worker thread and ends with a
 * {@link CheckAbortedException} when the limit is hit; without one it runs in the calling thread.
 * Either way an interrupt of the calling thread stops it at the next evaluation with a
 * {@link CheckAbortedException}, the interrupt flag set again. Every way of stopping, like every
 * exception of the user's code, unwinds through the subject's restoring of what it perturbed in
 * place (parameter arrays, bit for bit).
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class Engine {

    private final CheckOptions options;

    /**
     * An engine that checks with {@code options}.
     *
     * @param options how every check runs
     */
    public Engine(CheckOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Checks {@code subject} at {@code point}.
     *
     * @param subject what to check
     * @param point where to check it
     * @return the report
     * @throws SubjectException when the subject's code fails, returns something unusable, or is
     *     not deterministic, or its double reference does not match it
     * @throws CheckAbortedException when the check exceeds its time limit, its thread is
     *     interrupted (the interrupt flag is then set again), or a full check would exceed the budget
     */
    public GradientReport check(Subject subject, Point point) {
        if (subject == null) {
            throw new IllegalArgumentException("GradientChecker.check needs a subject to check, got null; build one"
                    + " with FunctionSubject.of, TracedSubject.of, GraphSubject.builder or Sequential.of");
        }
        if (point == null) {
            throw new IllegalArgumentException("GradientChecker.check of subject '" + GuardedSubject.nameOf(subject)
                    + "' needs a point to check it at, got null; e.g. Point.of(\"x\", 3.0)");
        }
        Watchdog watchdog = new Watchdog(GuardedSubject.nameOf(subject), options.timeLimit());
        return watchdog.run(() -> new CheckRun(options, subject, point, watchdog).report());
    }
}
