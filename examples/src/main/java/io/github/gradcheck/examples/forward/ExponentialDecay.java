package io.github.gradcheck.examples.forward;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.JacobianSubject;
import io.github.gradcheck.subject.ValueAndJacobian;

/**
 * A least-squares model, exponential decay with two parameters, written as a Gauss–Newton or
 * Levenberg–Marquardt solver wants it: the residuals r_k = A·e^(−λ·t_k) − y_k of the parameters
 * θ = (A, λ) with their Jacobian, returned together (the form of Apache Commons Math's
 * {@code MultivariateJacobianFunction}):
 *
 * <pre>
 * J[k][0] = ∂r_k/∂A = e^(−λ t_k)
 * J[k][1] = ∂r_k/∂λ = −A t_k e^(−λ t_k)
 * </pre>
 *
 * The classic bug: the chain rule's inner factor t_k left out of ∂r_k/∂λ.
 */
public final class ExponentialDecay {

    /** The sample times. */
    public static final double[] T = {0.0, 0.5, 1.0, 1.5, 2.0, 3.0};

    /** The observations. */
    public static final double[] Y = {2.05, 1.58, 1.19, 0.96, 0.71, 0.42};

    /** The parameters (A, λ) = (2, 0.5); the times and observations are constants. */
    public static final Point POINT = Point.builder().input("theta", new double[] {2.0, 0.5})
            .constant("t", T).constant("y", Y).build();

    private ExponentialDecay() {
    }

    /** {@return the residuals and their Jacobian at θ, the inner factor t_k left out of ∂r/∂λ if {@code missingInnerFactor}} */
    public static ValueAndJacobian residuals(double[] theta, double[] t, double[] y, boolean missingInnerFactor) {
        double a = theta[0];
        double lambda = theta[1];
        double[] r = new double[t.length];
        double[][] j = new double[t.length][2];
        for (int k = 0; k < t.length; k++) {
            double e = Math.exp(-lambda * t[k]);
            r[k] = a * e - y[k];
            j[k][0] = e;
            j[k][1] = -a * (missingInnerFactor ? 1 : t[k]) * e;
        }
        return ValueAndJacobian.of(r, j);
    }

    /** {@return the model as a subject} */
    public static JacobianSubject subject(boolean missingInnerFactor) {
        return JacobianSubject.of(missingInnerFactor ? "exponential decay (missing inner factor)" : "exponential decay",
                in -> residuals(in.vector("theta"), in.vector("t"), in.vector("y"), missingInnerFactor));
    }
}
