package io.github.gradcheck.examples;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;

/**
 * The worked example of the design, in all three styles:
 * f(x, y) = (x + σ(y)) / (σ(x) + (x + y)²) at x = 3, y = −4.
 *
 * <p>Each style comes correct and with the classic bug: the backward of {@code invden = 1/den}
 * with the wrong sign ({@code dden = +dinvden/den²}).
 */
public final class WorkedExample {

    /** The point of the design's table. */
    public static final Point POINT = Point.of("x", 3.0, "y", -4.0);

    private WorkedExample() {
    }

    static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    // ---- traced code: exactly how people hand-write it ------------------------------------

    /** The hand-written forward and backward, with intermediates named on the tape. */
    public static Subject traced(boolean brokenInvden) {
        return TracedSubject.of(brokenInvden ? "worked example (traced, broken invden)" : "worked example (traced)",
                t -> {
                    double x = t.scalar("x");
                    double y = t.scalar("y");
                    double sigy = t.node("sigy", sigmoid(y));
                    double num = t.node("num", x + sigy);
                    double sigx = t.node("sigx", sigmoid(x));
                    double xpy = t.node("xpy", x + y);
                    double xpysqr = t.node("xpysqr", xpy * xpy);
                    double den = t.node("den", sigx + xpysqr);
                    double invden = t.node("invden", 1.0 / den);
                    t.output("f", num * invden);
                },
                t -> {
                    double x = t.scalar("x");
                    double y = t.scalar("y");
                    double sigy = t.scalar("sigy");
                    double num = t.scalar("num");
                    double sigx = t.scalar("sigx");
                    double xpy = t.scalar("xpy");
                    double den = t.scalar("den");
                    double invden = t.scalar("invden");
                    double df = t.seed();
                    double dnum = invden * df;
                    double dinvden = num * df;
                    double dden = (brokenInvden ? 1.0 : -1.0) / (den * den) * dinvden;
                    double dsigx = dden;
                    double dxpysqr = dden;
                    double dxpy = 2 * xpy * dxpysqr;
                    double dx = dnum + (1 - sigx) * sigx * dsigx + dxpy;
                    double dsigy = dnum;
                    double dy = (1 - sigy) * sigy * dsigy + dxpy;
                    t.grad("num", dnum);
                    t.grad("invden", dinvden);
                    t.grad("den", dden);
                    t.grad("sigx", dsigx);
                    t.grad("xpysqr", dxpysqr);
                    t.grad("xpy", dxpy);
                    t.grad("sigy", dsigy);
                    t.grad("x", dx);
                    t.grad("y", dy);
                    t.grad("f", df);
                });
    }

    // ---- a graph of ops, each with its own local backward -----------------------------------

    static final Op SIGMOID = Op.of(
            in -> sigmoid(in.scalar(0)),
            (in, out, g) -> g.asScalar() * out.asScalar() * (1 - out.asScalar()));
    static final Op ADD = Op.of(
            in -> in.scalar(0) + in.scalar(1),
            (in, out, g) -> new double[] {g.asScalar(), g.asScalar()});
    static final Op SQUARE = Op.of(
            in -> in.scalar(0) * in.scalar(0),
            (in, out, g) -> 2 * in.scalar(0) * g.asScalar());
    static final Op MUL = Op.of(
            in -> in.scalar(0) * in.scalar(1),
            (in, out, g) -> new double[] {in.scalar(1) * g.asScalar(), in.scalar(0) * g.asScalar()});
    static final Op INVERSE = Op.of(
            in -> 1 / in.scalar(0),
            (in, out, g) -> -g.asScalar() / (in.scalar(0) * in.scalar(0)));
    static final Op INVERSE_WRONG_SIGN = Op.of(
            in -> 1 / in.scalar(0),
            (in, out, g) -> g.asScalar() / (in.scalar(0) * in.scalar(0)));

    /** The same computation as a graph of ops; gradcheck sums fan-out and can blame an edge. */
    public static Subject graph(boolean brokenInvden) {
        return GraphSubject.builder(brokenInvden ? "worked example (graph, broken invden)" : "worked example (graph)")
                .input("x").input("y")
                .op("sigy", SIGMOID, "y")
                .op("num", ADD, "x", "sigy")
                .op("sigx", SIGMOID, "x")
                .op("xpy", ADD, "x", "y")
                .op("xpysqr", SQUARE, "xpy")
                .op("den", ADD, "sigx", "xpysqr")
                .op("invden", brokenInvden ? INVERSE_WRONG_SIGN : INVERSE, "den")
                .op("f", MUL, "num", "invden")
                .build();
    }

    // ---- a black-box function with a claimed vector–Jacobian product ------------------------

    /** The computation as one function; the report has a row per input only. */
    public static Subject function(boolean brokenInvden) {
        return FunctionSubject.of(brokenInvden ? "worked example (function, broken invden)" : "worked example (function)",
                in -> {
                    double x = in.scalar("x");
                    double y = in.scalar("y");
                    return (x + sigmoid(y)) / (sigmoid(x) + (x + y) * (x + y));
                },
                (in, out, g) -> {
                    double x = in.scalar("x");
                    double y = in.scalar("y");
                    double sigy = sigmoid(y);
                    double sigx = sigmoid(x);
                    double num = x + sigy;
                    double den = sigx + (x + y) * (x + y);
                    double invden = 1 / den;
                    double dnum = invden * g.asScalar();
                    double dden = (brokenInvden ? 1.0 : -1.0) / (den * den) * num * g.asScalar();
                    double dxpy = 2 * (x + y) * dden;
                    double dx = dnum + (1 - sigx) * sigx * dden + dxpy;
                    double dy = (1 - sigy) * sigy * dnum + dxpy;
                    return new double[] {dx, dy};
                });
    }
}
