package io.github.gradcheck.check;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import java.util.SplittableRandom;

/**
 * A cheap, non-separable test function of one large vector with an optionally wrong gradient
 * element: f(x) = Σ (a_i x_i + b_i x_i³) + 0.05 (c·x)², c of unit norm. Its evaluation is a
 * few multiply-adds per element, so that checks of 10⁴–10⁶ elements stay fast.
 */
final class CostSubjects {

    final double[] a;
    final double[] b;
    final double[] c;

    CostSubjects(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        a = new double[n];
        b = new double[n];
        c = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
            b[i] = 0.1 * r.nextGaussian();
            c[i] = r.nextGaussian() / Math.sqrt(n);
        }
    }

    static Point point(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return Point.of("x", x);
    }

    double value(double[] x) {
        double s = 0;
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            s += a[i] * xi + b[i] * xi * xi * xi;
            d += c[i] * xi;
        }
        return s + 0.05 * d * d;
    }

    double[] gradient(double[] x) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d += c[i] * x[i];
        }
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = a[i] + 3 * b[i] * x[i] * x[i] + 0.1 * d * c[i];
        }
        return g;
    }

    static double norm(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** The function with its gradient wrong by {@code delta} at element {@code bad} (-1: right). */
    FunctionSubject subject(int bad, double delta) {
        return FunctionSubject.of("cubic+square", in -> value(in.vector("x")), (in, out, g) -> {
            double[] grad = gradient(in.vector("x"));
            if (bad >= 0) {
                grad[bad] += delta;
            }
            for (int i = 0; i < grad.length; i++) {
                grad[i] *= g.asScalar();
            }
            return grad;
        });
    }
}
