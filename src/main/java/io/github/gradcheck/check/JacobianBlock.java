package io.github.gradcheck.check;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The columns of a Jacobian (or Hessian) that belong to one differentiable input, as checked:
 * every entry compared, every random tangent compared, and what it cost.
 *
 * <p>An entry is an {@link ElementComparison} whose {@link ElementComparison#index() index} is
 * the element of this input (the column within the block; add {@link #firstColumn()} for the
 * column of the whole matrix) and whose {@link ElementComparison#cotangent() cotangent} is the
 * row: the output component (for a Hessian, the gradient component). A tangent is a
 * {@link DirectionComparison} of J·t along a Gaussian t supported on this input, one per row.
 *
 * @param input the input's name
 * @param shape its shape
 * @param precision its precision
 * @param firstColumn the column of its first element in the whole matrix
 * @param entries every entry compared, by column and then by row
 * @param tangents the comparisons along random tangents (fast mode and narrowing), one per row
 *     for each tangent, in the order they were drawn; empty in full mode
 * @param coverage what was measured: the mode, how many columns and tangents, any narrowing
 * @param forwardEvaluations the evaluations of the function (or of the gradient) spent on it
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record JacobianBlock(String input, Shape shape, Precision precision, int firstColumn,
                            List<ElementComparison> entries, List<DirectionComparison> tangents, Coverage coverage,
                            int forwardEvaluations) {

    /**
     * Copies the lists.
     *
     * @param input see {@link #input()}
     * @param shape see {@link #shape()}
     * @param precision see {@link #precision()}
     * @param firstColumn see {@link #firstColumn()}
     * @param entries see {@link #entries()}
     * @param tangents see {@link #tangents()}
     * @param coverage see {@link #coverage()}
     * @param forwardEvaluations see {@link #forwardEvaluations()}
     */
    public JacobianBlock {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(precision, "precision");
        entries = List.copyOf(entries);
        tangents = List.copyOf(tangents);
        Objects.requireNonNull(coverage, "coverage");
    }

    /** {@return FAIL if an entry or a tangent failed, else INCONCLUSIVE if one was, else PASS} */
    public Verdict verdict() {
        Verdict v = Verdict.PASS;
        for (ElementComparison e : entries) {
            v = v.and(e.verdict());
        }
        for (DirectionComparison d : tangents) {
            v = v.and(d.verdict());
        }
        return v;
    }

    /** {@return how many entries failed} */
    public long failedEntries() {
        return entries.stream().filter(e -> e.verdict() == Verdict.FAIL).count();
    }

    /** {@return how many entries were inconclusive} */
    public long inconclusiveEntries() {
        return entries.stream().filter(e -> e.verdict() == Verdict.INCONCLUSIVE).count();
    }

    /** {@return how many distinct columns were compared entry by entry} */
    public long columnsChecked() {
        return entries.stream().mapToInt(ElementComparison::index).distinct().count();
    }

    /**
     * {@return the entry to show: the one furthest past its tolerance, or when all pass, the one
     * with the largest relative error}
     *
     * @throws IllegalStateException when no entry was compared
     */
    public ElementComparison worst() {
        if (entries.isEmpty()) {
            throw new IllegalStateException("input '" + input + "' has no compared entries");
        }
        Comparator<ElementComparison> bySeverity = Comparator.comparingDouble(ElementComparison::severity);
        Comparator<ElementComparison> order = verdict() == Verdict.PASS
                ? Comparator.comparingDouble(ElementComparison::relativeError).thenComparing(bySeverity) : bySeverity;
        ElementComparison worst = entries.get(0);
        for (ElementComparison e : entries) {
            if (order.compare(e, worst) > 0) {
                worst = e;
            }
        }
        return worst;
    }
}
