package io.github.gradcheck.internal.execution;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.model.NodeKind;
import java.time.Duration;
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
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class Watchdog {

    /** Thrown at an evaluation boundary to unwind a check that must stop. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super("check stopped", null, false, false);
        }
    }

    private final String subject;
    private final Duration timeLimit;
    private volatile boolean cancelled;
    private volatile String activity = "starting the check";
    private volatile String node;
    private volatile boolean inPlace;

    /**
     * A watchdog for one check.
     *
     * @param subject the checked subject's name, for messages
     * @param timeLimit the longest the check may take; {@link Duration#ZERO} for no limit
     */
    public Watchdog(String subject, Duration timeLimit) {
        this.subject = subject;
        this.timeLimit = timeLimit;
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

    /**
     * Unwinds the check when it must stop (cancelled, or its thread interrupted); the check calls
     * it before every evaluation. Safe on any thread.
     */
    public void checkpoint() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new Stop();
        }
    }

    /**
     * Runs the check: in this thread without a time limit, on a worker thread with one.
     *
     * @param <T> what the check returns
     * @param check the check, which calls {@link #checkpoint()} before every evaluation
     * @return what the check returned
     * @throws CheckAbortedException when the time limit is hit or this thread is interrupted
     */
    public <T> T run(Supplier<T> check) {
        return timeLimit.isZero() ? runHere(check) : runWithLimit(check);
    }

    /** Runs the check in this thread; an interrupt stops it at the next evaluation. */
    private <T> T runHere(Supplier<T> check) {
        try {
            return check.get();
        } catch (RuntimeException | Error e) {
            if (e instanceof Stop || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
                throw interrupted(true, e instanceof Stop ? null : e);
            }
            throw e;
        }
    }

    /** Runs the check on a worker thread and waits at most the time limit for it. */
    private <T> T runWithLimit(Supplier<T> check) {
        FutureTask<T> task = new FutureTask<>(check::get);
        Thread worker = new Thread(task, "gradcheck-check '" + subject + "'");
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(timeLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
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
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
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

    /** A duration as messages print it: e.g. {@code "250 ms"}, {@code "2 s"}, {@code "1.5 s"}. */
    private static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return Numbers.fixed(ms / 1000.0, 1) + " s";
    }
}
