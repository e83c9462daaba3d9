package io.github.gradcheck.check;

import org.apiguardian.api.API;

/**
 * How a non-scalar output is reduced to the scalar objective whose gradient is checked.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public enum CotangentMode {
    /**
     * One seeded random Gaussian cotangent u: the check is of the gradient of ⟨u, output⟩.
     * One backward pass; a wrong Jacobian is caught with probability 1.
     */
    RANDOM,
    /** Every output component in turn: one backward pass per component, the full Jacobian checked. */
    FULL_JACOBIAN
}
