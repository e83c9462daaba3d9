package io.github.gradcheck.examples.matrix;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * A subject written with Apache Commons Math 3: its {@code RealMatrix} and {@code RealVector} in the point,
 * read by the forward and returned as gradients, as they are.
 */
public final class CommonsMathExamples {

    private CommonsMathExamples() {
    }

    /**
     * The quadratic form {@code f(M, v) = vᵀ·M·v}, with {@code dM = v·vᵀ} and
     * {@code dv = (M + Mᵀ)·v}; {@code assumesSymmetric}: the classic shortcut {@code dv = 2·M·v},
     * right only for a symmetric M.
     */
    public static Subject quadraticForm(boolean assumesSymmetric) {
        return FunctionSubject.of("quadratic form (Commons Math)" + (assumesSymmetric ? ", M assumed symmetric" : ""),
                in -> {
                    RealMatrix m = in.as("M", RealMatrix.class);
                    RealVector v = in.as("v", RealVector.class);
                    return v.dotProduct(m.operate(v));
                },
                (in, out, gOut) -> {
                    RealMatrix m = in.as("M", RealMatrix.class);
                    RealVector v = in.as("v", RealVector.class);
                    double g = gOut.asScalar();
                    RealMatrix dm = v.outerProduct(v).scalarMultiply(g);
                    RealVector dv = assumesSymmetric ? m.operate(v).mapMultiply(2 * g)
                            : m.add(m.transpose()).operate(v).mapMultiply(g);
                    return new Object[] {dm, dv};
                });
    }

    /** A point for {@link #quadraticForm}: a non-symmetric M and a v. */
    public static Point point() {
        return Point.of("M", new Array2DRowRealMatrix(new double[][] {{2, 1, 0}, {-1, 3, 0.5}, {0.25, 0, 1}}),
                "v", new ArrayRealVector(new double[] {1, -0.5, 2}));
    }
}
