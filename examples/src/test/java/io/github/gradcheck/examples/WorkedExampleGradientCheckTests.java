package io.github.gradcheck.examples;

import io.github.gradcheck.examples.network.Dense;
import io.github.gradcheck.examples.network.Tanh;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.junit.CheckSpec;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Sequential;

/**
 * {@code @GradientCheck} tests of correct subjects: the worked example in all three styles, and
 * a small hand-written network (dense layer, tanh, ReLU) as people write it. The user guide shows
 * these tests.
 */
class WorkedExampleGradientCheckTests {

    // ---- the worked example f(x, y) = (x + σ(y)) / (σ(x) + (x + y)²) ---------------------------

    @GradientCheck(tries = 30)
    void tracedWorkedExample(CheckSpec check) {
        check.subject(WorkedExample.traced(false))
             .input("x", Domain.uniform(-4, 4))
             .input("y", Domain.uniform(-4, 4));
    }

    @GradientCheck(tries = 30)
    void graphWorkedExample(CheckSpec check) {
        check.subject(WorkedExample.graph(false))
             .input("x", Domain.uniform(-4, 4))
             .input("y", Domain.uniform(-4, 4));
    }

    @GradientCheck(tries = 30)
    void functionWorkedExample(CheckSpec check) {
        check.subject(WorkedExample.function(false))
             .input("x", Domain.logUniform(1e-2, 10))
             .input("y", Domain.logUniform(1e-2, 10));
    }

    // ---- a hand-written layer stack ----------------------------------------------------------

    @GradientCheck(tries = 20)
    void denseThenTanh(CheckSpec check) {
        double[][] w = {{0.2, -0.5, 0.1, 0.7}, {-0.3, 0.8, 0.4, -0.1}, {0.6, 0.1, -0.7, 0.3}};
        double[] b = {0.1, -0.2, 0.05};
        check.subject(Sequential.of("dense+tanh", new Dense(w, b), new Tanh()))
             .input("x", Domain.uniform(-2, 2).vector(4));
    }

    @GradientCheck(tries = 20)
    void relu(CheckSpec check) {
        // ReLU has a kink at 0: its input is kept at least 0.05 away from it.
        check.subject(Sequential.of("relu", new Relu()))
             .input("x", Domain.uniform(-3, 3).awayFrom(0, 0.05).vector(5));
    }

    /** Element-wise max(0, x); not differentiable at 0. */
    static final class Relu implements Layer<double[], double[]> {
        private double[] lastInput;

        @Override
        public double[] forward(double[] x) {
            lastInput = x.clone();
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.max(0, x[i]);
            }
            return y;
        }

        @Override
        public double[] backward(double[] dy) {
            double[] dx = new double[dy.length];
            for (int i = 0; i < dy.length; i++) {
                dx[i] = lastInput[i] > 0 ? dy[i] : 0;
            }
            return dx;
        }
    }
}
