package io.github.gradcheck.internal.subject;

import io.github.gradcheck.model.SubjectException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Internal: the arrays (and the layer objects) that a call into a subject's code uses right now,
 * across the whole JVM, keyed by identity. A subject that perturbs a parameter array in place
 * {@linkplain #take takes its turn} on every array and layer it uses for the length of one call
 * (a forward, a backward, a replay), and gives it back when the call ends, after restoring what
 * it perturbed. Two checks whose subjects share an array (tests in parallel that build their
 * layers around the same {@code static final} weights) therefore take turns: neither ever sees
 * the other's perturbation, and the user's array is restored bit for bit. Each such meeting is
 * remembered on the waiting thread, so that the check can report it, naming the array and both
 * subjects ({@link #meetings()}).
 *
 * <p>Turns are taken all at once (every resource of a call or none), so no two calls wait for
 * each other; a thread that holds a turn may take it again (nested calls).
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class ArraysInUse {

    /** Who uses a resource now: the thread, the subject and how it names the resource, and how often. */
    private static final class Holder {
        final Thread thread;
        final String subject;
        final String resource;
        int depth;

        Holder(Thread thread, String subject, String resource) {
            this.thread = thread;
            this.subject = subject;
            this.resource = resource;
        }
    }

    private static final Object LOCK = new Object();
    private static final Map<Object, Holder> HELD = new IdentityHashMap<>();
    private static final ThreadLocal<Set<String>> MEETINGS = ThreadLocal.withInitial(LinkedHashSet::new);

    private ArraysInUse() {
    }

    /** A turn on some resources; {@link #close()} gives them back. */
    @FunctionalInterface
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public interface Turn extends AutoCloseable {
        /** Gives the resources back. */
        @Override
        void close();
    }

    /**
     * Takes a turn on every resource of {@code resources}, waiting while another thread has any of
     * them. Every wait is remembered for {@link #meetings()}.
     *
     * @param subject the subject that uses them, for messages
     * @param resources each resource (an array or a layer object, by identity) and how the subject
     *     names it, e.g. {@code "the array of parameter 'Dense.W'"}
     * @return the turn, to close when the call ends
     * @throws SubjectException when the thread is interrupted while it waits (the interrupt flag is
     *     then set again), naming the resource and the subject that holds it
     */
    public static Turn take(String subject, Map<Object, String> resources) {
        if (resources.isEmpty()) {
            return () -> { };
        }
        Thread me = Thread.currentThread();
        synchronized (LOCK) {
            while (true) {
                Map.Entry<Object, String> busy = null;
                Holder other = null;
                for (Map.Entry<Object, String> r : resources.entrySet()) {
                    Holder h = HELD.get(r.getKey());
                    if (h != null && h.thread != me) {
                        busy = r;
                        other = h;
                        break;
                    }
                }
                if (busy == null) {
                    for (Map.Entry<Object, String> r : resources.entrySet()) {
                        HELD.computeIfAbsent(r.getKey(), k -> new Holder(me, subject, r.getValue())).depth++;
                    }
                    List<Object> taken = new ArrayList<>(resources.keySet());
                    return () -> giveBack(taken);
                }
                MEETINGS.get().add(capitalized(busy.getValue()) + " is also " + other.resource + " of subject '"
                        + other.subject + "', checked at the same time on thread \"" + other.thread.getName()
                        + "\": the two checks took turns, so that neither saw the other's perturbed values, and"
                        + " every array is restored. To check them in parallel at full speed, give each test its"
                        + " own arrays (build the weights in the test, or copy them)");
                try {
                    LOCK.wait();
                } catch (InterruptedException e) {
                    me.interrupt();
                    throw new SubjectException(subject, null, "the thread was interrupted while it waited for its"
                            + " turn on " + busy.getValue() + ", which is also " + other.resource + " of subject '"
                            + other.subject + "', being checked at the same time on thread \""
                            + other.thread.getName() + "\"; give each test its own arrays to check them in"
                            + " parallel", e);
                }
            }
        }
    }

    private static void giveBack(List<Object> taken) {
        synchronized (LOCK) {
            for (Object r : taken) {
                Holder h = HELD.get(r);
                if (h != null && --h.depth == 0) {
                    HELD.remove(r);
                }
            }
            LOCK.notifyAll();
        }
    }

    /**
     * {@return what this thread met since it last asked}: one sentence per resource it had to wait
     * for, naming it and the other subject; forgotten once returned
     */
    public static List<String> meetings() {
        Set<String> met = MEETINGS.get();
        List<String> out = new ArrayList<>(met);
        met.clear();
        return out;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
