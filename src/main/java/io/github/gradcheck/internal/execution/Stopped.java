package io.github.gradcheck.internal.execution;

/**
 * Unwinds a check that must stop: thrown at an evaluation boundary once the check is cancelled
 * or its thread interrupted, and by a {@link TaskPool} whose waiting thread is interrupted. The
 * {@link Watchdog} turns it into a {@code CheckAbortedException}; it never reaches the user.
 */
final class Stopped extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Whether every thread that ran the user's code for the check had ended when it was thrown. */
    private final boolean quiet;

    /** @param quiet whether no thread of the check is still running the user's code */
    Stopped(boolean quiet) {
        super("check stopped", null, false, false);
        this.quiet = quiet;
    }

    /** {@return whether no thread of the check is still running the user's code} */
    boolean quiet() {
        return quiet;
    }
}
