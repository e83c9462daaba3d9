package io.github.gradcheck.examples.network;

import io.github.gradcheck.subject.Layer;

/** Element-wise {@code tanh}; the backward uses the cached output: {@code dx = g·(1 − y²)}. */
public final class Tanh implements Layer<double[], double[]> {

    private double[] y;

    @Override
    public double[] forward(double[] x) {
        y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.tanh(x[i]);
        }
        return y.clone();
    }

    @Override
    public double[] backward(double[] g) {
        double[] dx = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            dx[i] = g[i] * (1 - y[i] * y[i]);
        }
        return dx;
    }
}
