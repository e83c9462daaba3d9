package io.github.gradcheck.subject;

import io.github.gradcheck.internal.subject.GradientView;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Value;
import java.util.List;

/** Reads the per-argument gradients a user's backward returned, with errors that say which is wrong. */
final class ArgumentGradients {

    private ArgumentGradients() {
    }

    /**
     * One gradient per argument (null for constants), shaped like the argument.
     *
     * @param what e.g. "the backward of op 'invden'"
     */
    static Value[] read(String subject, String node, String what, Object returned,
                        List<String> argNames, List<Value> args, List<Boolean> constant) {
        Object[] slots = slots(subject, node, what, returned, argNames, args);
        Value[] out = new Value[args.size()];
        for (int i = 0; i < out.length; i++) {
            if (!constant.get(i)) {
                out[i] = gradient(subject, what, slots[i], i, argNames.get(i), args.get(i));
            }
        }
        return out;
    }

    /**
     * As {@link #read}, but a gradient the user returned as a {@code double[]}, {@code float[]} or
     * {@code double[][]} of its argument's shape is viewed in place, not copied
     * ({@link GradientView#inPlace}): valid only until the user's code runs again. The checks and
     * errors are those of {@link #read}.
     */
    static GradientView[] readViewed(String subject, String node, String what, Object returned,
                                     List<String> argNames, List<Value> args, List<Boolean> constant) {
        Object[] slots = slots(subject, node, what, returned, argNames, args);
        GradientView[] out = new GradientView[args.size()];
        for (int i = 0; i < out.length; i++) {
            if (constant.get(i)) {
                continue;
            }
            Value arg = args.get(i);
            boolean flat = arg.shape().rank() == 1;
            if (flat && slots[i] instanceof double[] d && d.length == arg.size()) {
                out[i] = GradientView.inPlace(d, arg.shape(), arg.precision());
            } else if (flat && slots[i] instanceof float[] f && f.length == arg.size()) {
                out[i] = GradientView.inPlace(f, arg.shape(), arg.precision());
            } else if (slots[i] instanceof double[][] m && GradientView.fits(m, arg.shape())) {
                out[i] = GradientView.inPlace(m, arg.shape(), arg.precision());
            } else {
                out[i] = GradientView.of(gradient(subject, what, slots[i], i, argNames.get(i), arg));
            }
        }
        return out;
    }

    /** The returned gradients, one slot per argument, with errors for a return of the wrong form or count. */
    private static Object[] slots(String subject, String node, String what, Object returned,
                                  List<String> argNames, List<Value> args) {
        int n = args.size();
        Object[] slots;
        boolean scalarsAsArray = allScalars(args) && (returned instanceof double[] || returned instanceof float[]);
        if (n == 1 && !scalarsAsArray && !(returned instanceof List) && !isWrappedSingle(returned, args.get(0))) {
            slots = new Object[] {returned};
        } else if (scalarsAsArray) {
            Value flat = Value.fromJava(returned);
            slots = new Object[flat.size()];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = returned instanceof float[] ? (Object) (float) flat.get(i) : (Object) flat.get(i);
            }
        } else if (returned instanceof Object[] array) {
            slots = array;
        } else if (returned instanceof List<?> list) {
            slots = list.toArray();
        } else if (returned == null) {
            throw new SubjectException(subject, node, what + " returned null; return "
                    + (n == 1 ? "the gradient of '" + argNames.get(0) + "'"
                            : "an Object[] with one gradient per argument " + argNames));
        } else {
            throw new SubjectException(subject, node, what + " returned a single " + returned.getClass().getSimpleName()
                    + " but there are " + n + " arguments " + argNames
                    + "; return an Object[] or a List with one gradient per argument, in that order");
        }
        if (slots.length != n) {
            throw new SubjectException(subject, node, what + " returned " + slots.length + " gradient"
                    + (slots.length == 1 ? "" : "s") + " for " + n + " argument" + (n == 1 ? "" : "s") + " " + argNames
                    + "; return exactly one per argument, in that order (null for constants)");
        }
        return slots;
    }

    /** One argument's gradient as a value shaped like the argument, copied from what the user returned. */
    private static Value gradient(String subject, String what, Object slot, int i, String arg, Value of) {
        if (slot == null) {
            throw new SubjectException(subject, arg, what + " returned null as the gradient of argument " + i
                    + " ('" + arg + "'); only constant arguments may have a null gradient");
        }
        Value g;
        try {
            g = Value.fromJava(slot);
        } catch (IllegalArgumentException e) {
            throw new SubjectException(subject, arg, what + " returned an unusable gradient for argument " + i
                    + " ('" + arg + "'): " + e.getMessage(), e);
        }
        return requireShape(subject, arg, what + "'s gradient for argument " + i + " ('" + arg + "')", g, of);
    }

    private static boolean allScalars(List<Value> args) {
        for (Value a : args) {
            if (a.shape().rank() != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a single argument's gradient came back wrapped, as {@code new Object[] {dx}} or,
     * for a vector argument, {@code new double[][] {dx}}. A {@code double[][]} for a matrix
     * argument is the gradient itself.
     */
    private static boolean isWrappedSingle(Object returned, Value arg) {
        if (!(returned instanceof Object[] array) || array.length != 1) {
            return false;
        }
        int nestedRank = returned instanceof double[][] || returned instanceof float[][] ? 2
                : returned instanceof double[][][] || returned instanceof float[][][] ? 3 : 0;
        return nestedRank == 0 || nestedRank == arg.shape().rank() + 1;
    }

    /** Checks a gradient has the shape of what it is the gradient of. */
    static Value requireShape(String subject, String node, String what, Value gradient, Value of) {
        if (!gradient.shape().equals(of.shape())) {
            throw new SubjectException(subject, node, what + " has shape " + gradient.shape()
                    + " but '" + node + "' has shape " + of.shape()
                    + "; a gradient must have the shape of what it is the gradient of");
        }
        return gradient.withPrecision(of.precision());
    }
}
