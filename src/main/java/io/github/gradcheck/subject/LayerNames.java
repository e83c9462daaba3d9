package io.github.gradcheck.subject;

import io.github.gradcheck.model.SubjectException;

/** How layers are named in a graph: what {@link Layer#name()} says, or their class and position. */
final class LayerNames {

    private LayerNames() {
    }

    /**
     * A class as a person reads it: its simple name; for an anonymous class, the name Java gives it
     * ({@code NetworkTests$1}: the class it is written in, and its number there); for a lambda or
     * another hidden class, the name without the suffix that changes from run to run.
     */
    static String readable(Class<?> c) {
        String simple = c.getSimpleName();
        if (!simple.isEmpty() && !c.isSynthetic() && !c.isHidden()) {
            return simple;
        }
        String tail = c.getName().substring(c.getName().lastIndexOf('.') + 1);
        int slash = tail.indexOf('/');
        return slash < 0 ? tail : tail.substring(0, slash);
    }

    /**
     * The name of the layer at {@code position} (1-based) of a stack: what its {@link Layer#name()}
     * returns or, when that is null or blank, {@code "layer 2 (NetworkTests$1)"}.
     *
     * @throws SubjectException when {@code name()} throws, naming the layer's class and position
     */
    static String nameOf(String subject, Layer<?, ?> layer, int position) {
        String n;
        try {
            n = layer.name();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw e;
            }
            throw new SubjectException(subject, null, "name() of layer " + position + " (a " + readable(classOf(layer))
                    + ") threw " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " (attached as the cause); return a fixed name from it, or leave it to its default (the"
                    + " class's name)", e);
        }
        return n == null || n.isBlank() ? unnamed(layer, position) : n;
    }

    /** The name of a layer that gave none: its position and its class, e.g. {@code "layer 2 (NetworkTests$1)"}. */
    static String unnamed(Layer<?, ?> layer, int position) {
        return "layer " + position + " (" + readable(classOf(layer)) + ")";
    }

    /** {@return the class of the user's layer: that of the layer a tangent rule was given to, not of the wrapper} */
    static Class<?> classOf(Layer<?, ?> layer) {
        return layer instanceof LayerWithTangent<?, ?> w ? w.layer().getClass() : layer.getClass();
    }
}
