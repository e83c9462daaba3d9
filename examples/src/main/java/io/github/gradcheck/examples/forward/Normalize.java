package io.github.gradcheck.examples.forward;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.JvpSubject;

/**
 * Normalising a vector, y = x/‖x‖, with hand-written forward and reverse modes, as a differentiable
 * renderer or a physics code writes them:
 *
 * <pre>
 * JVP  ẏ  = (t − y (y·t)) / ‖x‖
 * VJP  x̄  = (u − y (y·u)) / ‖x‖
 * </pre>
 *
 * The Jacobian is symmetric, so the two look alike, and a bug in one of them is easy to miss: here
 * the VJP divides by ‖x‖² instead of ‖x‖. Differences of the function check the JVP; the adjoint
 * test ⟨u, J·t⟩ = ⟨Jᵀ·u, t⟩ then catches the VJP that disagrees with it, without a finite difference.
 */
public final class Normalize {

    /** A point x = (3, −1, 2). */
    public static final Point POINT = Point.of("x", new double[] {3.0, -1.0, 2.0});

    private Normalize() {
    }

    /** {@return the Euclidean norm of {@code x}} */
    public static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** {@return (t − y (y·t)) / scale} */
    public static double[] project(double[] y, double[] t, double scale) {
        double dot = 0;
        for (int i = 0; i < y.length; i++) {
            dot += y[i] * t[i];
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (t[i] - y[i] * dot) / scale;
        }
        return out;
    }

    /** {@return x/‖x‖} */
    public static double[] normalized(double[] x) {
        double n = norm(x);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] / n;
        }
        return y;
    }

    /** {@return y = x/‖x‖ with its JVP and its VJP; the VJP divides by ‖x‖² when {@code vjpBug}} */
    public static JvpSubject subject(boolean vjpBug) {
        return JvpSubject.of(vjpBug ? "normalize (VJP divides by the squared norm)" : "normalize",
                in -> normalized(in.vector("x")), (in, out, t) -> project(out.asVector(), t.vector("x"), norm(in.vector("x"))))
                .withVjp((in, out, u) -> {
                    double n = norm(in.vector("x"));
                    return project(out.asVector(), u.asVector(), vjpBug ? n * n : n);
                });
    }
}
