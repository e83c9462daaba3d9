package io.github.gradcheck.examples.broken;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.Subject;

/**
 * The mean of squares of a vector of 4 as a graph of ops, whose mean's backward forgets to
 * divide by N: d(sq)ᵢ = d(m) instead of d(m)/N.
 */
public final class MissingMeanDivision {

    /** Where the example is checked. */
    public static final Point POINT = Point.of("v", new double[] {0.5, -1.5, 2.0, 0.25});

    private MissingMeanDivision() {
    }

    static final Op SQUARE = Op.of(
            in -> {
                double[] v = in.vector(0);
                for (int i = 0; i < v.length; i++) {
                    v[i] *= v[i];
                }
                return v;
            },
            (in, out, g) -> {
                double[] v = in.vector(0);
                double[] d = g.toArray();
                for (int i = 0; i < d.length; i++) {
                    d[i] *= 2 * v[i];
                }
                return d;
            });

    static Op mean(boolean forgetsN) {
        return Op.of(
                in -> {
                    double s = 0;
                    for (double v : in.vector(0)) {
                        s += v;
                    }
                    return s / in.vector(0).length;
                },
                (in, out, g) -> {
                    int n = in.vector(0).length;
                    double[] d = new double[n];
                    java.util.Arrays.fill(d, forgetsN ? g.asScalar() : g.asScalar() / n); // bug: no 1/N
                    return d;
                });
    }

    /** The subject, correct or with the missing 1/N. */
    public static Subject subject(boolean broken) {
        return GraphSubject.builder(broken ? "mean of squares (mean's backward forgets 1/N)" : "mean of squares")
                .input("v")
                .op("sq", SQUARE, "v")
                .op("m", mean(broken), "sq")
                .build();
    }
}
