package io.github.gradcheck.check;

import io.github.gradcheck.model.SubjectException;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A check that was stopped before it could reach a verdict: it exceeded its
 * {@linkplain CheckOptions#withTimeLimit time limit}, the checking thread was interrupted, or a
 * {@linkplain CheckOptions#withBudget full check would cost more than its budget}. The message
 * names the subject, the node being measured when it stopped (when there was one), what
 * happened and what to do, and says whether everything the check perturbed in place has been
 * restored ({@link #restored()}).
 *
 * <p>After an interruption the thread's interrupt flag is set again, as it was found.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class CheckAbortedException extends SubjectException {

    private static final long serialVersionUID = 1L;

    /**
     * Why a check stopped.
     *
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    public enum Reason {
        /** The check took longer than {@link CheckOptions#timeLimit()}. */
        TIME_LIMIT,
        /** The thread running the check was interrupted. */
        INTERRUPTED,
        /** A full check was estimated to cost more forward evaluations than {@link CheckOptions#budget()}. */
        BUDGET
    }

    /** Why the check stopped. */
    private final Reason reason;
    /** Whether everything the check perturbed in place was restored. */
    private final boolean restored;

    /**
     * An aborted check.
     *
     * @param reason why the check stopped
     * @param subject the subject's name
     * @param node the node being measured when it stopped; null when none was
     * @param problem what happened and what to do
     * @param restored false when the user's code was still running when the check gave up, so
     *     that a value it perturbs in place may not be restored yet
     * @param cause the exception that stopped it, if any; null otherwise
     */
    public CheckAbortedException(Reason reason, String subject, String node, String problem, boolean restored,
                                 Throwable cause) {
        super(subject, node, problem, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.restored = restored;
    }

    /** {@return why the check stopped} */
    public Reason reason() {
        return reason;
    }

    /**
     * {@return whether everything the check perturbed in place was restored before this exception
     * was thrown}: false only when the user's code ignored an interrupt and was still running
     */
    public boolean restored() {
        return restored;
    }
}
