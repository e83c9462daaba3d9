package io.github.gradcheck.examples.broken;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.Subject;

/**
 * ½‖A·X‖² as a graph of ops, whose matrix product's backward returns the gradient of A
 * transposed: X·d(Y)ᵀ instead of d(Y)·Xᵀ. The matrices are square, so the shapes agree and
 * only the values give it away.
 */
public final class Transposed {

    /** Where the example is checked: two non-symmetric 3×3 matrices. */
    public static final Point POINT = Point.of(
            "A", new double[][] {{1.0, 2.0, -1.0}, {0.5, -0.25, 3.0}, {-2.0, 1.5, 0.75}},
            "X", new double[][] {{0.3, -1.2, 0.8}, {2.0, 0.1, -0.6}, {-0.4, 0.9, 1.1}});

    private Transposed() {
    }

    static double[][] times(double[][] p, double[][] q) {
        int n = p.length;
        int m = q[0].length;
        double[][] r = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < q.length; k++) {
                    r[i][j] += p[i][k] * q[k][j];
                }
            }
        }
        return r;
    }

    static double[][] transpose(double[][] p) {
        double[][] t = new double[p[0].length][p.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[0].length; j++) {
                t[j][i] = p[i][j];
            }
        }
        return t;
    }

    static Op matmul(boolean transposesGradient) {
        return Op.of(
                in -> times(in.matrix(0), in.matrix(1)),
                (in, out, g) -> {
                    double[][] dy = g.asMatrix();
                    double[][] da = times(dy, transpose(in.matrix(1)));
                    double[][] dx = times(transpose(in.matrix(0)), dy);
                    return new Object[] {transposesGradient ? transpose(da) : da, dx}; // bug: da transposed
                });
    }

    static final Op HALF_SQUARED_NORM = Op.of(
            in -> {
                double s = 0;
                for (double[] row : in.matrix(0)) {
                    for (double v : row) {
                        s += v * v;
                    }
                }
                return s / 2;
            },
            (in, out, g) -> {
                double[][] d = in.matrix(0);
                for (double[] row : d) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] *= g.asScalar();
                    }
                }
                return d;
            });

    /** The subject, correct or with the transposed gradient. */
    public static Subject subject(boolean broken) {
        return GraphSubject.builder(broken ? "matrix product (gradient of A transposed)" : "matrix product")
                .input("A").input("X")
                .op("Y", matmul(broken), "A", "X")
                .op("loss", HALF_SQUARED_NORM, "Y")
                .build();
    }
}
