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
     * A point from alternating names and values: {@code Point.of("x", 3.0, "W", new double[][] {...})}.
     *
     * @throws IllegalArgumentException when the arguments do not alternate name, value
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

    /** A builder for points with constant inputs. */
    public static Builder builder() {
        return new Builder();
    }

    /** The input names in order. */
    public List<String> names() {
        return new ArrayList<>(values.keySet());
    }

    /** The value of an input. */
    public Value get(String name) {
        Value v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the point has no input '" + name + "'; it has " + values.keySet());
        }
        return v;
    }

    /** Whether the point has an input of this name. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Whether the input is constant (not differentiated). */
    public boolean isConstant(String name) {
        return constants.contains(name);
    }

    /** The number of inputs. */
    public int size() {
        return values.size();
    }

    /** A copy of this point with one input's value replaced (its constness kept). */
    public Point with(String name, Value value) {
        get(name);
        Map<String, Value> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Point(copy, constants);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point p && values.equals(p.values) && constants.equals(p.constants);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, constants);
    }

    /** {@code x = 3.0, y = -4.0}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Value> e : values.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(" = ").append(e.getValue());
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

        /** Adds a differentiable input (a number or an array, copied). */
        public Builder input(String name, Object value) {
            return add(name, value, false);
        }

        /** Adds a constant input (an index, label or mask) that is never perturbed. */
        public Builder constant(String name, Object value) {
            return add(name, value, true);
        }

        private Builder add(String name, Object value, boolean constant) {
            Objects.requireNonNull(name, "input name");
            if (values.containsKey(name)) {
                throw new IllegalArgumentException("the point already has an input named '" + name + "'");
            }
            Value v;
            try {
                v = Value.fromJava(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("input '" + name + "': " + e.getMessage(), e);
            }
            values.put(name, v);
            if (constant) {
                constants.add(name);
            }
            return this;
        }

        /** The point. */
        public Point build() {
            return new Point(new LinkedHashMap<>(values), new LinkedHashSet<>(constants));
        }
    }
}
