package io.github.gradcheck.examples;

import io.github.gradcheck.input.Domain;
import io.github.gradcheck.junit.CheckSpec;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code @GradientCheck} tests of correct subjects: the worked example in all three styles, and
 * a small hand-written network (dense layer, tanh, ReLU) as people write it. The README shows
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
        check.subject(Sequential.of("dense+tanh", new Dense(4, 3, 42), new Tanh()))
             .input("x", Domain.uniform(-2, 2).vector(4));
    }

    @GradientCheck(tries = 20)
    void relu(CheckSpec check) {
        // ReLU has a kink at 0: its input is kept at least 0.05 away from it.
        check.subject(Sequential.of("relu", new Relu()))
             .input("x", Domain.uniform(-3, 3).awayFrom(0, 0.05).vector(5));
    }

    /** y = W·x + b, with its weights and bias as parameters. */
    static final class Dense implements Layer<double[], double[]> {
        private final double[][] w;
        private final double[] b;
        private double[][] dw;
        private double[] db;
        private double[] lastInput;

        Dense(int inputs, int outputs, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            w = new double[outputs][inputs];
            b = new double[outputs];
            for (int i = 0; i < outputs; i++) {
                b[i] = random.nextDouble(-0.5, 0.5);
                for (int j = 0; j < inputs; j++) {
                    w[i][j] = random.nextDouble(-1, 1);
                }
            }
        }

        @Override
        public double[] forward(double[] x) {
            lastInput = x.clone();
            double[] y = new double[b.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = b[i];
                for (int j = 0; j < x.length; j++) {
                    y[i] += w[i][j] * x[j];
                }
            }
            return y;
        }

        @Override
        public double[] backward(double[] dy) {
            dw = new double[w.length][lastInput.length];
            db = dy.clone();
            double[] dx = new double[lastInput.length];
            for (int i = 0; i < dy.length; i++) {
                for (int j = 0; j < lastInput.length; j++) {
                    dw[i][j] = dy[i] * lastInput[j];
                    dx[j] += w[i][j] * dy[i];
                }
            }
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.of("W", w, () -> dw), Parameter.of("b", b, () -> db));
        }
    }

    /** Element-wise tanh. */
    static final class Tanh implements Layer<double[], double[]> {
        private double[] lastOutput;

        @Override
        public double[] forward(double[] x) {
            lastOutput = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                lastOutput[i] = Math.tanh(x[i]);
            }
            return lastOutput.clone();
        }

        @Override
        public double[] backward(double[] dy) {
            double[] dx = new double[dy.length];
            for (int i = 0; i < dy.length; i++) {
                dx[i] = dy[i] * (1 - lastOutput[i] * lastOutput[i]);
            }
            return dx;
        }
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
