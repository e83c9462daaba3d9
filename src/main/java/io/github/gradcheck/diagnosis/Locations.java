package io.github.gradcheck.diagnosis;

import io.github.gradcheck.model.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Describes where the wrong elements of a node are: one element, a row, a column, the diagonal, a list. */
final class Locations {

    private static final int LISTED = 6;

    private Locations() {
    }

    static String describe(Shape shape, Set<Integer> wrong) {
        if (wrong.size() == 1) {
            return "one element, " + shape.indexOf(wrong.iterator().next());
        }
        if (shape.rank() == 2) {
            int rows = shape.dim(0);
            int cols = shape.dim(1);
            Integer row = commonRow(wrong, cols);
            if (row != null) {
                return wrong.size() == cols ? "row " + row + " (all of it)"
                        : wrong.size() + " elements of row " + row + ": " + list(shape, wrong);
            }
            Integer col = commonColumn(wrong, cols);
            if (col != null) {
                return wrong.size() == rows ? "column " + col + " (all of it)"
                        : wrong.size() + " elements of column " + col + ": " + list(shape, wrong);
            }
            if (allDiagonal(wrong, cols)) {
                return wrong.size() == Math.min(rows, cols) ? "the diagonal (all of it)"
                        : wrong.size() + " elements on the diagonal: " + list(shape, wrong);
            }
        }
        return list(shape, wrong);
    }

    private static Integer commonRow(Set<Integer> wrong, int cols) {
        Integer row = null;
        for (int i : wrong) {
            if (row == null) {
                row = i / cols;
            } else if (row != i / cols) {
                return null;
            }
        }
        return row;
    }

    private static Integer commonColumn(Set<Integer> wrong, int cols) {
        Integer col = null;
        for (int i : wrong) {
            if (col == null) {
                col = i % cols;
            } else if (col != i % cols) {
                return null;
            }
        }
        return col;
    }

    private static boolean allDiagonal(Set<Integer> wrong, int cols) {
        for (int i : wrong) {
            if (i / cols != i % cols) {
                return false;
            }
        }
        return true;
    }

    static String list(Shape shape, Set<Integer> wrong) {
        List<String> shown = new ArrayList<>();
        for (int i : wrong) {
            if (shown.size() == LISTED) {
                shown.add("… (" + wrong.size() + " in all)");
                break;
            }
            shown.add(shape.indexOf(i));
        }
        return String.join(", ", shown);
    }
}
