package io.github.gradcheck.examples.forward;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.DoubleBackward;
import io.github.gradcheck.subject.Op;

/**
 * A custom tanh op whose backward is itself differentiable, with a hand-written double backward
 * (what second-order training, gradient penalties and Hessian–vector products through a network
 * need):
 *
 * <pre>
 * forward   y  = tanh(x)
 * backward  gx = g ⊙ (1 − y²)
 * double    given w (the cotangent of gx):  d⟨w, gx⟩/dx = w ⊙ g ⊙ (−2y)(1 − y²),   d⟨w, gx⟩/dg = w ⊙ (1 − y²)
 * </pre>
 *
 * The classic bug: treating (1 − y²) as a constant in the double backward, forgetting that y
 * depends on x, so that the gradient with respect to x is 0.
 */
public final class TanhDoubleBackward {

    /** The point: x and the output gradient g the backward is called with. */
    public static final Point POINT = Point.of("x", new double[] {0.3, -1.1, 0.7},
            DoubleBackward.GRAD_OUTPUT, new double[] {1.5, -0.4, 0.8});

    private TanhDoubleBackward() {
    }

    /** The op: tanh with its first-order backward. */
    public static final Op TANH = Op.of(in -> {
        double[] x = in.vector(0);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.tanh(x[i]);
        }
        return y;
    }, (in, out, gOut) -> {
        double[] y = out.asVector();
        double[] g = gOut.asVector();
        double[] gx = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            gx[i] = g[i] * (1 - y[i] * y[i]);
        }
        return gx;
    });

    /**
     * {@return the op's backward with its double backward, which forgets that y depends on x when
     * {@code treatsYAsConstant}}
     */
    public static DoubleBackward subject(boolean treatsYAsConstant) {
        return DoubleBackward.of(treatsYAsConstant ? "tanh (y treated as a constant)" : "tanh", TANH,
                (in, out, gOut, ww) -> {
                    double[] y = out.asVector();
                    double[] g = gOut.asVector();
                    double[] w = ww.vector("x");
                    double[] dx = new double[y.length];
                    double[] dg = new double[y.length];
                    for (int i = 0; i < y.length; i++) {
                        double slope = 1 - y[i] * y[i];
                        dx[i] = treatsYAsConstant ? 0 : w[i] * g[i] * -2 * y[i] * slope;
                        dg[i] = w[i] * slope;
                    }
                    return new Object[] {dx, dg};
                });
    }
}
