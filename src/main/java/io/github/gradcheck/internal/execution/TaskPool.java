package io.github.gradcheck.internal.execution;

import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.subject.Subject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Runs independent probes, each on a subject, and returns their results in the order they
 * were given: in the calling thread, or on a pool of threads when that is safe (a pure
 * subject, shared; or one verified copy of a stateful subject per thread). Since every probe
 * depends on nothing but its own inputs and the results keep their order, a parallel run
 * returns exactly what a sequential one does.
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public abstract sealed class TaskPool implements AutoCloseable {

    /**
     * How to make independent copies of a stateful subject, one per thread: each copy's forward
     * at {@code point} must record exactly {@code trace}, the subject's own.
     *
     * @param supplier makes a new copy on every call
     * @param trace the subject's forward at the point
     * @param point where the copies are compared with the subject
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public record Copies(Supplier<? extends Subject> supplier, Trace trace, Point point) {
    }

    /** The subject the tasks run on (in parallel, a pure one shared, or the original of the copies). */
    final Subject subject;
    private final Runnable reset;

    private TaskPool(Subject subject, Runnable reset) {
        this.subject = subject;
        this.reset = reset;
    }

    /**
     * A pool for {@code subject}: parallel when more than one thread is asked for and the subject
     * is pure or {@code copies} are given; otherwise every task runs in the calling thread.
     *
     * @param subject what the tasks run on
     * @param threads how many threads may run tasks, the calling thread included
     * @param reset run before every evaluation (it runs the user's reset hook)
     * @param userHook whether {@code reset} runs the user's code, which parallel tasks must then
     *     run one call at a time (without it nothing is serialized)
     * @param copies how to copy a stateful subject for threads, if it may be
     * @return the pool; close it when the tasks are done
     */
    public static TaskPool create(Subject subject, int threads, Runnable reset, boolean userHook,
                                  Optional<Copies> copies) {
        int useful = usefulThreads(threads);
        if (useful <= 1 || (!subject.isPure() && copies.isEmpty())) {
            return new InCallingThread(subject, reset);
        }
        Object lock = new Object();
        Runnable serialized = !userHook ? reset : () -> {
            synchronized (lock) {
                reset.run();
            }
        };
        Lender lender = subject.isPure() ? new Shared(subject)
                : new Lent(verifiedCopies(subject, copies.orElseThrow(), useful, serialized));
        return new OnThreads(subject, serialized, lender, useful);
    }

    /**
     * {@return how many of {@code requested} threads can be of use}: no more than the processors
     * the JVM may run on, since every probe keeps its thread busy (a larger request would only make
     * more copies of a stateful subject, and more threads to switch between)
     *
     * @param requested the parallelism asked for, at least 1
     */
    public static int usefulThreads(int requested) {
        return Math.max(1, Math.min(requested, Runtime.getRuntime().availableProcessors()));
    }

    private static List<Subject> verifiedCopies(Subject subject, Copies copies, int threads, Runnable reset) {
        Trace trace = copies.trace();
        String name = subject.name();
        Map<Subject, Boolean> seen = new IdentityHashMap<>();
        Subject original = GuardedSubject.unwrapped(subject);
        seen.put(original, true);
        List<Subject> out = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Subject c = copy(copies, name);
            if (c == null) {
                throw new SubjectException(name, "the supplier of subject copies (CheckOptions.withSubjectCopies)"
                        + " returned null; it must return a new, independent copy of the subject on every call");
            }
            if (seen.put(c, true) != null) {
                throw new SubjectException(name, "the supplier of subject copies (CheckOptions.withSubjectCopies)"
                        + " returned " + (c == original ? "the checked subject itself" : "the same copy twice")
                        + "; it must return a new, independent copy on every call (e.g. build the network again"
                        + " with the same weights)");
            }
            c = new GuardedSubject(c);
            reset.run();
            Trace t = c.forward(copies.point());
            if (!t.names().equals(trace.names())) {
                throw new SubjectException(name, "a copy made by CheckOptions.withSubjectCopies recorded nodes "
                        + t.names() + ", the subject " + trace.names() + "; a copy must be the same computation in"
                        + " the same state");
            }
            for (Node n : trace.nodes()) {
                if (!n.value().bitEquals(t.node(n.name()).value())) {
                    throw new SubjectException(name, n.name(), "a copy made by CheckOptions.withSubjectCopies"
                            + " computed " + t.node(n.name()).value() + " for '" + n.name() + "' where the subject"
                            + " computed " + n.value() + "; a copy must be in the same state as the subject (same"
                            + " weights, same settings)");
                }
            }
            out.add(c);
        }
        return out;
    }

    /** One copy from the user's supplier, guarded: what it throws names the option it was given to. */
    private static Subject copy(Copies copies, String name) {
        Subject c;
        try {
            c = copies.supplier().get();
        } catch (SubjectException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError error) {
                throw error;
            }
            throw new SubjectException(name, null, "the supplier of subject copies (CheckOptions.withSubjectCopies) threw "
                    + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " (attached as the cause); it must return a new, independent copy of the subject on every call",
                    e);
        } catch (Throwable sneaky) {
            throw new SubjectException(name, null, "the supplier of subject copies (CheckOptions.withSubjectCopies)"
                    + " threw the checked exception " + sneaky.getClass().getName()
                    + (sneaky.getMessage() == null ? "" : ": " + sneaky.getMessage())
                    + " (attached as the cause); it must return a new, independent copy of the subject on every call",
                    sneaky);
        }
        return c;
    }

    /** Runs the reset before an evaluation (the user's hook one call at a time when parallel). */
    public final void reset() {
        reset.run();
    }

    /**
     * Runs one task in the calling thread on the subject itself (no other task runs meanwhile).
     *
     * @param <T> what the task returns
     * @param task the task
     * @return what it returned
     */
    public final <T> T alone(Function<Subject, T> task) {
        return task.apply(subject);
    }

    /**
     * The results of {@code tasks}, in their order; the first failure in that order is thrown.
     *
     * @param <T> what each task returns
     * @param tasks the tasks, each run on a subject
     * @return their results, in their order
     */
    public abstract <T> List<T> map(List<Function<Subject, T>> tasks);

    /** Stops the helper threads, if any. */
    @Override
    public abstract void close();

    /** Every task in the calling thread, on the subject itself. */
    private static final class InCallingThread extends TaskPool {

        InCallingThread(Subject subject, Runnable reset) {
            super(subject, reset);
        }

        @Override
        public <T> List<T> map(List<Function<Subject, T>> tasks) {
            return inOrder(subject, tasks);
        }

        @Override
        public void close() {
        }
    }

    private static <T> List<T> inOrder(Subject subject, List<Function<Subject, T>> tasks) {
        List<T> results = new ArrayList<>(tasks.size());
        for (Function<Subject, T> task : tasks) {
            results.add(task.apply(subject));
        }
        return results;
    }

    /**
     * The tasks on the calling thread and {@code threads - 1} helpers. They take the next task
     * from a shared counter until none is left (no task queue, no future per task); each holds one
     * subject (a copy, for a stateful subject) for the whole run. After a failure no new task is
     * started; all tasks before it were started already, so the first failure in order is the one
     * thrown.
     */
    private static final class OnThreads extends TaskPool {
        private final Lender lender;
        private final int threads;
        private final ExecutorService pool;

        OnThreads(Subject subject, Runnable reset, Lender lender, int threads) {
            super(subject, reset);
            this.lender = lender;
            this.threads = threads;
            AtomicInteger id = new AtomicInteger();
            // the calling thread measures too: threads - 1 helpers
            this.pool = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "gradcheck-probe-" + id.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public <T> List<T> map(List<Function<Subject, T>> tasks) {
            int n = tasks.size();
            if (n < 2) {
                return inOrder(subject, tasks);
            }
            Batch<T> batch = new Batch<>(tasks);
            int helpers = Math.min(threads, n) - 1;
            List<Future<?>> futures = new ArrayList<>(helpers);
            try {
                for (int i = 0; i < helpers; i++) {
                    futures.add(pool.submit(() -> {
                        if (batch.enter()) {
                            try {
                                work(batch);
                            } finally {
                                batch.exit();
                            }
                        }
                        return null;
                    }));
                }
                work(batch);
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException | ExecutionException e) {
                // the calling thread was interrupted while it waited for a helper, or a helper while it waited
                // for a copy: stop every helper, and wait until none runs the user's code any more
                batch.stop();
                for (Future<?> f : futures) {
                    f.cancel(true);
                }
                boolean quiet = batch.awaitQuiet(CheckOptions.TIME_LIMIT_GRACE);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new Stopped(quiet);
            }
            return batch.results();
        }

        private <T> void work(Batch<T> batch) throws InterruptedException {
            Subject s = lender.borrow();
            try {
                batch.work(s);
            } finally {
                lender.giveBack(s);
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /** Which subject a thread runs its tasks on. */
    private interface Lender {
        Subject borrow() throws InterruptedException;

        void giveBack(Subject subject) throws InterruptedException;
    }

    /** A pure subject, shared by every thread. */
    private record Shared(Subject subject) implements Lender {
        @Override
        public Subject borrow() {
            return subject;
        }

        @Override
        public void giveBack(Subject s) {
        }
    }

    /** Verified copies of a stateful subject, one thread at a time each. */
    private static final class Lent implements Lender {
        private final BlockingQueue<Subject> copies;

        Lent(List<Subject> verified) {
            copies = new ArrayBlockingQueue<>(verified.size(), false, verified);
        }

        @Override
        public Subject borrow() throws InterruptedException {
            return copies.take();
        }

        @Override
        public void giveBack(Subject subject) throws InterruptedException {
            copies.put(subject);
        }
    }

    /** The tasks of one {@link #map} in parallel: a shared counter, and the results and failures by position. */
    private static final class Batch<T> {
        private final List<Function<Subject, T>> tasks;
        private final Object[] results;
        private final Throwable[] failures;
        private final AtomicInteger next = new AtomicInteger();
        private volatile boolean stopped;
        /** The helpers working on this batch now (the calling thread not counted). */
        private int active;

        Batch(List<Function<Subject, T>> tasks) {
            this.tasks = tasks;
            this.results = new Object[tasks.size()];
            this.failures = new Throwable[tasks.size()];
        }

        void work(Subject subject) {
            int i;
            while (!stopped && (i = next.getAndIncrement()) < tasks.size()) {
                try {
                    results[i] = tasks.get(i).apply(subject);
                } catch (RuntimeException | Error e) {
                    failures[i] = e;
                    stopped = true;
                }
            }
        }

        /** A helper starts working: false once the batch is stopped, so that no helper starts after that. */
        synchronized boolean enter() {
            if (stopped) {
                return false;
            }
            active++;
            return true;
        }

        /** A helper has stopped working. */
        synchronized void exit() {
            active--;
            notifyAll();
        }

        /** Stops the batch: no task starts after this. */
        synchronized void stop() {
            stopped = true;
        }

        /** Waits until no helper works any more, at most {@code grace}; whether none does. */
        synchronized boolean awaitQuiet(Duration grace) {
            long deadline = System.nanoTime() + grace.toNanos();
            boolean interrupted = Thread.interrupted();
            while (active > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException again) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return active == 0;
        }

        @SuppressWarnings("unchecked")
        List<T> results() {
            for (Throwable f : failures) {
                if (f instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (f instanceof Error error) {
                    throw error;
                }
            }
            List<T> out = new ArrayList<>(results.length);
            for (Object r : results) {
                out.add((T) r);
            }
            return out;
        }
    }

}
