package io.github.gradcheck.check;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A check of an identity that a correct derivative satisfies exactly, up to rounding: no finite
 * difference is involved, so there is no step and no truncation error, and the tolerance is the
 * rounding level {@code κ·ε·terms} of the two sides.
 *
 * <ul>
 *   <li>{@link Identity#ADJOINT}: the dot-product test ⟨u, J·t⟩ = ⟨Jᵀ·u, t⟩ for random u and t,
 *   where J·t comes from the subject's forward mode (its JVP) and Jᵀ·u from its reverse mode
 *   (its VJP). A forward and a backward that disagree fail it.</li>
 *   <li>{@link Identity#SYMMETRY}: a claimed Hessian is symmetric, H[i,j] = H[j,i]; for
 *   Hessian–vector products, ⟨u, H·v⟩ = ⟨v, H·u⟩ for random u and v.</li>
 * </ul>
 *
 * @param identity which identity
 * @param where what was compared, for reports, e.g. {@code "random pair 0"} or {@code "H[0,2] = H[2,0]"}
 * @param left the left side, e.g. ⟨u, J·t⟩
 * @param right the right side, e.g. ⟨Jᵀ·u, t⟩
 * @param terms Σ|terms| of both sides' sums: the scale of their rounding
 * @param tolerance the largest |left − right| accepted: κ·ε·terms
 * @param verdict {@link Verdict#PASS} or {@link Verdict#FAIL}; {@link Verdict#INCONCLUSIVE} when
 *     the other random pairs did not confirm a failure
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record IdentityCheck(Identity identity, String where, double left, double right, double terms,
                            double tolerance, Verdict verdict) {

    /**
     * Which identity is checked.
     *
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    public enum Identity {
        /** ⟨u, J·t⟩ = ⟨Jᵀ·u, t⟩: forward and reverse mode agree. */
        ADJOINT("adjoint", "⟨u, J·t⟩ = ⟨Jᵀ·u, t⟩"),
        /** H = Hᵀ: a Hessian is symmetric. */
        SYMMETRY("symmetry", "H = Hᵀ");

        private final String label;
        private final String formula;

        Identity(String label, String formula) {
            this.label = label;
            this.formula = formula;
        }

        /** {@return the name reports give it: {@code adjoint} or {@code symmetry}} */
        public String label() {
            return label;
        }

        /** {@return the identity as a formula, e.g. {@code ⟨u, J·t⟩ = ⟨Jᵀ·u, t⟩}} */
        public String formula() {
            return formula;
        }
    }

    /**
     * Validates.
     *
     * @param identity see {@link #identity()}
     * @param where see {@link #where()}
     * @param left see {@link #left()}
     * @param right see {@link #right()}
     * @param terms see {@link #terms()}
     * @param tolerance see {@link #tolerance()}
     * @param verdict see {@link #verdict()}
     */
    public IdentityCheck {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** {@return |left − right|, infinite when either is NaN} */
    public double absoluteError() {
        double d = Math.abs(left - right);
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }

    /** {@return |left − right| / max(|left|, |right|), 0 when both are 0} */
    public double relativeError() {
        double scale = Math.max(Math.abs(left), Math.abs(right));
        return scale == 0 ? (absoluteError() == 0 ? 0 : Double.POSITIVE_INFINITY) : absoluteError() / scale;
    }
}
