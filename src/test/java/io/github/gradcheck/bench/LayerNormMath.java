package io.github.gradcheck.bench;

/** f(x) = Σ w_i (x_i − μ) / sqrt(σ² + 1e-5) and its gradient, in double and in float. */
final class LayerNormMath {

    private static final double EPS = 1e-5;

    private LayerNormMath() {
    }

    static double value(double[] x, double[] w) {
        int n = x.length;
        double mu = 0;
        for (double v : x) {
            mu += v;
        }
        mu /= n;
        double var = 0;
        for (double v : x) {
            var += (v - mu) * (v - mu);
        }
        var /= n;
        double inv = 1 / Math.sqrt(var + EPS);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += w[i] * (x[i] - mu) * inv;
        }
        return s;
    }

    static double[] gradient(double[] x, double[] w) {
        int n = x.length;
        double mu = 0;
        for (double v : x) {
            mu += v;
        }
        mu /= n;
        double var = 0;
        for (double v : x) {
            var += (v - mu) * (v - mu);
        }
        var /= n;
        double inv = 1 / Math.sqrt(var + EPS);
        double[] xhat = new double[n];
        double meanW = 0;
        double meanWx = 0;
        for (int i = 0; i < n; i++) {
            xhat[i] = (x[i] - mu) * inv;
            meanW += w[i] / n;
            meanWx += w[i] * xhat[i] / n;
        }
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = inv * (w[i] - meanW - xhat[i] * meanWx);
        }
        return g;
    }

    static double floatValue(double[] x, double[] w) {
        int n = x.length;
        float mu = 0;
        for (double v : x) {
            mu += (float) v;
        }
        mu /= n;
        float var = 0;
        for (double v : x) {
            float d = (float) v - mu;
            var += d * d;
        }
        var /= n;
        float inv = 1f / (float) Math.sqrt(var + (float) EPS);
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += (float) w[i] * ((float) x[i] - mu) * inv;
        }
        return s;
    }

    static double[] floatGradient(double[] x, double[] w) {
        int n = x.length;
        float mu = 0;
        for (double v : x) {
            mu += (float) v;
        }
        mu /= n;
        float var = 0;
        for (double v : x) {
            float d = (float) v - mu;
            var += d * d;
        }
        var /= n;
        float inv = 1f / (float) Math.sqrt(var + (float) EPS);
        float[] xhat = new float[n];
        float meanW = 0;
        float meanWx = 0;
        for (int i = 0; i < n; i++) {
            xhat[i] = ((float) x[i] - mu) * inv;
            meanW += (float) w[i] / n;
            meanWx += (float) w[i] * xhat[i] / n;
        }
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = inv * ((float) w[i] - meanW - xhat[i] * meanWx);
        }
        return g;
    }
}
