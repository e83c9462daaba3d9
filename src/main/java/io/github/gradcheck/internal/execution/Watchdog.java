package io.github.gradcheck.internal.execution;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.SubjectException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Watches one check: knows what it is doing (for messages), stops it at the next evaluation
 * once it is cancelled or its thread is interrupted, and enforces the time limit by running it
 * on a worker thread. Stopping always unwinds through the subject's own {@code finally}
 * blocks, which restore what it perturbed in place; the watchdog waits for that before it
 * reports, within {@link CheckOptions#TIME_LIMIT_GRACE}.
 *
 * <p>Whatever ends the check, {@link #run} returns its result or throws a
 * {@link SubjectException} (a {@link CheckAbortedException} when it was stopped) naming the
 * subject and, where there is one, the node: the watchdog's own unwinding never escapes, nor does
 * an exception nobody attributed (it becomes the cause of a {@code SubjectException} saying what the
 * check was doing). Only the JVM's own errors ({@link VirtualMachineError}) pass through unchanged.
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class Watchdog {

    private final String subject;
    private final Duration timeLimit;
    /** The time limit in nanoseconds, saturated at {@link Long#MAX_VALUE}; 0 for none. */
    private final long limitNanos;
    private volatile boolean cancelled;
    private volatile String activity = "starting the check";
    private volatile String node;
    private volatile boolean inPlace;

    /**
     * A watchdog for one check. Any duration is accepted: one too long to count in nanoseconds
     * is as good as none, and is waited for without a deadline.
     *
     * @param subject the checked subject's name, for messages
     * @param timeLimit the longest the check may take; {@link Duration#ZERO} for no limit
     */
    public Watchdog(String subject, Duration timeLimit) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.timeLimit = Objects.requireNonNull(timeLimit, "timeLimit");
        this.limitNanos = saturatedNanos(timeLimit);
    }

    /**
     * {@return {@code d} in nanoseconds, {@link Long#MAX_VALUE} for a duration too long to count
     * in them (about 292 years), 0 for a negative one}
     *
     * @param d any duration
     */
    public static long saturatedNanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Notes what the check is doing now, for messages.
     *
     * @param what e.g. "running the backward"
     */
    public void doing(String what) {
        activity = what;
        node = null;
        inPlace = false;
    }

    /**
     * Notes that the check is measuring a node by perturbing it.
     *
     * @param name the node
     * @param kind its kind: a parameter is perturbed in place, in the user's own array
     */
    public void measuring(String name, NodeKind kind) {
        activity = "measuring node '" + name + "' (re-running the forward with it perturbed)";
        node = name;
        inPlace = kind == NodeKind.PARAMETER;
    }

    /** {@return what the check is doing now, as messages say it: e.g. "running the backward"} */
    public String activity() {
        return activity;
    }

    /**
     * Unwinds the check when it must stop (cancelled, or its thread interrupted); the check calls
     * it before every evaluation. Safe on any thread.
     */
    public void checkpoint() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new Stopped(true);
        }
    }

    /**
     * Runs the check: in this thread without a time limit, on a worker thread with one.
     *
     * @param <T> what the check returns
     * @param check the check, which calls {@link #checkpoint()} before every evaluation
     * @return what the check returned
     * @throws CheckAbortedException when the time limit is hit or a thread of the check is interrupted
     * @throws SubjectException for everything else that ends the check
     */
    public <T> T run(Supplier<T> check) {
        return limitNanos == 0 ? runHere(check) : runWithLimit(check);
    }

    /** Runs the check in this thread; an interrupt stops it at the next evaluation. */
    private <T> T runHere(Supplier<T> check) {
        try {
            return check.get();
        } catch (Stopped s) {
            Thread.currentThread().interrupt();
            throw interrupted(s.quiet(), null);
        } catch (CheckAbortedException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            if (!(e instanceof VirtualMachineError) && (Thread.currentThread().isInterrupted() || byInterrupt(e))) {
                Thread.currentThread().interrupt();
                throw interrupted(true, e);
            }
            throw attributed(e);
        }
    }

    /** Runs the check on a worker thread and waits at most the time limit for it. */
    private <T> T runWithLimit(Supplier<T> check) {
        FutureTask<T> task = new FutureTask<>(check::get);
        Thread worker = new Thread(task, "gradcheck-check '" + subject + "'");
        worker.setDaemon(true);
        worker.start();
        try {
            return limitNanos == Long.MAX_VALUE ? task.get() : task.get(limitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw fromWorker(e.getCause());
        } catch (TimeoutException e) {
            String what = activity;
            String where = node;
            boolean perturbedInPlace = inPlace;
            boolean ended = stop(worker) || task.isDone();
            throw timeLimit(what, where, perturbedInPlace, ended, worker.getName());
        } catch (InterruptedException e) {
            boolean ended = stop(worker);
            Thread.currentThread().interrupt();
            throw interrupted(ended, null);
        } catch (CancellationException e) {
            throw attributed(e);
        }
    }

    /** What the worker ended with, as the caller sees it. */
    private RuntimeException fromWorker(Throwable cause) {
        if (cause instanceof Stopped s) {
            return selfInterrupted(s.quiet(), null);
        }
        if (cause instanceof CheckAbortedException e) {
            return e;
        }
        if (cause instanceof VirtualMachineError error) {
            throw error;
        }
        if (cause instanceof SubjectException e) {
            return byInterrupt(e) ? selfInterrupted(true, e) : e;
        }
        return attributed(cause);
    }

    /**
     * A throwable nobody attributed (a bug of gradcheck's, or a throwable of the user's that
     * reached the check unwrapped) as a {@code SubjectException} saying what the check was doing.
     */
    private RuntimeException attributed(Throwable t) {
        if (t instanceof SubjectException e) {
            return e;
        }
        if (t instanceof VirtualMachineError error) {
            throw error;
        }
        return new SubjectException(subject, node, "the check failed while " + activity + " with "
                + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage())
                + " (attached as the cause); if it comes from your code, fix it there, otherwise it is a bug in"
                + " gradcheck: please report it with the stack trace of the cause", t);
    }

    /** Whether {@code t} was caused by an interrupt: an {@link InterruptedException} or the like in its chain. */
    private static boolean byInterrupt(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InterruptedException || c instanceof InterruptedIOException
                    || c instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /** Cancels and interrupts the worker, then waits for it within the grace period; whether it ended. */
    private boolean stop(Thread worker) {
        cancelled = true;
        worker.interrupt();
        long deadline = System.nanoTime() + CheckOptions.TIME_LIMIT_GRACE.toNanos();
        boolean interruptedAgain = false;
        while (worker.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException again) {
                interruptedAgain = true;
            }
        }
        if (interruptedAgain) {
            Thread.currentThread().interrupt();
        }
        return !worker.isAlive();
    }

    private CheckAbortedException timeLimit(String what, String where, boolean perturbedInPlace, boolean ended,
                                            String thread) {
        StringBuilder sb = new StringBuilder("the check exceeded its time limit of ")
                .append(describe(timeLimit)).append(" while ").append(what).append("; ");
        sb.append(ended ? "your code was interrupted and has stopped, and everything the check perturbed is restored"
                : unrestored(where, perturbedInPlace, thread));
        sb.append(". If your code is merely slow, raise the limit: CheckOptions.withTimeLimit(Duration.ofSeconds(...)),"
                + " or in JUnit @GradientCheck(timeLimit = \"2m\") or -Dgradcheck.timeLimit=2m; if it hangs (a loop"
                + " that never ends, a lock or a queue that is never released), fix it");
        return new CheckAbortedException(CheckAbortedException.Reason.TIME_LIMIT, subject, where, sb.toString(),
                ended, null);
    }

    private static String unrestored(String where, boolean perturbedInPlace, String thread) {
        String s = "your code did not stop within " + describe(CheckOptions.TIME_LIMIT_GRACE)
                + " of being interrupted and is still running on thread \"" + thread + "\"";
        if (where != null && perturbedInPlace) {
            return s + "; the array of parameter '" + where + "' may still hold a perturbed value until it returns:"
                    + " the check restores it then and stops";
        }
        return s + "; the check stops when it returns and restores whatever it perturbed in place then";
    }

    private CheckAbortedException interrupted(boolean ended, Throwable cause) {
        String what = activity;
        String where = node;
        String problem = "the thread running the check was interrupted while " + what + "; the check stopped ("
                + (ended ? "everything it perturbed is restored"
                : "but your code had not stopped yet; it is restored when your code returns")
                + ") and the interrupt flag is set again";
        return new CheckAbortedException(CheckAbortedException.Reason.INTERRUPTED, subject, where, problem, ended,
                cause);
    }

    /** The worker a time limit runs the check on was interrupted: nobody but the code under check can do that. */
    private CheckAbortedException selfInterrupted(boolean ended, Throwable cause) {
        String what = activity;
        String where = node;
        String problem = "your code interrupted the thread running the check (gradcheck's own worker thread, as the"
                + " check has a time limit) while " + what + "; the check stopped ("
                + (ended ? "everything it perturbed is restored"
                : "but your code had not stopped yet; it is restored when your code returns")
                + "). Code under check must not interrupt the thread it runs on (a Thread.currentThread().interrupt()"
                + " left in a catch block, an interrupted executor shut down from the forward); to stop a check from"
                + " outside, interrupt the thread that called it";
        return new CheckAbortedException(CheckAbortedException.Reason.INTERRUPTED, subject, where, problem, ended,
                cause);
    }

    /**
     * {@return a duration as messages print it}: e.g. {@code "250 ms"}, {@code "2 s"},
     * {@code "1.5 s"}; any duration, however long
     *
     * @param d a duration, not negative
     */
    public static String describe(Duration d) {
        long seconds = d.getSeconds();
        long ms = d.getNano() / 1_000_000;
        if (seconds == 0) {
            return ms + " ms";
        }
        if (ms == 0 || seconds >= 1_000_000_000L) {
            return seconds + " s";
        }
        return Numbers.fixed(seconds + ms / 1000.0, 1) + " s";
    }
}
