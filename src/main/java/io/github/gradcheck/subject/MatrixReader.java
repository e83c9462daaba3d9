package io.github.gradcheck.subject;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Jacobian or Hessian a user's function returned (one matrix, or one block per
 * differentiable input, see {@link JacobianFunction}) into one value of shape [rows x columns],
 * with errors that say which dimension is wrong and what was expected.
 */
final class MatrixReader {

    private final String subject;
    private final String node;
    private final String what;
    private final String formula;
    private final int rows;
    private final String rowsAre;
    private final List<String> inputs;
    private final List<Shape> shapes;

    /**
     * @param node the node the errors name, e.g. "jacobian"
     * @param what e.g. "the Jacobian function"
     * @param formula what an entry is, e.g. "J[i][j] = ∂out_i/∂in_j"
     * @param rows the number of rows expected
     * @param rowsAre what the rows are the elements of, for messages, e.g. "the output (2)"
     * @param inputs the differentiable inputs, whose elements are the columns
     * @param shapes their shapes
     */
    MatrixReader(String subject, String node, String what, String formula, int rows, String rowsAre,
                 List<String> inputs, List<Shape> shapes) {
        this.subject = subject;
        this.node = node;
        this.what = what;
        this.formula = formula;
        this.rows = rows;
        this.rowsAre = rowsAre;
        this.inputs = List.copyOf(inputs);
        this.shapes = List.copyOf(shapes);
    }

    int columns() {
        int n = 0;
        for (Shape s : shapes) {
            n += s.size();
        }
        return n;
    }

    /** What the matrix must look like, for messages. */
    String layout() {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            cols.add(inputs.get(i) + " (" + shapes.get(i).size() + ")");
        }
        return formula + " has one row per element of " + rowsAre + " and one column per element of "
                + String.join(", ", cols) + ": a " + rows + "x" + columns() + " matrix";
    }

    /** The matrix as one value of shape [rows x columns], in {@code precision}. */
    Value read(Object returned, Precision precision) {
        if (returned == null) {
            throw problem(what + " returned null; return a double[][], " + layout());
        }
        double[] flat = new double[rows * columns()];
        boolean blocks = (returned instanceof Object[] && !(returned instanceof double[][])
                && !(returned instanceof float[][])) || returned instanceof List;
        if (blocks && inputs.size() > 1) {
            Object[] parts = returned instanceof List<?> list ? list.toArray() : (Object[]) returned;
            if (parts.length != inputs.size()) {
                throw problem(what + " returned " + parts.length + " blocks for " + inputs.size()
                        + " differentiable inputs " + inputs + "; return one block per input, in that order, or one"
                        + " matrix: " + layout());
            }
            int offset = 0;
            for (int p = 0; p < parts.length; p++) {
                Value block = block(parts[p], shapes.get(p).size(), "the block of '" + inputs.get(p) + "'");
                copy(block, flat, offset);
                offset += shapes.get(p).size();
            }
        } else {
            Object single = blocks ? ((returned instanceof List<?> list) ? list.toArray() : (Object[]) returned) : returned;
            if (blocks && ((Object[]) single).length == 1) {
                single = ((Object[]) single)[0];
            }
            copy(block(single, columns(), "the matrix"), flat, 0);
        }
        return Value.of(Shape.of(rows, columns()), precision, flat);
    }

    /** One block of {@code cols} columns as a [rows x cols] value. */
    private Value block(Object part, int cols, String which) {
        if (part == null) {
            throw problem(what + " returned null as " + which + "; " + layout());
        }
        Value v;
        try {
            v = Value.fromJava(part);
        } catch (IllegalArgumentException e) {
            throw new SubjectException(subject, node, what + " returned something unusable as " + which + ": "
                    + e.getMessage() + "; " + layout(), e);
        }
        Shape s = v.shape();
        boolean fits = switch (s.rank()) {
            case 0 -> rows == 1 && cols == 1;
            case 1 -> (rows == 1 && s.dim(0) == cols) || (cols == 1 && s.dim(0) == rows);
            case 2 -> s.dim(0) == rows && s.dim(1) == cols;
            default -> false;
        };
        if (!fits) {
            String hint = s.rank() == 2 && s.dim(0) == cols && s.dim(1) == rows && rows != cols
                    ? " (that is the transpose: is it laid out column by column?)" : "";
            throw problem(what + " returned " + which + " with shape " + s + " but it must be " + rows + "x" + cols
                    + hint + "; " + layout());
        }
        return v;
    }

    private void copy(Value block, double[] flat, int offset) {
        int cols = block.shape().rank() == 2 ? block.shape().dim(1) : block.size() / rows;
        int n = columns();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                flat[i * n + offset + j] = block.get(i * cols + j);
            }
        }
    }

    private SubjectException problem(String message) {
        return new SubjectException(subject, node, message);
    }
}
