package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckOptions;

import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.subject.Subject;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs independent probes, each on a subject, and returns their results in the order they
 * were given: in the calling thread, or on a pool of threads when that is safe (a pure
 * subject, shared; or one verified copy of a stateful subject per thread). Since every probe
 * depends on nothing but its own inputs and the results keep their order, a parallel run
 * returns exactly what a sequential one does.
 */
final class TaskPool implements AutoCloseable {

    private final Subject subject;
    private final Runnable reset;
    private final ExecutorService pool;
    private final BlockingQueue<Subject> copies;
    private final int threads;

    private TaskPool(Subject subject, Runnable reset, ExecutorService pool, BlockingQueue<Subject> copies,
                        int threads) {
        this.subject = subject;
        this.reset = reset;
        this.pool = pool;
        this.copies = copies;
        this.threads = threads;
    }

    /**
     * A runner for {@code subject}: parallel when {@code options} ask for more than one thread and
     * the subject is pure or {@code copies} is not null.
     *
     * @param copies makes independent copies of the subject (null: none); each is checked against
     *     {@code trace}, the subject's forward at {@code point}
     */
    static TaskPool create(CheckOptions options, Subject subject, Trace trace, Point point,
                              Supplier<? extends Subject> copies) {
        int threads = options.parallelism();
        if (threads <= 1 || (!subject.isPure() && copies == null)) {
            return new TaskPool(subject, options.reset(), null, null, 1);
        }
        Object lock = new Object();
        Runnable hook = options.reset();
        // without a user hook there is nothing to serialize: no lock on every evaluation
        boolean userHook = hook instanceof Watchdog.Guarded ? ((Watchdog.Guarded) hook).hasUserHook()
                : options.hasReset();
        Runnable reset = !userHook ? hook : () -> {
            synchronized (lock) {
                hook.run();
            }
        };
        BlockingQueue<Subject> queue = null;
        if (!subject.isPure()) {
            queue = new ArrayBlockingQueue<>(threads);
            for (Subject c : verifiedCopies(subject, trace, point, copies, threads, reset)) {
                queue.add(c);
            }
        }
        AtomicInteger id = new AtomicInteger();
        // the calling thread measures too: threads - 1 helpers
        ExecutorService pool = Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "gradcheck-probe-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new TaskPool(subject, reset, pool, queue, threads);
    }

    private static List<Subject> verifiedCopies(Subject subject, Trace trace, Point point,
                                                Supplier<? extends Subject> copies, int threads, Runnable reset) {
        String name = subject.name();
        Map<Subject, Boolean> seen = new IdentityHashMap<>();
        seen.put(subject, true);
        List<Subject> out = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Subject c = copies.get();
            if (c == null) {
                throw new SubjectException(name, "the supplier of subject copies (CheckOptions.withSubjectCopies)"
                        + " returned null; it must return a new, independent copy of the subject on every call");
            }
            if (seen.put(c, true) != null) {
                throw new SubjectException(name, "the supplier of subject copies (CheckOptions.withSubjectCopies)"
                        + " returned " + (c == subject ? "the checked subject itself" : "the same copy twice")
                        + "; it must return a new, independent copy on every call (e.g. build the network again"
                        + " with the same weights)");
            }
            reset.run();
            Trace t = c.forward(point);
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

    /** Whether probes run on several threads. */
    boolean parallel() {
        return pool != null;
    }

    /** The number of threads probes run on. */
    int threads() {
        return threads;
    }

    /** Runs the user's reset hook (one call at a time when parallel). */
    void reset() {
        reset.run();
    }

    /** Runs one task in the calling thread on the subject itself (no probe runs meanwhile). */
    <T> T alone(Function<Subject, T> task) {
        return task.apply(subject);
    }

    /**
     * The results of {@code tasks}, in their order; the first failure in that order is thrown.
     * In parallel, the calling thread and the helpers take the next task from a shared counter
     * until none is left (no task queue, no future per task); each holds one subject (a copy,
     * for a stateful subject) for the whole run. After a failure no new task is started; all
     * tasks before it were started already, so the first failure in order is the one thrown.
     */
    <T> List<T> map(List<Function<Subject, T>> tasks) {
        int n = tasks.size();
        if (pool == null || n < 2) {
            List<T> results = new ArrayList<>(n);
            for (Function<Subject, T> task : tasks) {
                results.add(task.apply(subject));
            }
            return results;
        }
        Batch<T> batch = new Batch<>(tasks);
        int helpers = Math.min(threads, n) - 1;
        List<Future<?>> futures = new ArrayList<>(helpers);
        try {
            for (int i = 0; i < helpers; i++) {
                futures.add(pool.submit(() -> {
                    work(batch);
                    return null;
                }));
            }
            work(batch);
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            batch.stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring '" + subject.name() + "'", e);
        } catch (ExecutionException e) {
            // only an interruption of a helper ends up here; task failures are kept in the batch
            batch.stop();
            throw new IllegalStateException("a probe thread of '" + subject.name() + "' failed", e.getCause());
        } finally {
            for (Future<?> f : futures) {
                f.cancel(true);
            }
        }
        return batch.results();
    }

    private <T> void work(Batch<T> batch) throws InterruptedException {
        Subject s = copies == null ? subject : copies.take();
        try {
            batch.work(s);
        } finally {
            if (copies != null) {
                copies.put(s);
            }
        }
    }

    /** The tasks of one {@link #map} in parallel: a shared counter, and the results and failures by position. */
    private static final class Batch<T> {
        private final List<Function<Subject, T>> tasks;
        private final Object[] results;
        private final Throwable[] failures;
        private final AtomicInteger next = new AtomicInteger();
        private volatile boolean stopped;

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

        void stop() {
            stopped = true;
        }

        @SuppressWarnings("unchecked")
        List<T> results() {
            for (Throwable f : failures) {
                if (f instanceof RuntimeException) {
                    throw (RuntimeException) f;
                }
                if (f instanceof Error) {
                    throw (Error) f;
                }
            }
            List<T> out = new ArrayList<>(results.length);
            for (Object r : results) {
                out.add((T) r);
            }
            return out;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
