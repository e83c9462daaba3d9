package io.github.gradcheck.examples.forward;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.HessianSubject;

/**
 * The L2-regularised logistic-regression loss with its analytic gradient and Hessian, as Newton's
 * method (iteratively reweighted least squares) needs them:
 *
 * <pre>
 * L(w)  = (1/n) Σ_k [ log(1 + e^(z_k)) − y_k z_k ] + (λ/2)‖w‖²,   z_k = x_k · w
 * ∇L    = (1/n) Σ_k (σ(z_k) − y_k) x_k + λ w
 * ∇²L   = (1/n) Σ_k σ(z_k)(1 − σ(z_k)) x_k x_kᵀ + λ I
 * </pre>
 *
 * The data are constants of the point; the weights are the input. Three classic Hessian bugs:
 * the 1/n of the mean left out, the regulariser's λI left out, and σ written where σ(1 − σ) belongs.
 */
public final class LogisticRegression {

    /** The regularisation strength λ. */
    public static final double LAMBDA = 0.1;

    /** Six samples of three features (the last a constant 1, the intercept). */
    public static final double[][] X = {
        {0.5, -1.2, 1}, {1.5, 0.3, 1}, {-0.7, 0.8, 1}, {2.0, -0.4, 1}, {-1.1, -0.9, 1}, {0.2, 1.7, 1},
    };

    /** Their labels. */
    public static final double[] Y = {0, 1, 0, 1, 0, 1};

    /** The weights (0.4, −0.3, 0.1), the data as constants. */
    public static final Point POINT = Point.builder().input("w", new double[] {0.4, -0.3, 0.1})
            .constant("X", X).constant("y", Y).build();

    /** The bugs {@link #subject(Bug)} can build into the Hessian. */
    public enum Bug {
        /** The Hessian is right. */
        NONE,
        /** The Hessian's sum is not divided by n: n = 6 times too large, but for the regulariser. */
        MISSING_MEAN,
        /** The regulariser's λI is left out of the Hessian: its diagonal is wrong. */
        MISSING_REGULARISER,
        /** σ(z) where σ(z)(1 − σ(z)) belongs. */
        SIGMA_INSTEAD_OF_VARIANCE
    }

    private LogisticRegression() {
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** {@return the loss at weights {@code w} on data {@code x}, {@code y}} */
    public static double loss(double[] w, double[][] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            double z = dot(x[k], w);
            s += Math.log1p(Math.exp(z)) - y[k] * z;
        }
        return s / x.length + LAMBDA / 2 * dot(w, w);
    }

    /** {@return the loss's gradient} */
    public static double[] gradient(double[] w, double[][] x, double[] y) {
        double[] g = new double[w.length];
        for (int k = 0; k < x.length; k++) {
            double r = sigmoid(dot(x[k], w)) - y[k];
            for (int i = 0; i < w.length; i++) {
                g[i] += r * x[k][i] / x.length;
            }
        }
        for (int i = 0; i < w.length; i++) {
            g[i] += LAMBDA * w[i];
        }
        return g;
    }

    /** {@return the loss's Hessian, with {@code bug} in it} */
    public static double[][] hessian(double[] w, double[][] x, double[] y, Bug bug) {
        int d = w.length;
        double[][] h = new double[d][d];
        double mean = bug == Bug.MISSING_MEAN ? 1 : 1.0 / x.length;
        for (double[] xk : x) {
            double p = sigmoid(dot(xk, w));
            double weight = bug == Bug.SIGMA_INSTEAD_OF_VARIANCE ? p : p * (1 - p);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    h[i][j] += weight * xk[i] * xk[j] * mean;
                }
            }
        }
        if (bug != Bug.MISSING_REGULARISER) {
            for (int i = 0; i < d; i++) {
                h[i][i] += LAMBDA;
            }
        }
        return h;
    }

    /** {@return the loss with its gradient and the Hessian with {@code bug}} */
    public static HessianSubject subject(Bug bug) {
        return HessianSubject.of("logistic loss" + (bug == Bug.NONE ? "" : " (" + bug.name().toLowerCase()
                        .replace('_', ' ') + ")"),
                in -> loss(in.vector("w"), in.matrix("X"), in.vector("y")),
                in -> gradient(in.vector("w"), in.matrix("X"), in.vector("y")),
                in -> hessian(in.vector("w"), in.matrix("X"), in.vector("y"), bug));
    }

    /** {@return the loss with the Hessian with {@code bug} and no gradient: measured by second differences} */
    public static HessianSubject withoutGradient(Bug bug) {
        return HessianSubject.of("logistic loss without gradient" + (bug == Bug.NONE ? "" : " (" + bug.name()
                        .toLowerCase().replace('_', ' ') + ")"),
                in -> loss(in.vector("w"), in.matrix("X"), in.vector("y")),
                in -> hessian(in.vector("w"), in.matrix("X"), in.vector("y"), bug));
    }
}
