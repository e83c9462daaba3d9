package io.github.gradcheck.bench;

import io.github.gradcheck.model.Point;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The forward-mode and second-order subjects of the verdict benchmark: functions with their correct
 * Jacobians (claimed as a matrix or as JVPs), and scalar functions with their correct Hessians
 * (with their gradient, as products, or without a gradient), each drawn at random points. Bugs are
 * injected into one significant entry.
 */
final class ForwardBenchCases {

    private ForwardBenchCases() {
    }

    /** A vector function with its Jacobian. */
    abstract static class JacobianCase {
        final String name;
        final boolean jvp;
        final boolean isFloat;

        JacobianCase(String name, boolean jvp, boolean isFloat) {
            this.name = name;
            this.jvp = jvp;
            this.isFloat = isFloat;
        }

        abstract double[] draw(SplittableRandom r);

        abstract double[] value(double[] x);

        abstract double[][] jacobian(double[] x);

        Point point(double[] x) {
            if (!isFloat) {
                return Point.of("x", x);
            }
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = (float) x[i];
            }
            return Point.of("x", f);
        }
    }

    /** A scalar function with its gradient and Hessian. */
    abstract static class HessianCase {
        final String name;
        final boolean gradient;
        final boolean products;

        HessianCase(String name, boolean gradient, boolean products) {
            this.name = name;
            this.gradient = gradient;
            this.products = products;
        }

        abstract double[] draw(SplittableRandom r);

        abstract double value(double[] x);

        abstract double[] gradient(double[] x);

        abstract double[][] hessian(double[] x);
    }

    static double u(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    // ---- Jacobians ----------------------------------------------------------------------------

    /** The EKF range-and-bearing model of a landmark at (4, 6). */
    static JacobianCase rangeBearing(boolean jvp) {
        return new JacobianCase("EKF range and bearing" + (jvp ? " (JVP)" : ""), jvp, false) {
            @Override
            double[] draw(SplittableRandom r) {
                return new double[] {u(r, -2, 2), u(r, -2, 2), u(r, -3, 3)};
            }

            @Override
            double[] value(double[] x) {
                double dx = 4 - x[0];
                double dy = 6 - x[1];
                return new double[] {Math.hypot(dx, dy), Math.atan2(dy, dx) - x[2]};
            }

            @Override
            double[][] jacobian(double[] x) {
                double dx = 4 - x[0];
                double dy = 6 - x[1];
                double q = dx * dx + dy * dy;
                double rr = Math.sqrt(q);
                return new double[][] {{-dx / rr, -dy / rr, 0}, {dy / q, -dx / q, -1}};
            }
        };
    }

    /** Residuals A·e^(−λ t_k) − y_k of exponential decay at six times. */
    static JacobianCase exponentialDecay() {
        double[] t = {0.0, 0.5, 1.0, 1.5, 2.0, 3.0};
        return new JacobianCase("exponential decay residuals (6x2)", false, false) {
            @Override
            double[] draw(SplittableRandom r) {
                return new double[] {u(r, 0.5, 3), u(r, 0.1, 2)};
            }

            @Override
            double[] value(double[] x) {
                double[] out = new double[t.length];
                for (int k = 0; k < t.length; k++) {
                    out[k] = x[0] * Math.exp(-x[1] * t[k]) - 1.0 / (1 + k);
                }
                return out;
            }

            @Override
            double[][] jacobian(double[] x) {
                double[][] j = new double[t.length][2];
                for (int k = 0; k < t.length; k++) {
                    double e = Math.exp(-x[1] * t[k]);
                    j[k][0] = e;
                    j[k][1] = -x[0] * t[k] * e;
                }
                return j;
            }
        };
    }

    /** Two-body gravity a = −μ r/|r|³ in low Earth orbit: |r| ~ 7000 km, μ = 398600.4418 km³/s². */
    static JacobianCase twoBodyGravity() {
        double mu = 398600.4418;
        return new JacobianCase("two-body gravity at |r| ~ 7000 km", false, false) {
            @Override
            double[] draw(SplittableRandom r) {
                double[] d = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
                double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                double radius = u(r, 6600, 8000);
                return new double[] {d[0] / n * radius, d[1] / n * radius, d[2] / n * radius};
            }

            @Override
            double[] value(double[] x) {
                double r2 = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
                double r3 = r2 * Math.sqrt(r2);
                return new double[] {-mu * x[0] / r3, -mu * x[1] / r3, -mu * x[2] / r3};
            }

            @Override
            double[][] jacobian(double[] x) {
                double r2 = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
                double r = Math.sqrt(r2);
                double r3 = r2 * r;
                double r5 = r3 * r2;
                double[][] j = new double[3][3];
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        j[a][b] = mu * (3 * x[a] * x[b] / r5 - (a == b ? 1 / r3 : 0));
                    }
                }
                return j;
            }
        };
    }

    /** Softmax of five logits ~ N(0, 3²): J = diag(p) − p pᵀ. */
    static JacobianCase softmax(boolean jvp, boolean isFloat) {
        return new JacobianCase((isFloat ? "float32 " : "") + "softmax (5)" + (jvp ? " (JVP)" : ""), jvp, isFloat) {
            @Override
            double[] draw(SplittableRandom r) {
                double[] x = new double[5];
                for (int i = 0; i < 5; i++) {
                    x[i] = 3 * r.nextGaussian();
                    if (isFloat) {
                        x[i] = (float) x[i];
                    }
                }
                return x;
            }

            @Override
            double[] value(double[] x) {
                double m = Double.NEGATIVE_INFINITY;
                for (double v : x) {
                    m = Math.max(m, v);
                }
                double s = 0;
                double[] p = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    p[i] = isFloat ? (float) Math.exp((float) (x[i] - m)) : Math.exp(x[i] - m);
                    s += p[i];
                }
                for (int i = 0; i < x.length; i++) {
                    p[i] = isFloat ? (float) (p[i] / (float) s) : p[i] / s;
                }
                return p;
            }

            @Override
            double[][] jacobian(double[] x) {
                double[] p = value(x);
                double[][] j = new double[5][5];
                for (int a = 0; a < 5; a++) {
                    for (int b = 0; b < 5; b++) {
                        double v = (a == b ? p[a] : 0) - p[a] * p[b];
                        j[a][b] = isFloat ? (float) v : v;
                    }
                }
                return j;
            }
        };
    }

    static List<JacobianCase> jacobians() {
        return List.of(rangeBearing(false), rangeBearing(true), exponentialDecay(), twoBodyGravity(),
                softmax(false, false), softmax(true, false), softmax(false, true));
    }

    // ---- Hessians -----------------------------------------------------------------------------

    /** The logistic loss of six fixed samples of three features, plus (λ/2)‖w‖². */
    static HessianCase logistic(boolean gradient, boolean products) {
        double[][] x = {{0.5, -1.2, 1}, {1.5, 0.3, 1}, {-0.7, 0.8, 1}, {2.0, -0.4, 1}, {-1.1, -0.9, 1}, {0.2, 1.7, 1}};
        double[] y = {0, 1, 0, 1, 0, 1};
        double lambda = 0.1;
        String name = "logistic loss (3)" + (products ? ", HVP" : "") + (gradient ? ", with gradient"
                : ", second differences");
        return new HessianCase(name, gradient, products) {
            @Override
            double[] draw(SplittableRandom r) {
                return new double[] {u(r, -2, 2), u(r, -2, 2), u(r, -2, 2)};
            }

            double dot(double[] a, double[] b) {
                return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
            }

            @Override
            double value(double[] w) {
                double s = 0;
                for (int k = 0; k < x.length; k++) {
                    double z = dot(x[k], w);
                    s += Math.log1p(Math.exp(z)) - y[k] * z;
                }
                return s / x.length + lambda / 2 * dot(w, w);
            }

            @Override
            double[] gradient(double[] w) {
                double[] g = new double[3];
                for (int k = 0; k < x.length; k++) {
                    double rr = 1 / (1 + Math.exp(-dot(x[k], w))) - y[k];
                    for (int i = 0; i < 3; i++) {
                        g[i] += rr * x[k][i] / x.length;
                    }
                }
                for (int i = 0; i < 3; i++) {
                    g[i] += lambda * w[i];
                }
                return g;
            }

            @Override
            double[][] hessian(double[] w) {
                double[][] h = new double[3][3];
                for (double[] xk : x) {
                    double p = 1 / (1 + Math.exp(-dot(xk, w)));
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            h[i][j] += p * (1 - p) * xk[i] * xk[j] / x.length;
                        }
                    }
                }
                for (int i = 0; i < 3; i++) {
                    h[i][i] += lambda;
                }
                return h;
            }
        };
    }

    /** f(w) = Σ_k exp(a_k w_k) w_(k+1) + Σ w_k⁴/12 over four variables, w in [-2, 2]. */
    static HessianCase chain(boolean gradient, boolean products) {
        double[] a = {0.3, -0.5, 0.8};
        String name = "exp chain + quartic (4)" + (products ? ", HVP" : "") + (gradient ? ", with gradient"
                : ", second differences");
        return new HessianCase(name, gradient, products) {
            @Override
            double[] draw(SplittableRandom r) {
                return new double[] {u(r, -2, 2), u(r, -2, 2), u(r, -2, 2), u(r, -2, 2)};
            }

            @Override
            double value(double[] w) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += Math.exp(a[k] * w[k]) * w[k + 1];
                }
                for (double v : w) {
                    s += v * v * v * v / 12;
                }
                return s;
            }

            @Override
            double[] gradient(double[] w) {
                double[] g = new double[4];
                for (int k = 0; k < 3; k++) {
                    double e = Math.exp(a[k] * w[k]);
                    g[k] += a[k] * e * w[k + 1];
                    g[k + 1] += e;
                }
                for (int i = 0; i < 4; i++) {
                    g[i] += w[i] * w[i] * w[i] / 3;
                }
                return g;
            }

            @Override
            double[][] hessian(double[] w) {
                double[][] h = new double[4][4];
                for (int k = 0; k < 3; k++) {
                    double e = Math.exp(a[k] * w[k]);
                    h[k][k] += a[k] * a[k] * e * w[k + 1];
                    h[k][k + 1] += a[k] * e;
                    h[k + 1][k] += a[k] * e;
                }
                for (int i = 0; i < 4; i++) {
                    h[i][i] += w[i] * w[i];
                }
                return h;
            }
        };
    }

    static List<HessianCase> hessians() {
        return List.of(logistic(true, false), logistic(true, true), logistic(false, false), chain(true, false),
                chain(true, true), chain(false, false));
    }
}
