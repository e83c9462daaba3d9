package io.github.gradcheck.docs;

import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.input.PointSource;
import io.github.gradcheck.junit.CheckSpec;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The {@code @GradientCheck} snippets of docs/junit.md after the first, run as real tests. */
class JunitGuideTests {

    /** 3·z[label]: a vector input and a constant label. */
    static final Subject PICK = FunctionSubject.of("3 z[label]",
            in -> 3 * in.vector("z")[(int) in.scalar("label")],
            (in, out, gOut) -> {
                double[] dz = new double[in.vector("z").length];
                dz[(int) in.scalar("label")] = 3 * gOut.asScalar();
                return new Object[] {dz, null};
            });

    static final Subject SOFTPLUS = FunctionSubject.of("softplus",
            in -> Math.log1p(Math.exp(in.scalar("x"))),
            (in, out, gOut) -> gOut.asScalar() / (1 + Math.exp(-in.scalar("x"))));

    /** Σ x_i² in float. */
    static final Subject FLOAT_SQUARES = FunctionSubject.of("float squares",
            in -> {
                float s = 0;
                for (float v : in.floatVector("x")) {
                    s += v * v;
                }
                return s;
            },
            (in, out, gOut) -> {
                float[] x = in.floatVector("x");
                float[] dx = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    dx[i] = 2 * x[i] * (float) gOut.asScalar();
                }
                return dx;
            });

    @GradientCheck(tries = 30)
    void aDrawnLabel(CheckSpec check) {
        check.subject(PICK)
             .input("z", Domain.uniform(-1, 1).vector(3))
             .input("label", Domain.integers(0, 2));     // a constant: drawn each try, never differentiated
    }

    @GradientCheck
    void givenPoints(CheckSpec check) {
        check.subject(SOFTPLUS)
             .points(PointSource.of(Point.of("x", 0.5), Point.of("x", -2.0), Point.of("x", 7.0)));
    }

    @GradientCheck(tries = 25)
    void pointsOfYourOwn(CheckSpec check) {
        check.subject(SOFTPLUS)
             .points((index, random) -> Point.of("x", random.nextDouble(-6, 6)))
             .input("x", Domain.uniform(-6, 6));         // only bounds the shrinking
    }

    @GradientCheck(tries = 10)
    void withEngineOptions(CheckSpec check) {
        check.subject(OptionsGuideTests.sumOfXSinX())
             .input("x", Domain.uniform(-3, 3).vector(5000))
             .options(CheckOptions.defaults().withMode(CheckMode.SAMPLED).withSampleSize(32));
    }

    @GradientCheck(tries = 20)
    void floatInputs(CheckSpec check) {
        check.subject(FLOAT_SQUARES)
             .input("x", Domain.uniform(-2, 2).precision(Precision.FLOAT).vector(4));
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @GradientCheck(tries = 10, seed = 31, timeLimit = "10s")
    @interface QuickGradientCheck {
    }

    @QuickGradientCheck
    void quick(CheckSpec check) {
        check.subject(SOFTPLUS).input("x", Domain.uniform(-1, 1));
    }
}
