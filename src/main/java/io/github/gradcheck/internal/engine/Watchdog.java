package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;

import io.github.gradcheck.model.NodeKind;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Watches one check: knows what it is doing (for messages), stops it at the next evaluation
 * once it is cancelled or its thread is interrupted, and enforces the time limit by running it
 * on a worker thread. Stopping always unwinds through the subject's own {@code finally}
 * blocks, which restore what it perturbed in place; the watchdog waits for that before it
 * reports, within {@link CheckOptions#TIME_LIMIT_GRACE}.
 */
final class Watchdog {

    /** Thrown at an evaluation boundary to unwind a check that must stop. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super("check stopped", null, false, false);
        }
    }

    private final String subject;
    private final CheckOptions options;
    private volatile boolean cancelled;
    private volatile String activity = "starting the check";
    private volatile String node;
    private volatile boolean inPlace;

    Watchdog(String subject, CheckOptions options) {
        this.subject = subject;
        this.options = options;
    }

    /** What the check is doing now, for messages: e.g. "running the backward". */
    void doing(String what) {
        activity = what;
        node = null;
        inPlace = false;
    }

    /** The check is measuring {@code name} (by perturbing it). */
    void measuring(String name, NodeKind kind) {
        activity = "measuring node '" + name + "' (re-running the forward with it perturbed)";
        node = name;
        inPlace = kind == NodeKind.PARAMETER;
    }

    /** {@code hook} preceded by a checkpoint: the engine calls the reset hook before every evaluation. */
    Runnable guard(CheckOptions hooked) {
        return new Guarded(hooked.reset(), hooked.hasReset());
    }

    /** The user's reset hook behind a checkpoint; the checkpoint itself is safe on any thread. */
    final class Guarded implements Runnable {
        private final Runnable user;
        private final boolean given;

        private Guarded(Runnable user, boolean given) {
            this.user = user;
            this.given = given;
        }

        /** Whether the user gave a reset hook (which parallel probes must then run one at a time). */
        boolean hasUserHook() {
            return given;
        }

        @Override
        public void run() {
            checkpoint();
            user.run();
        }
    }

    private void checkpoint() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new Stop();
        }
    }

    /** Runs the check in this thread; an interrupt stops it at the next evaluation. */
    GradientReport runHere(Supplier<GradientReport> check) {
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
    GradientReport runWithLimit(Supplier<GradientReport> check) {
        FutureTask<GradientReport> task = new FutureTask<>(check::get);
        Thread worker = new Thread(task, "gradcheck-check '" + subject + "'");
        worker.setDaemon(true);
        worker.start();
        Duration limit = options.timeLimit();
        try {
            return task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (TimeoutException e) {
            String what = activity;
            String where = node;
            boolean perturbedInPlace = inPlace;
            boolean ended = stop(worker);
            if (task.isDone() && !ended) {
                ended = true;
            }
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
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
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
                .append(describe(options.timeLimit())).append(" while ").append(what).append("; ");
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

    static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return io.github.gradcheck.internal.format.Numbers.fixed(ms / 1000.0, 1) + " s";
    }
}
