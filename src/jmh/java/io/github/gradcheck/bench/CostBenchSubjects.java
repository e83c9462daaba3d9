package io.github.gradcheck.bench;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.TracedSubject;
import java.util.SplittableRandom;

/** The subjects of the cost benchmark. */
final class CostBenchSubjects {

    private CostBenchSubjects() {
    }

    // ---- a dense layer of 10⁴ weights: loss = Σ v_i tanh((W x + b)_i) ---------------------

    static final int DENSE = 100;

    static FunctionSubject dense() {
        double[] v = vector(new SplittableRandom(3), DENSE);
        return FunctionSubject.of("dense 100x100", in -> {
            double[][] w = in.matrix("W");
            double[] b = in.vector("b");
            double[] x = in.vector("x");
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                double z = b[i];
                double[] row = w[i];
                for (int j = 0; j < x.length; j++) {
                    z += row[j] * x[j];
                }
                s += v[i] * Math.tanh(z);
            }
            return s;
        }, (in, out, g) -> {
            double[][] w = in.matrix("W");
            double[] b = in.vector("b");
            double[] x = in.vector("x");
            double[][] dw = new double[w.length][x.length];
            double[] db = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                double z = b[i];
                for (int j = 0; j < x.length; j++) {
                    z += w[i][j] * x[j];
                }
                double t = Math.tanh(z);
                db[i] = g.asScalar() * v[i] * (1 - t * t);
                for (int j = 0; j < x.length; j++) {
                    dw[i][j] = db[i] * x[j];
                }
            }
            return new Object[] {dw, db, null};
        });
    }

    static Point densePoint() {
        SplittableRandom r = new SplittableRandom(4);
        double[][] w = new double[DENSE][DENSE];
        for (double[] row : w) {
            for (int j = 0; j < DENSE; j++) {
                row[j] = r.nextGaussian() / Math.sqrt(DENSE);
            }
        }
        return Point.builder().input("W", w).input("b", vector(r, DENSE)).constant("x", vector(r, DENSE)).build();
    }

    // ---- a stack of 10 layers (5 × affine + tanh), as a graph and as traced code ----------

    static final int WIDTH = 16;
    static final int BLOCKS = 5;

    static Point stackPoint() {
        SplittableRandom r = new SplittableRandom(5);
        Point.Builder p = Point.builder().input("x", vector(r, WIDTH));
        for (int k = 1; k <= BLOCKS; k++) {
            double[][] w = new double[WIDTH][WIDTH];
            for (double[] row : w) {
                for (int j = 0; j < WIDTH; j++) {
                    row[j] = r.nextGaussian() / Math.sqrt(WIDTH);
                }
            }
            p.input("W" + k, w).input("b" + k, vector(r, WIDTH));
        }
        return p.build();
    }

    private static double[] affine(double[][] w, double[] b, double[] h) {
        double[] z = b.clone();
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < h.length; j++) {
                z[i] += w[i][j] * h[j];
            }
        }
        return z;
    }

    private static double[] tanh(double[] z) {
        double[] h = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            h[i] = Math.tanh(z[i]);
        }
        return h;
    }

    private static double halfSquaredNorm(double[] h) {
        double s = 0;
        for (double e : h) {
            s += e * e;
        }
        return 0.5 * s;
    }

    private static final Op AFFINE = Op.of(in -> affine(in.matrix(1), in.vector(2), in.vector(0)), (in, out, g) -> {
        double[] h = in.vector(0);
        double[][] w = in.matrix(1);
        double[] gz = g.asVector();
        double[] dh = new double[h.length];
        double[][] dw = new double[w.length][h.length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < h.length; j++) {
                dh[j] += w[i][j] * gz[i];
                dw[i][j] = gz[i] * h[j];
            }
        }
        return new Object[] {dh, dw, gz};
    });

    private static final Op TANH = Op.of(in -> tanh(in.vector(0)), (in, out, g) -> {
        double[] y = out.asVector();
        double[] gy = g.asVector();
        double[] d = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            d[i] = gy[i] * (1 - y[i] * y[i]);
        }
        return d;
    });

    private static final Op LOSS = Op.of(in -> halfSquaredNorm(in.vector(0)), (in, out, g) -> {
        double[] h = in.vector(0);
        double[] d = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            d[i] = g.asScalar() * h[i];
        }
        return d;
    });

    /** The stack as a graph: a perturbed node re-evaluates only the layers after it. */
    static GraphSubject stackGraph() {
        GraphSubject.Builder g = GraphSubject.builder("10-layer stack (graph)").input("x");
        for (int k = 1; k <= BLOCKS; k++) {
            g.input("W" + k).input("b" + k);
        }
        String h = "x";
        for (int k = 1; k <= BLOCKS; k++) {
            g.op("z" + k, AFFINE, h, "W" + k, "b" + k);
            g.op("h" + k, TANH, "z" + k);
            h = "h" + k;
        }
        return g.op("loss", LOSS, h).build();
    }

    /** The same stack as traced code: a perturbed node re-runs the whole forward. */
    static TracedSubject stackTraced() {
        return TracedSubject.of("10-layer stack (traced)", tape -> {
            double[] h = tape.vector("x");
            for (int k = 1; k <= BLOCKS; k++) {
                double[] z = tape.node("z" + k, affine(tape.matrix("W" + k), tape.vector("b" + k), h));
                h = tape.node("h" + k, tanh(z));
            }
            tape.output("loss", halfSquaredNorm(h));
        }, tape -> {
            // d(½‖h‖²)/dh = h, times the output's gradient (the check's cotangent, not always 1)
            double[] gh = tape.vector("h" + BLOCKS).clone();
            double seed = tape.seed();
            for (int i = 0; i < WIDTH; i++) {
                gh[i] *= seed;
            }
            tape.grad("h" + BLOCKS, gh);
            for (int k = BLOCKS; k >= 1; k--) {
                double[] y = tape.vector("h" + k);
                double[] gz = new double[WIDTH];
                for (int i = 0; i < WIDTH; i++) {
                    gz[i] = gh[i] * (1 - y[i] * y[i]);
                }
                tape.grad("z" + k, gz);
                double[] hin = tape.vector(k == 1 ? "x" : "h" + (k - 1));
                double[][] w = tape.matrix("W" + k);
                double[] dh = new double[WIDTH];
                double[][] dw = new double[WIDTH][WIDTH];
                for (int i = 0; i < WIDTH; i++) {
                    for (int j = 0; j < WIDTH; j++) {
                        dh[j] += w[i][j] * gz[i];
                        dw[i][j] = gz[i] * hin[j];
                    }
                }
                tape.grad("W" + k, dw);
                tape.grad("b" + k, gz);
                if (k == 1) {
                    tape.grad("x", dh);
                } else {
                    tape.grad("h" + (k - 1), dh);
                }
                gh = dh;
            }
        });
    }

    // ---- a cheap function of N elements for fast mode --------------------------------------

    /** f(x) = Σ (a_i x_i + b_i x_i³) + 0.05 (c·x)², with element {@code bad} of the gradient off by {@code delta}. */
    static FunctionSubject cubic(int n, int bad, double delta) {
        SplittableRandom r = new SplittableRandom(n);
        double[] a = vector(r, n);
        double[] b = vector(r, n);
        double[] c = vector(r, n);
        for (int i = 0; i < n; i++) {
            b[i] *= 0.1;
            c[i] /= Math.sqrt(n);
        }
        return FunctionSubject.of("cubic " + n, in -> {
            double[] x = in.vector("x");
            double s = 0;
            double d = 0;
            for (int i = 0; i < n; i++) {
                s += a[i] * x[i] + b[i] * x[i] * x[i] * x[i];
                d += c[i] * x[i];
            }
            return s + 0.05 * d * d;
        }, (in, out, g) -> cubicGradient(a, b, c, in.vector("x"), bad, delta, g.asScalar()));
    }

    static double cubicGradientNorm(int n, Point p) {
        SplittableRandom r = new SplittableRandom(n);
        double[] a = vector(r, n);
        double[] b = vector(r, n);
        double[] c = vector(r, n);
        for (int i = 0; i < n; i++) {
            b[i] *= 0.1;
            c[i] /= Math.sqrt(n);
        }
        double s = 0;
        for (double v : cubicGradient(a, b, c, p.get("x").toArray(), -1, 0, 1)) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double[] cubicGradient(double[] a, double[] b, double[] c, double[] x, int bad, double delta,
                                          double g) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d += c[i] * x[i];
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = g * (a[i] + 3 * b[i] * x[i] * x[i] + 0.1 * d * c[i] + (i == bad ? delta : 0));
        }
        return out;
    }

    static Point vectorPoint(int n, long seed) {
        return Point.of("x", Value.vector(vector(new SplittableRandom(seed), n)));
    }

    static double[] vector(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }
}
