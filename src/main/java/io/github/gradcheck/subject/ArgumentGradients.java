package io.github.gradcheck.subject;

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
        Value[] out = new Value[n];
        for (int i = 0; i < n; i++) {
            String arg = argNames.get(i);
            if (constant.get(i)) {
                continue;
            }
            if (slots[i] == null) {
                throw new SubjectException(subject, arg, what + " returned null as the gradient of argument " + i
                        + " ('" + arg + "'); only constant arguments may have a null gradient");
            }
            Value g;
            try {
                g = Value.fromJava(slots[i]);
            } catch (IllegalArgumentException e) {
                throw new SubjectException(subject, arg, what + " returned an unusable gradient for argument " + i
                        + " ('" + arg + "'): " + e.getMessage(), e);
            }
            out[i] = requireShape(subject, arg, what + "'s gradient for argument " + i + " ('" + arg + "')", g, args.get(i));
        }
        return out;
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
