package io.github.gradcheck.check;

import io.github.gradcheck.model.Point;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * The result of checking a claimed Jacobian or Hessian (as a matrix, or as products with one) at
 * one point: every entry compared, grouped by the input whose columns they are, the identities
 * that hold exactly (the adjoint test, a Hessian's symmetry), for a Hessian the check of its
 * gradient, and what it all cost. Render it with {@code io.github.gradcheck.report.TextReport}.
 *
 * <p>The entries are measured column by column: column j (one element of one input) by
 * perturbing that element alone and differencing the function (for a Hessian, the verified
 * gradient, or the function twice); the random tangents of fast mode by perturbing a whole
 * input along a Gaussian direction. Every comparison is judged as in reverse mode: a tolerance
 * from the measurement's own error estimate, three verdicts, kinks and coarse measurements
 * inconclusive.
 *
 * @param subject the subject's name
 * @param kind what was claimed: a Jacobian, JVPs, a Hessian or HVPs
 * @param point where it was checked
 * @param options how it was checked (including the seed)
 * @param rows the rows of the matrix: the output's elements (for a Hessian, the gradient's)
 * @param columns the columns: the differentiable inputs' elements, in the point's order
 * @param blocks the checks of the columns of each differentiable input, in the point's order
 * @param identities the exact identities checked: the adjoint test, a Hessian's symmetry
 * @param gradient for a Hessian with a claimed gradient, the check of that gradient (run first;
 *     the Hessian is measured from it only when it passed); empty otherwise
 * @param measurement what the entries were measured from
 * @param forwardEvaluations evaluations of the function (or of the gradient) spent measuring
 * @param claimEvaluations calls of the claimed derivative: the Jacobian or Hessian function,
 *     the JVPs, HVPs and VJPs
 * @param notes remarks for the reader that are not verdicts, e.g. the coarser resolution of
 *     second differences
 * @param mode the mode that ran ({@link CheckMode#AUTO} resolved)
 * @param wallTime how long the check took; compare what two checks measured with
 *     {@link #sameMeasurements}
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record JacobianReport(String subject, DerivativeKind kind, Point point, CheckOptions options, Axis rows,
                             Axis columns, List<JacobianBlock> blocks, List<IdentityCheck> identities,
                             Optional<GradientReport> gradient, Measurement measurement, int forwardEvaluations,
                             int claimEvaluations, List<String> notes, CheckMode mode, Duration wallTime) {

    /**
     * What the true entries were measured from.
     *
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    public enum Measurement {
        /** Central differences of the function along each column (and each random tangent). */
        FUNCTION_DIFFERENCES("differences of the function"),
        /** Central differences of the claimed gradient, after the gradient itself was verified. */
        GRADIENT_DIFFERENCES("differences of the verified gradient"),
        /**
         * Second differences of the function: no (right) gradient to difference. Their resolution
         * is coarser: a relative error of about 1e-5 rather than 1e-10 in double.
         */
        SECOND_DIFFERENCES("second differences of the function");

        private final String description;

        Measurement(String description) {
            this.description = description;
        }

        /** {@return a few words for reports, e.g. {@code "differences of the verified gradient"}} */
        public String description() {
            return description;
        }
    }

    /**
     * Copies the lists.
     *
     * @param subject see {@link #subject()}
     * @param kind see {@link #kind()}
     * @param point see {@link #point()}
     * @param options see {@link #options()}
     * @param rows see {@link #rows()}
     * @param columns see {@link #columns()}
     * @param blocks see {@link #blocks()}
     * @param identities see {@link #identities()}
     * @param gradient see {@link #gradient()}
     * @param measurement see {@link #measurement()}
     * @param forwardEvaluations see {@link #forwardEvaluations()}
     * @param claimEvaluations see {@link #claimEvaluations()}
     * @param notes see {@link #notes()}
     * @param mode see {@link #mode()}
     * @param wallTime see {@link #wallTime()}
     */
    public JacobianReport {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(columns, "columns");
        blocks = List.copyOf(blocks);
        identities = List.copyOf(identities);
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(measurement, "measurement");
        notes = List.copyOf(notes);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(wallTime, "wallTime");
    }

    /**
     * {@return the verdict of the check}: FAIL if an entry, a tangent, an identity or the gradient
     * failed, else INCONCLUSIVE if one of them was, else PASS
     */
    public Verdict verdict() {
        Verdict v = matrixVerdict();
        for (IdentityCheck i : identities) {
            v = v.and(i.verdict());
        }
        if (gradient.isPresent()) {
            v = v.and(gradient.get().verdict());
        }
        return v;
    }

    /** {@return the verdict of the entries and tangents alone, without the identities and the gradient} */
    public Verdict matrixVerdict() {
        Verdict v = Verdict.PASS;
        for (JacobianBlock b : blocks) {
            v = v.and(b.verdict());
        }
        return v;
    }

    /** {@return whether everything claimed was confirmed}: the verdict is PASS */
    public boolean passed() {
        return verdict() == Verdict.PASS;
    }

    /** {@return every compared entry placed in the matrix, row by row and column by column within a row} */
    public List<JacobianEntry> entries() {
        List<JacobianEntry> out = new ArrayList<>();
        for (JacobianBlock b : blocks) {
            for (ElementComparison e : b.entries()) {
                int column = b.firstColumn() + e.index();
                out.add(new JacobianEntry(e.cotangent(), column, rows.label(e.cotangent()), columns.label(column), e));
            }
        }
        out.sort(Comparator.comparingInt(JacobianEntry::row).thenComparingInt(JacobianEntry::column));
        return out;
    }

    /** {@return the entries that failed, row by row} */
    public List<JacobianEntry> wrongEntries() {
        return entries().stream().filter(e -> e.verdict() == Verdict.FAIL).toList();
    }

    /**
     * {@return the comparison of one entry, when it was compared}
     *
     * @param row the row (output component)
     * @param column the column (input element over all inputs)
     */
    public Optional<JacobianEntry> entry(int row, int column) {
        return entries().stream().filter(e -> e.row() == row && e.column() == column).findFirst();
    }

    /**
     * {@return the block of the columns of one input}, empty when no differentiable input has that name
     *
     * @param input the input's name
     */
    public Optional<JacobianBlock> block(String input) {
        return blocks.stream().filter(b -> b.input().equals(input)).findFirst();
    }

    /** {@return the failed identities (adjoint, symmetry)} */
    public List<IdentityCheck> failedIdentities() {
        return identities.stream().filter(i -> i.verdict() == Verdict.FAIL).toList();
    }

    /**
     * {@return the coarsest relative resolution of any entry with a non-zero value}: the smallest
     * relative error in a claimed entry this check was sure to detect; empty when every entry is 0
     */
    public OptionalDouble resolution() {
        return blocks.stream().flatMap(b -> b.entries().stream()).mapToDouble(ElementComparison::resolution)
                .filter(Double::isFinite).max();
    }

    /** {@return the number of inconclusive entries} */
    public long inconclusiveEntries() {
        return blocks.stream().mapToLong(JacobianBlock::inconclusiveEntries).sum();
    }

    /** {@return whether every column of every input was compared entry by entry} */
    public boolean complete() {
        return blocks.stream().allMatch(b -> b.coverage().complete());
    }

    /** {@return the seed that reproduces this check}: that of its {@link #options()} */
    public long seed() {
        return options.seed();
    }

    /** {@return the matrix's symbol in reports: {@code J} or {@code H}} */
    public String symbol() {
        return kind.symbol();
    }

    /**
     * {@return the evaluations of the function (or gradient) spent per column compared entry by
     * entry, averaged}: about 6 where the cheap screen settles an entry, up to about 40 where the
     * robust estimate must confirm; for second differences several times more. NaN when no column
     * was compared.
     */
    public double evaluationsPerColumn() {
        long columns = blocks.stream().mapToLong(JacobianBlock::columnsChecked).sum();
        int spent = blocks.stream().mapToInt(JacobianBlock::forwardEvaluations).sum();
        return columns == 0 ? Double.NaN : (double) spent / columns;
    }

    /**
     * {@return whether {@code other} measured the same as this report}: every component is equal
     * but the {@linkplain #wallTime() wall time} (and the wall time of the gradient's report)
     *
     * @param other the report to compare with
     */
    public boolean sameMeasurements(JacobianReport other) {
        if (other == null) {
            return false;
        }
        boolean sameGradient = gradient.isPresent() == other.gradient.isPresent()
                && (gradient.isEmpty() || gradient.get().sameMeasurements(other.gradient.get()));
        return sameGradient && equals(new JacobianReport(other.subject, other.kind, other.point, other.options,
                other.rows, other.columns, other.blocks, other.identities, gradient, other.measurement,
                other.forwardEvaluations, other.claimEvaluations, other.notes, other.mode, wallTime));
    }

    /** {@return one line: the subject, what was claimed, the point and the verdict} */
    @Override
    public String toString() {
        return "JacobianReport[subject '" + subject + "' (" + kind.label() + ") at " + point + ": "
                + verdict().label() + ", " + wrongEntries().size() + " wrong entries]";
    }
}
