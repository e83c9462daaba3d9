package io.github.gradcheck.check;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One entry of a checked Jacobian or Hessian, placed in the whole matrix: J[row][column] =
 * ∂out<sub>row</sub>/∂in<sub>column</sub> (for a Hessian, ∂²f/∂x<sub>row</sub>∂x<sub>column</sub>).
 *
 * @param row the row: the output component (for a Hessian, the gradient component)
 * @param column the column: the input element, counted over all differentiable inputs in order
 * @param rowLabel how reports name the row, e.g. {@code output[1]}
 * @param columnLabel how reports name the column, e.g. {@code state[2]}
 * @param comparison the comparison of the claimed entry with the measured one
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record JacobianEntry(int row, int column, String rowLabel, String columnLabel, ElementComparison comparison) {

    /**
     * Validates.
     *
     * @param row see {@link #row()}
     * @param column see {@link #column()}
     * @param rowLabel see {@link #rowLabel()}
     * @param columnLabel see {@link #columnLabel()}
     * @param comparison see {@link #comparison()}
     */
    public JacobianEntry {
        Objects.requireNonNull(rowLabel, "rowLabel");
        Objects.requireNonNull(columnLabel, "columnLabel");
        Objects.requireNonNull(comparison, "comparison");
    }

    /** {@return the claimed entry} */
    public double analytic() {
        return comparison.analytic();
    }

    /** {@return the measured entry} */
    public double numeric() {
        return comparison.numeric();
    }

    /** {@return the entry's verdict} */
    public Verdict verdict() {
        return comparison.verdict();
    }

    /** {@return the entry as reports write it, e.g. {@code J[1,2]}, with the given symbol}
     *
     * @param symbol {@code J} or {@code H}
     */
    public String name(String symbol) {
        return symbol + "[" + row + "," + column + "]";
    }

    /**
     * {@return the derivative the entry is, as reports write it}: {@code ∂output[1]/∂pose[0]} for a
     * Jacobian, {@code ∂²f/∂w[0]∂w[2]} for a Hessian
     *
     * @param kind what the matrix is
     */
    public String derivative(DerivativeKind kind) {
        return kind.secondOrder() ? "∂²f/∂" + rowLabel + "∂" + columnLabel : "∂" + rowLabel + "/∂" + columnLabel;
    }
}
