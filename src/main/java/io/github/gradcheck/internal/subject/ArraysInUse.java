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
 * <p>A check calls its subject many thousands of times in a row on one thread, so a turn costs
 * O(1) when nothing changed since the last one: the resources of a subject ({@link Resources}) stay
 * <em>pinned</em> to the thread that used them last after its call ends, and its next call only
 * counts itself in. Another thread that needs one of them waits only while a call is running; a
 * pin without a running call is simply taken over (it protects nothing: every call restores what
 * it perturbed before it ends). At most four idle pins are kept in all,
 * and a check lets go of every idle pin when it ends ({@link #releaseIdle()}), so no array is
 * kept alive for long after its check.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class ArraysInUse {

    /** The most idle pins kept in all; the oldest beyond are let go. */
    static final int IDLE_PINS = 4;

    /**
     * The resources a subject's calls use (arrays and layer objects, by identity, each with how
     * the subject names it), made once per subject; its pin is kept here.
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public static final class Resources {
        private final String subject;
        private final Object[] keys;
        private final String[] names;
        /** The thread these resources are pinned to, or null; guarded by {@link #LOCK}. */
        private Thread owner;
        /** How many calls of the owner run now (nested calls count each); guarded by {@link #LOCK}. */
        private int running;

        private Resources(String subject, Object[] keys, String[] names) {
            this.subject = subject;
            this.keys = keys;
            this.names = names;
        }

        /**
         * {@return the resources of one subject}
         *
         * @param subject the subject that uses them, for messages
         * @param resources each resource (an array or a layer object, by identity) and how the
         *     subject names it, e.g. {@code "the array of parameter 'Dense.W'"}
         */
        public static Resources of(String subject, Map<Object, String> resources) {
            Object[] keys = new Object[resources.size()];
            String[] names = new String[keys.length];
            int i = 0;
            for (Map.Entry<Object, String> r : resources.entrySet()) {
                keys[i] = r.getKey();
                names[i++] = r.getValue();
            }
            return new Resources(subject, keys, names);
        }

        /** How this subject names {@code key}, one of its resources. */
        private String nameOf(Object key) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == key) {
                    return names[i];
                }
            }
            throw new IllegalArgumentException("not a resource of subject '" + subject + "'");
        }
    }

    /** The pins on one resource: all of one thread. */
    private static final class Holder {
        final Thread thread;
        final List<Resources> pins = new ArrayList<>(1);

        Holder(Thread thread) {
            this.thread = thread;
        }

        /** The pin whose call runs now, or null. */
        Resources running() {
            for (Resources r : pins) {
                if (r.running > 0) {
                    return r;
                }
            }
            return null;
        }
    }

    private static final Object LOCK = new Object();
    private static final Map<Object, Holder> HELD = new IdentityHashMap<>();
    /** Every pinned set of resources, the least recently pinned first. */
    private static final Set<Resources> PINNED = new LinkedHashSet<>();
    private static final ThreadLocal<Set<String>> MEETINGS = ThreadLocal.withInitial(LinkedHashSet::new);
    /** How many threads wait for a turn now; guarded by {@link #LOCK}. */
    private static int waiting;

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
     * Takes a turn on every resource of {@code resources}, waiting while another thread runs a call
     * that uses any of them. Every wait is remembered for {@link #meetings()}.
     *
     * @param resources the resources of the subject that calls
     * @return the turn, to close when the call ends
     * @throws SubjectException when the thread is interrupted while it waits (the interrupt flag is
     *     then set again), naming the resource and the subject that holds it
     */
    public static Turn take(Resources resources) {
        if (resources.keys.length == 0) {
            return () -> { };
        }
        Thread me = Thread.currentThread();
        synchronized (LOCK) {
            if (resources.owner != me) {
                pin(resources, me);
            }
            resources.running++;
        }
        return () -> giveBack(resources);
    }

    /** Pins {@code resources} to {@code me}, once no other thread runs a call on any of them. */
    private static void pin(Resources resources, Thread me) {
        while (true) {
            Object busy = null;
            Resources other = null;
            for (Object key : resources.keys) {
                Holder h = HELD.get(key);
                Resources running = h == null || h.thread == me ? null : h.running();
                if (running != null) {
                    busy = key;
                    other = running;
                    break;
                }
            }
            if (busy == null) {
                for (Object key : resources.keys) {
                    Holder h = HELD.get(key);
                    if (h != null && h.thread != me) {
                        for (Resources idle : new ArrayList<>(h.pins)) {
                            unpin(idle);
                        }
                    }
                }
                for (Object key : resources.keys) {
                    HELD.computeIfAbsent(key, k -> new Holder(me)).pins.add(resources);
                }
                resources.owner = me;
                PINNED.add(resources);
                trimIdle();
                return;
            }
            MEETINGS.get().add(capitalized(resources.nameOf(busy)) + " is also " + other.nameOf(busy)
                    + " of subject '" + other.subject + "', checked at the same time on thread \""
                    + other.owner.getName() + "\": the two checks took turns, so that neither saw the other's"
                    + " perturbed values, and every array is restored. To check them in parallel at full speed,"
                    + " give each test its own arrays (build the weights in the test, or copy them)");
            waiting++;
            try {
                LOCK.wait();
            } catch (InterruptedException e) {
                me.interrupt();
                throw new SubjectException(resources.subject, null, "the thread was interrupted while it waited"
                        + " for its turn on " + resources.nameOf(busy) + ", which is also " + other.nameOf(busy)
                        + " of subject '" + other.subject + "', being checked at the same time on thread \""
                        + other.owner.getName() + "\"; give each test its own arrays to check them in parallel", e);
            } finally {
                waiting--;
            }
        }
    }

    /** Lets go of the pin of {@code resources}; guarded by {@link #LOCK}. */
    private static void unpin(Resources resources) {
        for (Object key : resources.keys) {
            Holder h = HELD.get(key);
            if (h != null && h.pins.remove(resources) && h.pins.isEmpty()) {
                HELD.remove(key);
            }
        }
        resources.owner = null;
        PINNED.remove(resources);
    }

    /** Lets go of the oldest idle pins beyond {@link #IDLE_PINS}; guarded by {@link #LOCK}. */
    private static void trimIdle() {
        int idle = 0;
        for (Resources r : PINNED) {
            idle += r.running == 0 ? 1 : 0;
        }
        for (Resources r : new ArrayList<>(PINNED)) {
            if (idle <= IDLE_PINS) {
                return;
            }
            if (r.running == 0) {
                unpin(r);
                idle--;
            }
        }
    }

    private static void giveBack(Resources resources) {
        synchronized (LOCK) {
            resources.running--;
            if (resources.running == 0 && waiting > 0) {
                LOCK.notifyAll();
            }
        }
    }

    /**
     * Lets go of every pin without a running call, so that the arrays of a finished check are not
     * kept alive; calls running now keep theirs.
     */
    public static void releaseIdle() {
        synchronized (LOCK) {
            for (Resources r : new ArrayList<>(PINNED)) {
                if (r.running == 0) {
                    unpin(r);
                }
            }
        }
    }

    /** {@return how many sets of resources are pinned now}, running or idle (for tests) */
    static int pinned() {
        synchronized (LOCK) {
            return PINNED.size();
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
