package io.github.gradcheck.examples.library;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Args;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;

/**
 * One step of an LSTM cell with its two outputs, the new hidden state {@code h} and the new cell
 * state {@code c}, each with its own cotangent in the backward: no {@code concat(h, c)} and no
 * splitting of the output gradient by hand.
 *
 * <pre>
 * z = W·[x; hPrev] + b,   i = σ(z_i), f = σ(z_f), o = σ(z_o), g = tanh(z_g)
 * c = f ⊙ cPrev + i ⊙ g,  h = o ⊙ tanh(c)
 * </pre>
 *
 * <p>It can be built with the classic bug of hand-written LSTM backwards: the cell state's gradient
 * taken from {@code dc} alone, forgetting the path through {@code h = o ⊙ tanh(c)}.
 */
public final class LstmStep {

    /** The outputs of a step, as a record: its components are the outputs' names. */
    public record State(double[] h, double[] c) {
    }

    private LstmStep() {
    }

    /** The step as a subject with two outputs; {@code forgetsHiddenPath} for the classic bug. */
    public static Subject subject(boolean forgetsHiddenPath) {
        return FunctionSubject.withOutputs("lstm step" + (forgetsHiddenPath ? " (dc without dh)" : ""),
                LstmStep::forward,
                (in, out, gOut) -> backward(in, gOut.vector("h"), gOut.vector("c"), forgetsHiddenPath));
    }

    /** A point with 3 inputs and 2 hidden units. */
    public static Point point() {
        int d = 3;
        int n = 2;
        double[][] w = new double[4 * n][d + n];
        double[] b = new double[4 * n];
        for (int r = 0; r < w.length; r++) {
            b[r] = 0.1 * Math.cos(r);
            for (int k = 0; k < w[r].length; k++) {
                w[r][k] = 0.5 * Math.sin(1 + 3 * r + k);
            }
        }
        return Point.of("x", new double[] {0.5, -1.0, 0.25}, "hPrev", new double[] {0.1, -0.3},
                "cPrev", new double[] {0.4, -0.2}, "W", w, "b", b);
    }

    /** The forward: the new hidden and cell states. */
    static State forward(Args in) {
        Gates z = gates(in);
        int n = z.n();
        double[] cPrev = in.vector("cPrev");
        double[] c = new double[n];
        double[] h = new double[n];
        for (int k = 0; k < n; k++) {
            c[k] = z.f[k] * cPrev[k] + z.i[k] * z.g[k];
            h[k] = z.o[k] * Math.tanh(c[k]);
        }
        return new State(h, c);
    }

    /** The backward from {@code dh} and {@code dc}: the gradients of x, hPrev, cPrev, W and b. */
    static Object[] backward(Args in, double[] dh, double[] dc, boolean forgetsHiddenPath) {
        Gates z = gates(in);
        int n = z.n();
        double[] x = in.vector("x");
        double[] cPrev = in.vector("cPrev");
        double[][] w = in.matrix("W");
        double[] dz = new double[4 * n];
        double[] dcPrev = new double[n];
        for (int k = 0; k < n; k++) {
            double c = z.f[k] * cPrev[k] + z.i[k] * z.g[k];
            double tc = Math.tanh(c);
            double dcTotal = forgetsHiddenPath ? dc[k] : dc[k] + dh[k] * z.o[k] * (1 - tc * tc);
            dz[k] = dcTotal * z.g[k] * z.i[k] * (1 - z.i[k]);
            dz[n + k] = dcTotal * cPrev[k] * z.f[k] * (1 - z.f[k]);
            dz[2 * n + k] = dh[k] * tc * z.o[k] * (1 - z.o[k]);
            dz[3 * n + k] = dcTotal * z.i[k] * (1 - z.g[k] * z.g[k]);
            dcPrev[k] = dcTotal * z.f[k];
        }
        double[] xh = z.xh();
        double[][] dw = new double[w.length][xh.length];
        double[] dxh = new double[xh.length];
        for (int r = 0; r < w.length; r++) {
            for (int k = 0; k < xh.length; k++) {
                dw[r][k] = dz[r] * xh[k];
                dxh[k] += w[r][k] * dz[r];
            }
        }
        double[] dx = java.util.Arrays.copyOfRange(dxh, 0, x.length);
        double[] dhPrev = java.util.Arrays.copyOfRange(dxh, x.length, xh.length);
        return new Object[] {dx, dhPrev, dcPrev, dw, dz.clone()};
    }

    /** The gate activations of a step. */
    private record Gates(double[] xh, double[] i, double[] f, double[] o, double[] g) {
        int n() {
            return i.length;
        }
    }

    private static Gates gates(Args in) {
        double[] x = in.vector("x");
        double[] hPrev = in.vector("hPrev");
        double[][] w = in.matrix("W");
        double[] b = in.vector("b");
        int n = hPrev.length;
        double[] xh = new double[x.length + n];
        System.arraycopy(x, 0, xh, 0, x.length);
        System.arraycopy(hPrev, 0, xh, x.length, n);
        double[] z = b.clone();
        for (int r = 0; r < z.length; r++) {
            for (int k = 0; k < xh.length; k++) {
                z[r] += w[r][k] * xh[k];
            }
        }
        double[] i = new double[n];
        double[] f = new double[n];
        double[] o = new double[n];
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            i[k] = sigmoid(z[k]);
            f[k] = sigmoid(z[n + k]);
            o[k] = sigmoid(z[2 * n + k]);
            g[k] = Math.tanh(z[3 * n + k]);
        }
        return new Gates(xh, i, f, o, g);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
