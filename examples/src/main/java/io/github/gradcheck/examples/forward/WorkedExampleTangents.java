package io.github.gradcheck.examples.forward;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.TracedSubject;

/**
 * The worked example f(x, y) = (x + σ(y)) / (σ(x) + (x + y)²) as a graph of ops that each bring a
 * tangent rule (forward mode) beside their backward, checked node by node going forward. The bug
 * mirrors the reverse-mode one: the tangent rule of {@code invden = 1/den} lost its minus sign
 * (d invden = +d den / den²), so {@code invden} is the first node going forward whose tangent is
 * wrong while its producer's ({@code den}) is right.
 */
public final class WorkedExampleTangents {

    /** x = 3, y = −4. */
    public static final Point POINT = Point.of("x", 3.0, "y", -4.0);

    private WorkedExampleTangents() {
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    static final Op SIGMOID = Op.of(
            in -> sigmoid(in.scalar(0)),
            (in, out, g) -> g.asScalar() * out.asScalar() * (1 - out.asScalar()))
            .withTangent((in, out, t) -> out.asScalar() * (1 - out.asScalar()) * t.scalar(0));
    static final Op ADD = Op.of(
            in -> in.scalar(0) + in.scalar(1),
            (in, out, g) -> new double[] {g.asScalar(), g.asScalar()})
            .withTangent((in, out, t) -> t.scalar(0) + t.scalar(1));
    static final Op SQUARE = Op.of(
            in -> in.scalar(0) * in.scalar(0),
            (in, out, g) -> 2 * in.scalar(0) * g.asScalar())
            .withTangent((in, out, t) -> 2 * in.scalar(0) * t.scalar(0));
    static final Op MUL = Op.of(
            in -> in.scalar(0) * in.scalar(1),
            (in, out, g) -> new double[] {in.scalar(1) * g.asScalar(), in.scalar(0) * g.asScalar()})
            .withTangent((in, out, t) -> in.scalar(1) * t.scalar(0) + in.scalar(0) * t.scalar(1));

    /** 1/x, with a tangent rule that has the wrong sign when {@code wrongSign}. */
    static Op inverse(boolean wrongSign) {
        return Op.of(
                in -> 1 / in.scalar(0),
                (in, out, g) -> -g.asScalar() / (in.scalar(0) * in.scalar(0)))
                .withTangent((in, out, t) -> (wrongSign ? 1 : -1) * t.scalar(0) / (in.scalar(0) * in.scalar(0)));
    }

    /** {@return the worked example as a graph of ops with tangent rules, that of invden broken if asked} */
    public static GraphSubject graph(boolean brokenInvdenTangent) {
        return GraphSubject.builder(brokenInvdenTangent ? "worked example (tangents, broken invden)"
                        : "worked example (tangents)")
                .input("x").input("y")
                .op("sigy", SIGMOID, "y")
                .op("num", ADD, "x", "sigy")
                .op("sigx", SIGMOID, "x")
                .op("xpy", ADD, "x", "y")
                .op("xpysqr", SQUARE, "xpy")
                .op("den", ADD, "sigx", "xpysqr")
                .op("invden", inverse(brokenInvdenTangent), "den")
                .op("f", MUL, "num", "invden")
                .build();
    }

    /**
     * {@return the worked example as traced code with hand-written forward-mode code (the tangent of
     * every node from the tangents of x and y), that of invden with the wrong sign if asked}
     */
    public static TracedSubject traced(boolean brokenInvdenTangent) {
        return TracedSubject.of(brokenInvdenTangent ? "worked example (traced tangents, broken invden)"
                        : "worked example (traced tangents)",
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
                    throw new UnsupportedOperationException("this example checks forward mode only");
                })
                .withTangents(t -> {
                    double dx = t.scalarTangent("x");
                    double dy = t.scalarTangent("y");
                    double sigy = t.scalar("sigy");
                    double dsigy = sigy * (1 - sigy) * dy;
                    t.tangent("sigy", dsigy);
                    t.tangent("num", dx + dsigy);
                    double sigx = t.scalar("sigx");
                    double dsigx = sigx * (1 - sigx) * dx;
                    t.tangent("sigx", dsigx);
                    double dxpy = dx + dy;
                    t.tangent("xpy", dxpy);
                    double dxpysqr = 2 * t.scalar("xpy") * dxpy;
                    t.tangent("xpysqr", dxpysqr);
                    double dden = dsigx + dxpysqr;
                    t.tangent("den", dden);
                    double den = t.scalar("den");
                    double dinvden = (brokenInvdenTangent ? 1 : -1) * dden / (den * den);
                    t.tangent("invden", dinvden);
                    t.tangent("f", t.scalar("invden") * t.scalarTangent("num") + t.scalar("num") * dinvden);
                });
    }
}
