package io.github.gradcheck.report;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Deviation;
import io.github.gradcheck.check.FlatSpotSigmoid;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;

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

    static final Deviation FLAT_SPOT = FlatSpotSigmoid.FLAT_SPOT;

    static GradientReport declaring(Deviation d, boolean bug) {
        return new GradientChecker(CheckOptions.defaults().withDeviation("z", d)).check(FlatSpotSigmoid.subject(bug), FlatSpotSigmoid.Z);
    }
}
