package io.github.gradcheck.examples.broken;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.Subject;

/**
 * A squared distance ½‖a − b‖² as a graph of ops, whose subtraction's backward forgets the
 * minus for its second argument: d(b) = +d(diff) instead of −d(diff).
 */
public final class WrongSign {

    /** Where the example is checked. */
    public static final Point POINT = Point.of("a", new double[] {1.0, 2.0, 3.0}, "b", new double[] {0.5, -1.0, 2.25});

    private WrongSign() {
    }

    static final Op SUBTRACT = Op.of(
            in -> {
                double[] a = in.vector(0);
                double[] b = in.vector(1);
                double[] d = new double[a.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = a[i] - b[i];
                }
                return d;
            },
            (in, out, g) -> {
                double[] da = g.toArray();
                double[] db = new double[da.length];
                for (int i = 0; i < db.length; i++) {
                    db[i] = -da[i];
                }
                return new double[][] {da, db};
            });

    static final Op SUBTRACT_FORGETS_MINUS = Op.of(
            SUBTRACT::forward,
            (in, out, g) -> new double[][] {g.toArray(), g.toArray()}); // bug: d(b) = +g

    static final Op HALF_SQUARED_NORM = Op.of(
            in -> {
                double s = 0;
                for (double v : in.vector(0)) {
                    s += v * v;
                }
                return s / 2;
            },
            (in, out, g) -> {
                double[] d = in.vector(0);
                for (int i = 0; i < d.length; i++) {
                    d[i] *= g.asScalar();
                }
                return d;
            });

    /** The subject, correct or with the forgotten minus. */
    public static Subject subject(boolean broken) {
        return GraphSubject.builder(broken ? "squared distance (subtraction forgets the minus)" : "squared distance")
                .input("a").input("b")
                .op("diff", broken ? SUBTRACT_FORGETS_MINUS : SUBTRACT, "a", "b")
                .op("loss", HALF_SQUARED_NORM, "diff")
                .build();
    }
}
