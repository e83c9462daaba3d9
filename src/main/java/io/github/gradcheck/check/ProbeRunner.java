package io.github.gradcheck.check;

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
final class ProbeRunner implements AutoCloseable {

    private final Subject subject;
    private final Runnable reset;
    private final ExecutorService pool;
    private final BlockingQueue<Subject> copies;
    private final int threads;

    private ProbeRunner(Subject subject, Runnable reset, ExecutorService pool, BlockingQueue<Subject> copies,
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
    static ProbeRunner create(CheckOptions options, Subject subject, Trace trace, Point point,
                              Supplier<? extends Subject> copies) {
        int threads = options.parallelism();
        if (threads <= 1 || (!subject.isPure() && copies == null)) {
            return new ProbeRunner(subject, options.reset(), null, null, 1);
        }
        Object lock = new Object();
        Runnable hook = options.reset();
        Runnable reset = () -> {
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
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gradcheck-probe-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new ProbeRunner(subject, reset, pool, queue, threads);
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
                            + " weights, same settings)", null);
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

    /** The results of {@code tasks}, in their order; the first failure in that order is thrown. */
    <T> List<T> map(List<Function<Subject, T>> tasks) {
        List<T> results = new ArrayList<>(tasks.size());
        if (pool == null || tasks.size() < 2) {
            for (Function<Subject, T> task : tasks) {
                results.add(task.apply(subject));
            }
            return results;
        }
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Function<Subject, T> task : tasks) {
            futures.add(pool.submit(() -> run(task)));
        }
        try {
            for (Future<T> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring '" + subject.name() + "'", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } finally {
            for (Future<T> f : futures) {
                f.cancel(true);
            }
        }
        return results;
    }

    private <T> T run(Function<Subject, T> task) throws InterruptedException {
        if (copies == null) {
            return task.apply(subject);
        }
        Subject s = copies.take();
        try {
            return task.apply(s);
        } finally {
            copies.put(s);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
