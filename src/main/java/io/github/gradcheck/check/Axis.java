package io.github.gradcheck.check;

import io.github.gradcheck.model.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The rows or the columns of a Jacobian or Hessian: the elements of one or more named values,
 * each flattened in row-major order, one value after the other. The columns of a Jacobian are
 * the elements of the differentiable inputs in the order of the point; its rows are the
 * elements of the output; the rows and the columns of a Hessian are both the inputs' elements.
 *
 * <pre>{@code
 * Axis columns = new Axis(List.of("state", "bias"), List.of(Shape.of(3), Shape.scalar()));
 * columns.size();      // 4
 * columns.label(1);    // "state[1]"
 * columns.label(3);    // "bias"
 * }</pre>
 *
 * @param names the name of each value, in order
 * @param shapes the shape of each value, in the same order
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record Axis(List<String> names, List<Shape> shapes) {

    /**
     * Copies the lists.
     *
     * @param names see {@link #names()}
     * @param shapes see {@link #shapes()}
     * @throws IllegalArgumentException when the lists differ in length
     */
    public Axis {
        names = List.copyOf(names);
        shapes = List.copyOf(shapes);
        if (names.size() != shapes.size()) {
            throw new IllegalArgumentException("an axis needs one shape per name, got " + names.size() + " names and "
                    + shapes.size() + " shapes");
        }
    }

    /**
     * {@return an axis of one value}
     *
     * @param name its name
     * @param shape its shape
     */
    public static Axis of(String name, Shape shape) {
        return new Axis(List.of(Objects.requireNonNull(name, "name")), List.of(Objects.requireNonNull(shape, "shape")));
    }

    /** {@return the number of elements along the axis: the sum of the values' sizes} */
    public int size() {
        int n = 0;
        for (Shape s : shapes) {
            n += s.size();
        }
        return n;
    }

    /**
     * {@return the position along the axis of the first element of the value named {@code name}}
     *
     * @param name the name of one of the values
     * @throws IllegalArgumentException when no value has that name
     */
    public int offset(String name) {
        int at = 0;
        for (int p = 0; p < names.size(); p++) {
            if (names.get(p).equals(name)) {
                return at;
            }
            at += shapes.get(p).size();
        }
        throw new IllegalArgumentException("the axis has no value named '" + name + "'; it has " + names);
    }

    /**
     * {@return which value the element at {@code flat} belongs to, as an index into {@link #names()}}
     *
     * @param flat a position along the axis, from 0 to {@code size() - 1}
     * @throws IndexOutOfBoundsException when it is out of range
     */
    public int part(int flat) {
        int at = 0;
        for (int p = 0; p < names.size(); p++) {
            int n = shapes.get(p).size();
            if (flat >= at && flat < at + n) {
                return p;
            }
            at += n;
        }
        throw new IndexOutOfBoundsException("position " + flat + " of an axis of " + size() + " elements");
    }

    /**
     * {@return how reports name the element at {@code flat}}: the value's name followed by its
     * index within the value, e.g. {@code state[1]} or {@code W[0,2]}; the name alone for a scalar
     *
     * @param flat a position along the axis, from 0 to {@code size() - 1}
     * @throws IndexOutOfBoundsException when it is out of range
     */
    public String label(int flat) {
        int p = part(flat);
        int local = flat;
        for (int q = 0; q < p; q++) {
            local -= shapes.get(q).size();
        }
        return names.get(p) + shapes.get(p).indexOf(local);
    }

    /** {@return every label along the axis, in order, a new list} */
    public List<String> labels() {
        List<String> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(label(i));
        }
        return out;
    }
}
