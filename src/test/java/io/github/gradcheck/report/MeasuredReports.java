package io.github.gradcheck.report;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Deviation;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;

/**
 * Reports that carry what the text report says beyond the table: a measured noise (a double
 * computed partly in float, its claim 10% off), a backward that ignores its upstream gradient, and
 * declared deviations (a sigmoid with a flat spot on purpose, with and without a further bug).
 */
final class MeasuredReports {

    private MeasuredReports() {
    }

    static double partlyFloat(double x) {
        float s = (float) Math.sin(x);
        float p = s * (float) x;
        float e = (float) Math.exp(x / 3);
        return (double) (p + e);
    }

    static double partlyFloatDerivative(double x) {
        return Math.cos(x) * x + Math.sin(x) + Math.exp(x / 3) / 3;
    }

    /** A double computed partly in float, its claim 10% off: the confirmation measures the noise. */
    static final GradientReport NOISY = new GradientChecker().check(FunctionSubject.of("partly float, 1e-1 off",
            in -> partlyFloat(in.scalar("x")), (in, out, g) -> 1.1 * partlyFloatDerivative(in.scalar("x")) * g.asScalar()),
            Point.of("x", 1.3));

    /** A loss whose backward returns cos x whatever flows in. */
    static final GradientReport IGNORING = new GradientChecker().check(FunctionSubject.of("sin, gOut ignored",
            in -> Math.sin(in.scalar("x")), (in, out, g) -> Math.cos(in.scalar("x"))), Point.of("x", 0.7));

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    static double sigmoidDerivative(double z) {
        return sigmoid(z) * (1 - sigmoid(z));
    }

    /** loss = Σ 3·σ(z_i); the backward adds 0.1 to σ' on purpose and, with {@code bug}, is 1% off at z[2]. */
    static Subject flatSpot(boolean bug) {
        return TracedSubject.of(bug ? "sigmoid with a flat spot and a bug" : "sigmoid with a flat spot", t -> {
            double[] z = t.vector("z");
            double[] s = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                s[i] = sigmoid(z[i]);
            }
            s = t.node("s", s);
            double sum = 0;
            for (double v : s) {
                sum += 3 * v;
            }
            t.output("loss", sum);
        }, t -> {
            double[] s = t.vector("s");
            double[] ds = new double[s.length];
            double[] dz = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                ds[i] = 3 * t.seed();
                dz[i] = (s[i] * (1 - s[i]) + 0.1) * ds[i] * (bug && i == 2 ? 1.01 : 1);
            }
            t.grad("s", ds);
            t.grad("z", dz);
            t.grad("loss", t.seed());
        });
    }

    static final Point Z = Point.of("z", new double[] {0.4, -1.2, 2.0});

    static final Deviation FLAT_SPOT = Deviation.intended("flat spot: sigmoid' + 0.1 on purpose",
            (z, measured) -> measured * (sigmoidDerivative(z) + 0.1) / sigmoidDerivative(z));

    static GradientReport declaring(Deviation d, boolean bug) {
        return new GradientChecker(CheckOptions.defaults().withDeviation("z", d)).check(flatSpot(bug), Z);
    }
}
