package io.github.gradcheck.check;

import org.apiguardian.api.API;

/**
 * What kind of claimed derivative a {@link JacobianReport} checks.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public enum DerivativeKind {
    /** A Jacobian matrix returned with the value, J[i][j] = ∂out<sub>i</sub>/∂in<sub>j</sub>. */
    JACOBIAN("Jacobian", "J"),
    /** Jacobian–vector products: the output's tangent for the inputs' tangents (forward mode). */
    JVP("Jacobian–vector products", "J"),
    /** The Hessian matrix of a scalar function, H[i][j] = ∂²f/∂x<sub>i</sub>∂x<sub>j</sub>. */
    HESSIAN("Hessian", "H"),
    /** Hessian–vector products of a scalar function. */
    HVP("Hessian–vector products", "H");

    private final String label;
    private final String symbol;

    DerivativeKind(String label, String symbol) {
        this.label = label;
        this.symbol = symbol;
    }

    /** {@return how reports name it, e.g. {@code "Jacobian"} or {@code "Hessian–vector products"}} */
    public String label() {
        return label;
    }

    /** {@return the matrix's symbol in reports: {@code J} or {@code H}} */
    public String symbol() {
        return symbol;
    }

    /** {@return whether it is a second derivative: {@link #HESSIAN} or {@link #HVP}} */
    public boolean secondOrder() {
        return this == HESSIAN || this == HVP;
    }

    /** {@return whether the subject claims products with the matrix rather than the matrix itself} */
    public boolean products() {
        return this == JVP || this == HVP;
    }
}
