package io.github.gradcheck.subject;

import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Value;

/** Calls into user code and turns what comes back into values, with errors that say where. */
final class UserCode {

    /** A piece of user code that may throw anything. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws Exception;
    }

    private UserCode() {
    }

    /**
     * Runs user code; whatever it throws (an exception, checked ones thrown sneakily included, or
     * an {@link Error}) becomes the cause of a SubjectException. Only the JVM's own failures
     * ({@link OutOfMemoryError} and the like, not {@link StackOverflowError}) pass through.
     */
    static <T> T call(String subject, String node, String what, Call<T> call) {
        try {
            return call.run();
        } catch (SubjectException e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e;
            }
            if (e instanceof InterruptedException || e instanceof java.io.InterruptedIOException) {
                Thread.currentThread().interrupt(); // the check was interrupted: keep the flag for it to see
            }
            throw new SubjectException(subject, node, what + " threw " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " (the exception is attached as the cause)", e);
        }
    }

    /** Converts what user code returned into a value, naming what it was. */
    static Value toValue(String subject, String node, String what, Object returned) {
        if (returned == null) {
            throw new SubjectException(subject, node, what + " returned null; return a number or an array");
        }
        try {
            return Value.fromJava(returned);
        } catch (IllegalArgumentException e) {
            throw new SubjectException(subject, node, what + " returned something unusable: " + e.getMessage(), e);
        }
    }

    /** Checks that a value computed for {@code node} is finite, naming the first bad element. */
    static Value requireFinite(String subject, String node, String what, Value v) {
        int bad = v.firstNonFinite();
        if (bad >= 0) {
            throw new SubjectException(subject, node, what + " is " + v.get(bad)
                    + (v.shape().rank() == 0 ? "" : " at element " + v.shape().indexOf(bad))
                    + "; gradients can only be checked where the function is finite: choose another point");
        }
        return v;
    }
}
