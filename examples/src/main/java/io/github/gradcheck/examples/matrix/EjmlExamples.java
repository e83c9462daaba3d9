package io.github.gradcheck.examples.matrix;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.Subject;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.simple.SimpleMatrix;

/**
 * Subjects written with EJML, checked as they are: EJML matrices in the point, returned by the
 * forward, returned as gradients, and as a layer's input, output and parameter.
 */
public final class EjmlExamples {

    private EjmlExamples() {
    }

    /**
     * The least-squares loss ½‖A·x − b‖² of {@code A} (3×2) and {@code x} (2×1), with {@code b} a
     * constant; {@code doubled}: the gradients without the ½ (twice the truth).
     */
    public static Subject leastSquares(boolean doubled) {
        return FunctionSubject.of("least squares (EJML)" + (doubled ? ", without the 1/2" : ""),
                in -> {
                    DMatrixRMaj r = residual(in.as("A", DMatrixRMaj.class), in.as("x", DMatrixRMaj.class),
                            in.as("b", DMatrixRMaj.class));
                    return 0.5 * CommonOps_DDRM.dot(r, r);
                },
                (in, out, gOut) -> {
                    DMatrixRMaj a = in.as("A", DMatrixRMaj.class);
                    DMatrixRMaj x = in.as("x", DMatrixRMaj.class);
                    DMatrixRMaj r = residual(a, x, in.as("b", DMatrixRMaj.class));
                    CommonOps_DDRM.scale(gOut.asScalar() * (doubled ? 2 : 1), r);
                    DMatrixRMaj da = new DMatrixRMaj(a.numRows, a.numCols);
                    CommonOps_DDRM.multTransB(r, x, da);   // r·xᵀ
                    DMatrixRMaj dx = new DMatrixRMaj(x.numRows, 1);
                    CommonOps_DDRM.multTransA(a, r, dx);   // Aᵀ·r
                    return new Object[] {da, dx, null};
                });
    }

    private static DMatrixRMaj residual(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj b) {
        DMatrixRMaj r = new DMatrixRMaj(a.numRows, 1);
        CommonOps_DDRM.mult(a, x, r);
        CommonOps_DDRM.subtractEquals(r, b);
        return r;
    }

    /** A point for {@link #leastSquares}: A and x as EJML matrices, b a constant SimpleMatrix. */
    public static Point leastSquaresPoint() {
        return Point.builder()
                .input("A", new DMatrixRMaj(new double[][] {{1, 2}, {0.5, -1}, {3, 0.25}}))
                .input("x", new DMatrixRMaj(new double[][] {{0.5}, {-1.5}}))
                .constant("b", new SimpleMatrix(new double[][] {{1}, {0}, {-2}}))
                .build();
    }

    /**
     * A layer {@code y = tanh(W·x)} written with EJML: its input and output are
     * {@code DMatrixRMaj} columns, and its weight matrix is a {@code DMatrixRMaj} whose row-major
     * data array is the parameter. {@code forgetsTanh}: the backward leaves out tanh's derivative.
     */
    public static Subject tanhLayer(DMatrixRMaj w, boolean forgetsTanh) {
        DMatrixRMaj[] cache = new DMatrixRMaj[2];
        DMatrixRMaj dw = new DMatrixRMaj(w.numRows, w.numCols);
        Layer<DMatrixRMaj, DMatrixRMaj> layer = Layer.of("tanh(Wx)",
                x -> {
                    DMatrixRMaj y = new DMatrixRMaj(w.numRows, 1);
                    CommonOps_DDRM.mult(w, x, y);
                    for (int i = 0; i < y.numRows; i++) {
                        y.set(i, 0, Math.tanh(y.get(i, 0)));
                    }
                    cache[0] = x.copy();
                    cache[1] = y.copy();
                    return y;
                },
                dy -> {
                    DMatrixRMaj dz = dy.copy();
                    for (int i = 0; i < dz.numRows; i++) {
                        double y = cache[1].get(i, 0);
                        dz.set(i, 0, dz.get(i, 0) * (forgetsTanh ? 1 : 1 - y * y));
                    }
                    CommonOps_DDRM.multTransB(dz, cache[0], dw);
                    DMatrixRMaj dx = new DMatrixRMaj(w.numCols, 1);
                    CommonOps_DDRM.multTransA(w, dz, dx);
                    return dx;
                },
                Parameter.of("W", w.data, Shape.of(w.numRows, w.numCols), Parameter.Order.ROW_MAJOR, () -> dw.data));
        return Sequential.of("EJML layer", layer);
    }
}
