package io.github.gradcheck.bench;

import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.FlatSpotSigmoid;
import io.github.gradcheck.check.FloatNodeInDoubleCode;
import io.github.gradcheck.internal.numeric.NoiseEstimation;
import io.github.gradcheck.internal.numeric.Probe;
import io.github.gradcheck.internal.numeric.Sample;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The subject classes of the issue-11 part of the verdict benchmark, one or more per observation:
 * features far below the scale of x, power-of-two periods, one huge gradient element, noise above
 * double rounding (partly float, a solver, a long chain, a float node in traced code), non-finite
 * claims, backwards that ignore their upstream gradient (function, traced code, an op of a
 * graph), and a declared flat spot with and without an unrelated bug. Function classes have a
 * two-component output [g(x), 0.7·g(x)], so that the RANDOM and FULL_JACOBIAN cotangent modes
 * check different things.
 */
final class ObservedCases {

    private ObservedCases() {
    }

    static List<ObservedCase> all() {
        return List.of(inverseNearZero(), fastSine(), narrowBump(), tanNearPole(), cos256(), positionalEncoding(),
                hugeElement(), partlyFloat(), solver(), floatTable(), longChain(), floatNodeInTracedCode(), nonFinite(),
                lossIgnoringGOut(), tracedDroppingItsSeed(), graphOpIgnoringUpstream(), flatSpot());
    }

    // ---- a function of a vector, with output [g, 0.7·g] -------------------------------------------

    /** A class made of a function g of a vector x and its claimed gradient. */
    abstract static class FunctionCase extends ObservedCase {

        final int size;

        FunctionCase(String name, ObservedCase.Group group, int size) {
            super(name, group);
            this.size = size;
        }

        /** g(x) as the user computes it (noisy where the class is). */
        abstract double g(double[] x);

        /** The claimed gradient of g, right. */
        abstract double[] dg(double[] x);

        /** A point's x. */
        abstract double[] x(SplittableRandom r);

        /** Which element a bug may go to (all of them by default). */
        int element(int e) {
            return Math.floorMod(e, size);
        }

        @Override
        Point draw(SplittableRandom random) {
            return Point.of("x", x(random));
        }

        @Override
        Subject subject(Bug bug, double bugSize, int element, Point point) {
            int j = element(element);
            boolean oddPoint = (Double.doubleToLongBits(point.get("x").get(0)) & 1) == 1;
            return FunctionSubject.of(name, in -> {
                double v = g(in.vector("x"));
                return new double[] {v, 0.7 * v};
            }, (in, out, u) -> {
                double[] d = dg(in.vector("x"));
                switch (bug) {
                    case RELATIVE -> d[j] *= 1 + bugSize;
                    case NOT_FINITE -> d[j] = oddPoint ? Double.NaN : Double.POSITIVE_INFINITY;
                    case NONE, IGNORES_UPSTREAM -> { }
                }
                double[] w = u.asVector();
                double weight = bug == Bug.IGNORES_UPSTREAM ? 1.7 : w[0] + 0.7 * w[1];
                for (int i = 0; i < d.length; i++) {
                    d[i] *= weight;
                }
                return d;
            });
        }

        @Override
        double relativeNoise(Point point, int element) {
            if (group != Group.NOISY) {
                return 0;
            }
            double[] x = point.get("x").toArray();
            int j = element(element);
            return relativeNoiseAlong(y -> g(y), x, j);
        }
    }

    /** ECnoise along element j of x, as gradcheck's confirmation measures it, relative to |g|. */
    static double relativeNoiseAlong(ToDoubleFunction<double[]> g, double[] x, int j) {
        Map<Double, Sample> cache = new HashMap<>();
        double g0 = g.applyAsDouble(x);
        Probe probe = offset -> cache.computeIfAbsent(offset, o -> {
            double[] y = x.clone();
            y[j] = x[j] + o;
            double v = o == 0 ? g0 : g.applyAsDouble(y);
            return new Sample(y[j] - x[j], new double[] {v}, new double[] {Math.abs(v)}, v == g0);
        });
        double typical = 0;
        for (double v : x) {
            typical = Math.max(typical, Math.abs(v));
        }
        return NoiseEstimation.measure(probe, 0, x[j], typical, Precision.DOUBLE,
                NoiseEstimation.spacing(x[j], typical, Precision.DOUBLE), NoiseEstimation.DEFAULT_BUDGET).relative();
    }

    static double[] uniform(SplittableRandom r, int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * r.nextDouble();
        }
        return x;
    }

    /** A function case from lambdas. */
    static FunctionCase function(String name, ObservedCase.Group group, int size,
                                 Function<SplittableRandom, double[]> x, ToDoubleFunction<double[]> g,
                                 Function<double[], double[]> dg) {
        return new FunctionCase(name, group, size) {
            double g(double[] v) {
                return g.applyAsDouble(v);
            }

            double[] dg(double[] v) {
                return dg.apply(v);
            }

            double[] x(SplittableRandom r) {
                return x.apply(r);
            }
        };
    }

    /** Σ f(x_i) and its elementwise derivative. */
    static FunctionCase separable(String name, ObservedCase.Group group, int size,
                                  Function<SplittableRandom, double[]> x, java.util.function.DoubleUnaryOperator f,
                                  java.util.function.DoubleUnaryOperator df) {
        return function(name, group, size, x, v -> {
            double s = 0;
            for (double t : v) {
                s += f.applyAsDouble(t);
            }
            return s;
        }, v -> {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = df.applyAsDouble(v[i]);
            }
            return d;
        });
    }

    // ---- features far below the scale of x ----------------------------------------------------------

    static ObservedCase inverseNearZero() {
        return separable("1/x, x in [5e-7, 2e-6]", ObservedCase.Group.SMOOTH, 2, r -> uniform(r, 2, 5e-7, 2e-6),
                t -> 1 / t, t -> -1 / (t * t));
    }

    static ObservedCase fastSine() {
        return separable("sin(1e6·x)", ObservedCase.Group.SMOOTH, 2, r -> uniform(r, 2, -1, 1),
                t -> Math.sin(1e6 * t), t -> 1e6 * Math.cos(1e6 * t));
    }

    static ObservedCase narrowBump() {
        double c = 0.4;
        return separable("x + bump of width 1e-4", ObservedCase.Group.SMOOTH, 2, r -> uniform(r, 2, c - 2e-4, c + 2e-4),
                t -> t + Math.exp(-Math.pow((t - c) / 1e-4, 2)),
                t -> 1 - 2 * (t - c) / 1e-8 * Math.exp(-Math.pow((t - c) / 1e-4, 2)));
    }

    static ObservedCase tanNearPole() {
        return separable("tan, 1e-6..1e-4 from its pole", ObservedCase.Group.SMOOTH, 2, r -> {
            double[] x = new double[2];
            for (int i = 0; i < 2; i++) {
                x[i] = Math.PI / 2 - Math.exp(Math.log(1e-6) + (Math.log(1e-4) - Math.log(1e-6)) * r.nextDouble());
            }
            return x;
        }, Math::tan, t -> 1 / (Math.cos(t) * Math.cos(t)));
    }

    // ---- power-of-two periods -----------------------------------------------------------------------

    static ObservedCase cos256() {
        return separable("cos(256·π·x)", ObservedCase.Group.SMOOTH, 2, r -> uniform(r, 2, 0, 1),
                t -> Math.cos(256 * Math.PI * t), t -> -256 * Math.PI * Math.sin(256 * Math.PI * t));
    }

    static ObservedCase positionalEncoding() {
        return separable("positional encoding Σ_{k<12} sin(2^k·π·x)", ObservedCase.Group.SMOOTH, 2,
                r -> uniform(r, 2, 0, 1), t -> {
                    double s = 0;
                    for (int k = 0; k < 12; k++) {
                        s += Math.sin(Math.scalb(Math.PI, k) * t);
                    }
                    return s;
                }, t -> {
                    double s = 0;
                    for (int k = 0; k < 12; k++) {
                        s += Math.scalb(Math.PI, k) * Math.cos(Math.scalb(Math.PI, k) * t);
                    }
                    return s;
                });
    }

    // ---- one huge gradient element -----------------------------------------------------------------

    static ObservedCase hugeElement() {
        FunctionCase c = new FunctionCase("one gradient element of 1e30 (1e30·x0 + Σ x_i·sin x_i)",
                ObservedCase.Group.SMOOTH, 4) {
            double g(double[] x) {
                double s = 1e30 * x[0];
                for (int i = 1; i < x.length; i++) {
                    s += x[i] * Math.sin(x[i]);
                }
                return s;
            }

            double[] dg(double[] x) {
                double[] d = new double[x.length];
                d[0] = 1e30;
                for (int i = 1; i < x.length; i++) {
                    d[i] = Math.sin(x[i]) + x[i] * Math.cos(x[i]);
                }
                return d;
            }

            double[] x(SplittableRandom r) {
                double[] x = uniform(r, 4, -3, 3);
                x[0] = 0; // the huge term is exactly 0 at the point: the output stays small and clean
                return x;
            }

            @Override
            int element(int e) {
                return 1 + Math.floorMod(e, size - 1); // the bug is beside the huge element
            }
        };
        return c;
    }

    // ---- noise above double rounding ----------------------------------------------------------------

    static ObservedCase partlyFloat() {
        return separable("double computed partly in float", ObservedCase.Group.NOISY, 3, r -> uniform(r, 3, -3, 3),
                t -> {
                    float s = (float) Math.sin(t);
                    float p = s * (float) t;
                    float e = (float) Math.exp(t / 3);
                    return (double) (p + e);
                }, t -> Math.cos(t) * t + Math.sin(t) + Math.exp(t / 3) / 3);
    }

    /** sin interpolated linearly between float entries every 2^-20. */
    static ObservedCase floatTable() {
        return separable("float table, linear interpolation (sin every 2^-20)", ObservedCase.Group.NOISY, 2,
                r -> uniform(r, 2, 0.1, 3), t -> {
                    double u = t / 0x1p-20;
                    double i = Math.floor(u);
                    double a = (float) Math.sin(i * 0x1p-20);
                    double b = (float) Math.sin((i + 1) * 0x1p-20);
                    return a + (u - i) * (b - a);
                }, Math::cos);
    }

    /** The root y of y³ + y = x by bisection on [−8, 8], stopped when the bracket is below 1e-9. */
    static double bisection(double x) {
        double lo = -8;
        double hi = 8;
        while (hi - lo > 1e-9) {
            double mid = 0.5 * (lo + hi);
            if (mid * mid * mid + mid < x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    static ObservedCase solver() {
        return separable("iterative solver (bisection to 1e-9)", ObservedCase.Group.NOISY, 2, r -> uniform(r, 2, -5, 5),
                ObservedCases::bisection, t -> {
                    double y = Math.cbrt(t);
                    for (int i = 0; i < 60; i++) {
                        y -= (y * y * y + y - t) / (3 * y * y + 1);
                    }
                    return 1 / (3 * y * y + 1);
                });
    }

    /** The layers of the long chain: h ← h + 1e-3·tanh(a_k·h + b_k). */
    static final int LAYERS = 3000;
    private static final double[] A = new double[LAYERS];
    private static final double[] B = new double[LAYERS];

    static {
        SplittableRandom r = new SplittableRandom(3000);
        for (int k = 0; k < LAYERS; k++) {
            A[k] = r.nextGaussian();
            B[k] = r.nextGaussian();
        }
    }

    static ObservedCase longChain() {
        return function("long chain (3000 layers h + 1e-3·tanh(a·h + b))", ObservedCase.Group.NOISY, 2,
                r -> uniform(r, 2, -2, 2), x -> {
                    double s = 0;
                    for (double h0 : x) {
                        double h = h0;
                        for (int k = 0; k < LAYERS; k++) {
                            h += 1e-3 * Math.tanh(A[k] * h + B[k]);
                        }
                        s += h;
                    }
                    return s;
                }, x -> {
                    double[] d = new double[x.length];
                    double[] hs = new double[LAYERS];
                    for (int i = 0; i < x.length; i++) {
                        double h = x[i];
                        for (int k = 0; k < LAYERS; k++) {
                            hs[k] = h;
                            h += 1e-3 * Math.tanh(A[k] * h + B[k]);
                        }
                        double dh = 1;
                        for (int k = LAYERS - 1; k >= 0; k--) {
                            double t = Math.tanh(A[k] * hs[k] + B[k]);
                            dh *= 1 + 1e-3 * A[k] * (1 - t * t);
                        }
                        d[i] = dh;
                    }
                    return d;
                });
    }

    /** f = Σ s_i·x_i + x_i² with s_i = sin(x_i) rounded to float, a node of double traced code. */
    static ObservedCase floatNodeInTracedCode() {
        return new ObservedCase("float node in double traced code", ObservedCase.Group.NOISY) {
            Point draw(SplittableRandom random) {
                return Point.of("x", uniform(random, 3, -3, 3));
            }

            Subject subject(Bug bug, double size, int element, Point point) {
                return FloatNodeInDoubleCode.subject(name, bug == Bug.RELATIVE ? Math.floorMod(element, 3) : -1, size);
            }

            @Override
            double relativeNoise(Point point, int element) {
                return relativeNoiseAlong(x -> {
                    double f = 0;
                    for (double v : x) {
                        f += (float) Math.sin(v) * v + v * v;
                    }
                    return f;
                }, point.get("x").toArray(), Math.floorMod(element, 3));
            }
        };
    }

    // ---- non-finite claims -----------------------------------------------------------------------------

    static ObservedCase nonFinite() {
        return separable("non-finite claims (Σ x·sin x, one claim ∞ or NaN)", ObservedCase.Group.NON_FINITE, 3,
                r -> uniform(r, 3, -3, 3), t -> t * Math.sin(t), t -> Math.sin(t) + t * Math.cos(t));
    }

    // ---- backwards that ignore their upstream gradient ---------------------------------------------------

    /** A scalar loss Σ x·sin x whose backward returns its gradient whatever gOut is. */
    static ObservedCase lossIgnoringGOut() {
        return new ObservedCase("loss ignoring gOut (function)", ObservedCase.Group.IGNORES_UPSTREAM) {
            Point draw(SplittableRandom random) {
                return Point.of("x", uniform(random, 3, -3, 3));
            }

            Subject subject(Bug bug, double size, int element, Point point) {
                return FunctionSubject.of(name, in -> {
                    double s = 0;
                    for (double t : in.vector("x")) {
                        s += t * Math.sin(t);
                    }
                    return s;
                }, (in, out, g) -> {
                    double[] x = in.vector("x");
                    double[] d = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        d[i] = (Math.sin(x[i]) + x[i] * Math.cos(x[i])) * (bug == Bug.IGNORES_UPSTREAM ? 1 : g.asScalar());
                    }
                    return d;
                });
            }

            @Override
            boolean vectorOutput() {
                return false;
            }
        };
    }

    /** loss = Σ sin(y), y = x², traced; the backward drops the seed at y. */
    static ObservedCase tracedDroppingItsSeed() {
        return new ObservedCase("traced code dropping its seed", ObservedCase.Group.IGNORES_UPSTREAM) {
            Point draw(SplittableRandom random) {
                return Point.of("x", uniform(random, 3, -2, 2));
            }

            Subject subject(Bug bug, double size, int element, Point point) {
                return TracedSubject.of(name, t -> {
                    double[] x = t.vector("x");
                    double[] y = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        y[i] = x[i] * x[i];
                    }
                    y = t.node("y", y);
                    double s = 0;
                    for (double v : y) {
                        s += Math.sin(v);
                    }
                    t.output("loss", s);
                }, t -> {
                    double[] x = t.vector("x");
                    double[] y = t.vector("y");
                    double g = bug == Bug.IGNORES_UPSTREAM ? 1 : t.seed();
                    double[] dy = new double[y.length];
                    double[] dx = new double[y.length];
                    for (int i = 0; i < y.length; i++) {
                        dy[i] = Math.cos(y[i]) * g;
                        dx[i] = 2 * x[i] * dy[i];
                    }
                    t.grad("y", dy);
                    t.grad("x", dx);
                    t.grad("loss", t.seed());
                });
            }

            @Override
            boolean vectorOutput() {
                return false;
            }
        };
    }

    /** x → sq (whose backward ignores its upstream gradient) → loss = 3·Σ sin(sq). */
    static ObservedCase graphOpIgnoringUpstream() {
        return new ObservedCase("an op of a graph ignoring its upstream gradient", ObservedCase.Group.IGNORES_UPSTREAM) {
            Point draw(SplittableRandom random) {
                return Point.of("x", uniform(random, 3, -2, 2));
            }

            Subject subject(Bug bug, double size, int element, Point point) {
                Op square = Op.of(in -> {
                    double[] x = in.vector(0);
                    double[] y = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        y[i] = x[i] * x[i];
                    }
                    return y;
                }, (in, out, g) -> {
                    double[] x = in.vector(0);
                    double[] u = g.asVector();
                    double[] d = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        d[i] = 2 * x[i] * (bug == Bug.IGNORES_UPSTREAM ? 1 : u[i]);
                    }
                    return d;
                });
                Op loss = Op.of(in -> {
                    double s = 0;
                    for (double v : in.vector(0)) {
                        s += 3 * Math.sin(v);
                    }
                    return s;
                }, (in, out, g) -> {
                    double[] y = in.vector(0);
                    double[] d = new double[y.length];
                    for (int i = 0; i < y.length; i++) {
                        d[i] = 3 * Math.cos(y[i]) * g.asScalar();
                    }
                    return d;
                });
                return GraphSubject.builder(name).input("x").op("sq", square, "x").op("loss", loss, "sq").build();
            }

            @Override
            boolean vectorOutput() {
                return false;
            }
        };
    }

    // ---- a declared flat spot ------------------------------------------------------------------------------

    /** loss = Σ 3·σ(z_i); the backward adds 0.1 to σ' on purpose, declared; a bug is one element more. */
    static ObservedCase flatSpot() {
        return new ObservedCase("flat spot declared (sigmoid' + 0.1), with and without a bug", ObservedCase.Group.DEVIATION) {
            Point draw(SplittableRandom random) {
                return Point.of("z", uniform(random, 3, -4, 4));
            }

            Subject subject(Bug bug, double size, int element, Point point) {
                return FlatSpotSigmoid.subject(name, bug == Bug.RELATIVE ? Math.floorMod(element, 3) : -1, size);
            }

            @Override
            CheckOptions options(CheckOptions base) {
                return base.withDeviation("z", FlatSpotSigmoid.FLAT_SPOT);
            }

            @Override
            boolean vectorOutput() {
                return false;
            }
        };
    }
}
