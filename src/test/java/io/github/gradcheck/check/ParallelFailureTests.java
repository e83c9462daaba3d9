package io.github.gradcheck.check;

import io.github.gradcheck.GradientChecker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.FunctionSubject;
import org.junit.jupiter.api.Test;

/**
 * A probe that fails on several threads: the check fails with the failure of the first probe in
 * order, exactly as it does on one thread, whichever thread got there first.
 */
class ParallelFailureTests {

    private static final double[] X = new double[200];

    static {
        for (int i = 0; i < X.length; i++) {
            X[i] = 0.25 + i / 400.0;
        }
    }

    /** Σ x², whose forward fails when element 37 or element 150 is perturbed. */
    private static FunctionSubject failingAt37And150() {
        return FunctionSubject.of("fails at 37 and 150", in -> {
            double[] x = in.vector("x");
            for (int bad : new int[] {37, 150}) {
                if (x[bad] != X[bad]) {
                    throw new IllegalStateException("element " + bad + " was moved");
                }
            }
            double s = 0;
            for (double v : x) {
                s += v * v;
            }
            return s;
        }, (in, out, g) -> {
            double[] x = in.vector("x");
            double[] d = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                d[i] = 2 * x[i] * g.asScalar();
            }
            return d;
        }).pure();
    }

    @Test
    void theFirstFailingProbeInOrderIsReportedOnOneThreadAndOnSeveral() {
        Point p = Point.of("x", X);
        CheckOptions full = CheckOptions.defaults().withMode(CheckMode.FULL);
        Throwable sequential = catchThrowable(() -> new GradientChecker(full).check(failingAt37And150(), p));

        for (int threads : new int[] {2, 3, 8}) {
            assertThatThrownBy(() -> new GradientChecker(full.withParallelism(threads)).check(failingAt37And150(), p))
                    .isInstanceOf(SubjectException.class)
                    .hasMessage(sequential.getMessage())
                    .rootCause().hasMessage("element 37 was moved");
        }
    }
}
