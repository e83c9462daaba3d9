package io.github.gradcheck.model;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Sequential;

/**
 * Runs checks of plain arrays; {@link OptionalMatrixLibrariesTests} loads it in a class loader
 * that has gradcheck but none of the matrix libraries.
 */
public final class WithoutMatrixLibraries {

    private WithoutMatrixLibraries() {
    }

    /** {@return what the checks gave, as one line} */
    public static String run() {
        GradientReport function = GradCheck.check(FunctionSubject.of("square", in -> in.scalar("x") * in.scalar("x"),
                (in, out, g) -> 2 * in.scalar("x") * g.asScalar()), Point.of("x", 1.5));
        Layer<double[], double[]> twice = Layer.of("twice", x -> new double[] {2 * x[0], 2 * x[1]},
                g -> new double[] {2 * g[0], 2 * g[1]});
        GradientReport layer = GradCheck.check(Sequential.of("twice", twice), Point.of("x", new double[] {1, 2}));
        String unknown;
        try {
            Value.fromJava(new StringBuilder("not a value"));
            unknown = "accepted";
        } catch (IllegalArgumentException e) {
            unknown = e.getMessage();
        }
        return "function " + function.verdict() + ", layer " + layer.verdict() + ", " + unknown;
    }
}
