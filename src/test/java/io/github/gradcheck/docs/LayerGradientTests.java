package io.github.gradcheck.docs;

import io.github.gradcheck.examples.network.Dense;
import io.github.gradcheck.examples.network.SoftmaxCrossEntropy;
import io.github.gradcheck.examples.network.Tanh;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.junit.CheckSpec;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.Subject;

/** The first example of docs/junit.md: {@code @GradientCheck} tests of hand-written layers, run as real tests. */
class LayerGradientTests {

    static final double[][] W = {{0.2, -0.5, 0.1, 0.7}, {-0.3, 0.8, 0.4, -0.1}, {0.6, 0.1, -0.7, 0.3}};
    static final double[] B = {0.1, -0.2, 0.05};

    static final Subject RELU = FunctionSubject.of("relu",
            in -> java.util.Arrays.stream(in.vector("x")).map(v -> Math.max(0, v)).toArray(),
            (in, out, gOut) -> {
                double[] x = in.vector("x");
                double[] g = gOut.asVector();
                for (int i = 0; i < x.length; i++) {
                    g[i] = x[i] > 0 ? g[i] : 0;
                }
                return g;
            });

    @GradientCheck(tries = 20)
    void denseThenTanh(CheckSpec check) {
        check.subject(Sequential.of("dense+tanh", new Dense(W, B), new Tanh()))
             .input("x", Domain.uniform(-2, 2).vector(4));
    }

    @GradientCheck(tries = 20)
    void softmaxCrossEntropy(CheckSpec check) {
        check.subject(Sequential.of("loss", new SoftmaxCrossEntropy(2)))
             .input("x", Domain.uniform(-2, 2).vector(3));
    }

    @GradientCheck
    void relu(CheckSpec check) {
        // ReLU has a kink at 0: its input is kept at least 0.05 away from it.
        check.subject(RELU)
             .input("x", Domain.uniform(-3, 3).awayFrom(0, 0.05).vector(5));
    }
}
