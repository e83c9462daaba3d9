package io.github.gradcheck.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The input values at which a subject is checked: named, ordered, each either
 * differentiable or constant (indices, labels, masks are never perturbed).
 *
 * <pre>{@code
 * Point p = Point.of("x", 3.0, "y", -4.0);
 * Point q = Point.builder().input("logits", new double[] {1, 2, 3}).constant("label", 2).build();
 * }</pre>
 *
 * Values are copied on the way in, so later changes to the caller's arrays do not change
 * the point.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Point {

    private final Map<String, Value> values;
    private final Set<String> constants;

    private Point(Map<String, Value> values, Set<String> constants) {
        this.values = values;
        this.constants = constants;
    }

    /**
     * {@return a point of differentiable inputs from alternating names and values}:
     * {@code Point.of("x", 3.0, "W", new double[][] {...})}.
     *
     * @param namesAndValues each input's name (a {@code String}) followed by its value (a number
     *     or an array, as {@link Value#fromJava} takes; copied)
     * @throws IllegalArgumentException when the arguments do not alternate name, value, a name is
     *     used twice, or a value is unusable
     */
    public static Point of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "Point.of takes pairs of name and value, got an odd number of arguments: "
                            + namesAndValues.length);
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("argument " + i + " of Point.of must be an input name (a String), got "
                        + Value.describeType(namesAndValues[i]));
            }
            b.input(name, namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** {@return a builder for points with constant inputs} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the input names in order, a new list} */
    public List<String> names() {
        return new ArrayList<>(values.keySet());
    }

    /**
     * {@return the value of an input}
     *
     * @param name the input's name
     * @throws IllegalArgumentException naming the inputs there are, when there is none of this name
     */
    public Value get(String name) {
        Value v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the point has no input '" + name + "'; it has " + values.keySet());
        }
        return v;
    }

    /**
     * {@return whether the point has an input of this name}
     *
     * @param name a name
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * {@return whether the input is constant (not differentiated); false when there is no such input}
     *
     * @param name the input's name
     */
    public boolean isConstant(String name) {
        return constants.contains(name);
    }

    /** {@return the number of inputs} */
    public int size() {
        return values.size();
    }

    /**
     * {@return a copy of this point with one input's value replaced, its constness kept}
     *
     * @param name the input's name
     * @param value its new value
     * @throws IllegalArgumentException when there is no such input
     */
    public Point with(String name, Value value) {
        get(name);
        Objects.requireNonNull(value, () -> "Point.with(\"" + name + "\", value) needs the input's new value, got"
                + " null; e.g. point.with(\"" + name + "\", Value.scalar(0.5))");
        Map<String, Value> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Point(copy, constants);
    }

    /**
     * {@return whether {@code o} is a point with inputs of the same names, bit-equal values and
     * the same constants, in any order}
     *
     * @param o any object
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Point p && values.equals(p.values) && constants.equals(p.constants);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, constants);
    }

    /** {@return the inputs as reports write them: {@code x = 3.0, y = -4.0}, constants marked} */
    @Override
    public String toString() {
        return describe(false);
    }

    /**
     * {@return the inputs with every element written out}, as {@link #toString()} writes them with
     * arrays abbreviated after 8 elements: for files meant to reproduce the point exactly
     *
     * @since 0.1.0
     */
    public String toFullString() {
        return describe(true);
    }

    private String describe(boolean full) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Value> e : values.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(" = ").append(full ? e.getValue().toFullString() : e.getValue().toString());
            if (constants.contains(e.getKey())) {
                sb.append(" (constant)");
            }
        }
        return sb.toString();
    }

    /**
     * Builds a {@link Point}.
     *
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    public static final class Builder {
        private final Map<String, Value> values = new LinkedHashMap<>();
        private final Set<String> constants = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Adds a differentiable input.
         *
         * @param name the input's name
         * @param value a number or an array, as {@link Value#fromJava} takes; copied
         * @return this builder
         * @throws IllegalArgumentException when the name is used already, the value is unusable or
         *     an integer array (those are constants)
         */
        public Builder input(String name, Object value) {
            return add(name, value, false);
        }

        /**
         * Adds a constant input (an index, label or mask) that is never perturbed.
         *
         * @param name the input's name
         * @param value a number or an array, as {@link Value#fromJava} takes, integer arrays
         *     ({@code int[]}, {@code long[]}, ...) included; copied
         * @return this builder
         * @throws IllegalArgumentException when the name is used already or the value is unusable
         */
        public Builder constant(String name, Object value) {
            return add(name, value, true);
        }

        private Builder add(String name, Object value, boolean constant) {
            Objects.requireNonNull(name, "a point input needs a name, got null; e.g. Point.builder().input(\"x\", 1.0)");
            if (values.containsKey(name)) {
                throw new IllegalArgumentException("the point already has an input named '" + name + "'");
            }
            Value v;
            try {
                v = Value.fromJava(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("input '" + name + "': " + e.getMessage(), e);
            }
            if (!constant && v.isInteger()) {
                throw new IllegalArgumentException("input '" + name + "' is an integer array (an index, label or"
                        + " mask), which cannot be differentiated; add it with constant(\"" + name + "\", ...)");
            }
            values.put(name, v);
            if (constant) {
                constants.add(name);
            }
            return this;
        }

        /** {@return the point, which later calls of this builder do not change} */
        public Point build() {
            return new Point(new LinkedHashMap<>(values), new LinkedHashSet<>(constants));
        }
    }
}
