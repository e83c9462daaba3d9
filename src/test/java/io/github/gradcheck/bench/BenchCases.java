package io.github.gradcheck.bench;

import java.util.List;
import java.util.SplittableRandom;

/** The correct but numerically hard subjects of the verdict benchmark. */
final class BenchCases {

    private BenchCases() {
    }

    static List<BenchCase> all() {
        return List.of(largeMagnitude(), expGrowth(), tinyGradient(), reluNearKink(), smoothAbsNearKink(),
                logSumExpLargeLogits(), layerNorm(), largeTensor(), floatTanh(), floatLogSumExp(), floatLayerNorm(),
                floatLayerNormWithReference());
    }

    /** Σ x² cos(x / 1e5) at |x| up to 1e5. */
    static BenchCase largeMagnitude() {
        return new BenchCase("large magnitudes (|x| ~ 1e5)", 4, false) {
            double[] draw(SplittableRandom r) {
                return uniformVector(r, -1e5, 1e5);
            }

            double value(double[] x) {
                double s = 0;
                for (double v : x) {
                    s += v * v * Math.cos(v * 1e-5);
                }
                return s;
            }

            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = 2 * x[i] * Math.cos(x[i] * 1e-5) - x[i] * x[i] * 1e-5 * Math.sin(x[i] * 1e-5);
                }
                return g;
            }
        };
    }

    /** Σ exp(10 x) on [-1, 3]: values up to 1e13, huge higher derivatives. */
    static BenchCase expGrowth() {
        return new BenchCase("exp growth exp(10x), x in [-1,3]", 3, false) {
            double[] draw(SplittableRandom r) {
                return uniformVector(r, -1, 3);
            }

            double value(double[] x) {
                double s = 0;
                for (double v : x) {
                    s += Math.exp(10 * v);
                }
                return s;
            }

            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = 10 * Math.exp(10 * x[i]);
                }
                return g;
            }
        };
    }

    /** 1e-9 Σ x sin x: gradients of 1e-9, below any absolute tolerance. */
    static BenchCase tinyGradient() {
        return new BenchCase("tiny gradients 1e-9 x sin x", 4, false) {
            double[] draw(SplittableRandom r) {
                return uniformVector(r, -3, 3);
            }

            double value(double[] x) {
                double s = 0;
                for (double v : x) {
                    s += 1e-9 * v * Math.sin(v);
                }
                return s;
            }

            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = 1e-9 * (Math.sin(x[i]) + x[i] * Math.cos(x[i]));
                }
                return g;
            }
        };
    }

    /** Σ w relu(x)² + w x with x within 1e-4..1e-2 of the kink (differentiable there, kink inside the stencil of large steps). */
    static BenchCase reluNearKink() {
        double[] w = {1.5, -0.7, 2.0, 0.9};
        return new BenchCase("relu near the kink (1e-4 < |x| < 1e-2)", 4, false) {
            double[] draw(SplittableRandom r) {
                double[] x = new double[size];
                for (int i = 0; i < size; i++) {
                    x[i] = (r.nextBoolean() ? 1 : -1) * Math.exp(uniform(r, Math.log(1e-4), Math.log(1e-2)));
                }
                return x;
            }

            double value(double[] x) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                    double relu = Math.max(0, x[i]);
                    s += w[i] * (relu + 3 * relu * relu) + 0.25 * x[i];
                }
                return s;
            }

            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = (x[i] > 0 ? w[i] * (1 + 6 * x[i]) : 0) + 0.25;
                }
                return g;
            }
        };
    }

    /** Σ sqrt(x² + 1e-8): a smoothed abs, differentiable but with curvature 1e4 near 0. */
    static BenchCase smoothAbsNearKink() {
        return new BenchCase("smoothed abs sqrt(x^2+1e-8) near 0", 3, false) {
            double[] draw(SplittableRandom r) {
                return uniformVector(r, -1e-3, 1e-3);
            }

            double value(double[] x) {
                double s = 0;
                for (double v : x) {
                    s += Math.sqrt(v * v + 1e-8);
                }
                return s;
            }

            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = x[i] / Math.sqrt(x[i] * x[i] + 1e-8);
                }
                return g;
            }
        };
    }

    /** Σ c log-sum-exp(z) − z·t with logits around 500 (stable implementation). */
    static BenchCase logSumExpLargeLogits() {
        return new BenchCase("log-sum-exp, logits ~ 500", 8, false) {
            double[] draw(SplittableRandom r) {
                double[] x = new double[size];
                for (int i = 0; i < size; i++) {
                    x[i] = 500 + uniform(r, -3, 3);
                }
                return x;
            }

            double value(double[] x) {
                double m = Double.NEGATIVE_INFINITY;
                for (double v : x) {
                    m = Math.max(m, v);
                }
                double s = 0;
                for (double v : x) {
                    s += Math.exp(v - m);
                }
                return m + Math.log(s) - x[0];
            }

            double[] gradient(double[] x) {
                double m = Double.NEGATIVE_INFINITY;
                for (double v : x) {
                    m = Math.max(m, v);
                }
                double s = 0;
                for (double v : x) {
                    s += Math.exp(v - m);
                }
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = Math.exp(x[i] - m) / s - (i == 0 ? 1 : 0);
                }
                return g;
            }
        };
    }

    static final double[] WEIGHTS = {0.3, -1.2, 0.8, 0.5, -0.4, 1.1, -0.9, 0.2, 0.7, -0.6, 1.4, -0.3, 0.1, 0.9, -1.0, 0.6};

    /** w · layernorm(x), 16 inputs with offset 10 and spread 0.1: heavy cancellation. */
    static BenchCase layerNorm() {
        return new BenchCase("layer norm, x = 10 + 0.1 N(0,1)", 16, false) {
            double[] draw(SplittableRandom r) {
                double[] x = new double[size];
                for (int i = 0; i < size; i++) {
                    x[i] = 10 + 0.1 * r.nextGaussian();
                }
                return x;
            }

            double value(double[] x) {
                return LayerNormMath.value(x, WEIGHTS);
            }

            double[] gradient(double[] x) {
                return LayerNormMath.gradient(x, WEIGHTS);
            }
        };
    }

    /** Σ w tanh(x) + (Σ x)² / n over 256 inputs: one wrong element among many. */
    static BenchCase largeTensor() {
        int n = 256;
        double[] w = new double[n];
        SplittableRandom r0 = new SplittableRandom(99);
        for (int i = 0; i < n; i++) {
            w[i] = r0.nextGaussian();
        }
        return new BenchCase("256-element tensor, tanh + square of sum", n, false) {
            double[] draw(SplittableRandom r) {
                double[] x = new double[size];
                for (int i = 0; i < size; i++) {
                    x[i] = r.nextGaussian();
                }
                return x;
            }

            double value(double[] x) {
                double s = 0;
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                    s += w[i] * Math.tanh(x[i]);
                    sum += x[i];
                }
                return s + sum * sum / x.length;
            }

            double[] gradient(double[] x) {
                double sum = 0;
                for (double v : x) {
                    sum += v;
                }
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    double t = Math.tanh(x[i]);
                    g[i] = w[i] * (1 - t * t) + 2 * sum / x.length;
                }
                return g;
            }
        };
    }

    /** float32: Σ w tanh(x) · x. */
    static BenchCase floatTanh() {
        return new BenchCase("float32 w tanh(x) x", 6, true) {
            double[] draw(SplittableRandom r) {
                return uniformVector(r, -3, 3);
            }

            double value(double[] x) {
                float s = 0;
                for (int i = 0; i < x.length; i++) {
                    float v = (float) x[i];
                    s += (float) WEIGHTS[i] * (float) Math.tanh(v) * v;
                }
                return s;
            }

            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    float v = (float) x[i];
                    float t = (float) Math.tanh(v);
                    g[i] = (float) WEIGHTS[i] * (t + v * (1 - t * t));
                }
                return g;
            }
        };
    }

    /** float32 log-sum-exp minus the first logit, logits in [-5, 5]. */
    static BenchCase floatLogSumExp() {
        return new BenchCase("float32 log-sum-exp", 8, true) {
            double[] draw(SplittableRandom r) {
                return uniformVector(r, -5, 5);
            }

            double value(double[] x) {
                float m = Float.NEGATIVE_INFINITY;
                for (double v : x) {
                    m = Math.max(m, (float) v);
                }
                float s = 0;
                for (double v : x) {
                    s += (float) Math.exp((float) v - m);
                }
                return m + (float) Math.log(s) - (float) x[0];
            }

            double[] gradient(double[] x) {
                float m = Float.NEGATIVE_INFINITY;
                for (double v : x) {
                    m = Math.max(m, (float) v);
                }
                float s = 0;
                for (double v : x) {
                    s += (float) Math.exp((float) v - m);
                }
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = (float) Math.exp((float) x[i] - m) / s - (i == 0 ? 1f : 0f);
                }
                return g;
            }
        };
    }

    /** float32 w · layernorm(x), 8 inputs, x = 2 + N(0,1). */
    static BenchCase floatLayerNorm() {
        return floatLayerNormCase("float32 layer norm", false);
    }

    /** The same with a double version of the forward for the numeric side. */
    static BenchCase floatLayerNormWithReference() {
        return floatLayerNormCase("float32 layer norm + double reference", true);
    }

    private static BenchCase floatLayerNormCase(String name, boolean withReference) {
        double[] w = java.util.Arrays.copyOf(WEIGHTS, 8);
        return new BenchCase(name, 8, true) {
            double[] draw(SplittableRandom r) {
                double[] x = new double[size];
                for (int i = 0; i < size; i++) {
                    x[i] = (float) (2 + r.nextGaussian());
                }
                return x;
            }

            double value(double[] x) {
                return LayerNormMath.floatValue(x, w);
            }

            double[] gradient(double[] x) {
                return LayerNormMath.floatGradient(x, w);
            }

            @Override
            DoubleForward reference() {
                return withReference ? xs -> LayerNormMath.value(xs, w) : null;
            }
        };
    }
}
