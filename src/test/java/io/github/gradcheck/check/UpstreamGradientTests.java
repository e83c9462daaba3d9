package io.github.gradcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import org.junit.jupiter.api.Test;

/**
 * The cotangent of a scalar output is a seeded power of two other than ±1, and the backward runs
 * again at other cotangents: a backward that ignores, overwrites or drops the gradient flowing
 * into it is found and named, for each kind of subject and for each op of a graph. Before, the
 * cotangent of a scalar output was exactly 1, and each of these passed.
 */
class UpstreamGradientTests {

    private final GradientChecker checker = new GradientChecker();

    private static final Point X = Point.of("x", 0.7);

    @Test
    void aLossFunctionWhoseBackwardIgnoresItsIncomingGradientIsWrongAndNamed() {
        Subject ignoring = FunctionSubject.of("sin, gOut ignored", in -> Math.sin(in.scalar("x")),
                (in, out, g) -> Math.cos(in.scalar("x")));

        GradientReport report = checker.check(ignoring, X);

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        NodeReport x = report.node("x").orElseThrow();
        assertThat(x.linearity()).hasValueSatisfying(l -> assertThat(l.kind()).isEqualTo(Linearity.Kind.IGNORES_UPSTREAM));
        assertThat(Diagnoses.of(report).forNode("x").orElseThrow().kind()).isEqualTo(DiagnosisKind.IGNORES_UPSTREAM);
        String text = TextReport.render(report);
        assertThat(text).contains("WRONG (ignores the upstream gradient)")
                .contains("ignores the gradient flowing into it")
                .doesNotContain("analytic = 0.");
    }

    @Test
    void theSameLossWithTheGradientMultipliedInPassesAndReadsPerUnit() {
        Subject right = FunctionSubject.of("sin", in -> Math.sin(in.scalar("x")),
                (in, out, g) -> Math.cos(in.scalar("x")) * g.asScalar());

        GradientReport report = checker.check(right, X);

        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.node("x").orElseThrow().linearity()).hasValueSatisfying(l -> assertThat(l.linear()).isTrue());
        // the claims are shown per unit of the output, whatever the (power-of-two) cotangent was
        assertThat(report.node("x").orElseThrow().worst().analytic()).isEqualTo(Math.cos(0.7));
        assertThat(report.node("output").orElseThrow().worst().analytic()).isEqualTo(1.0);
    }

    @Test
    void tracedCodeThatDropsTheSeedIsBlamedOnTheNodeWhereItIsDropped() {
        Subject dropped = TracedSubject.of("sin(x²), seed dropped", t -> {
            double x = t.scalar("x");
            double y = t.node("y", x * x);
            t.output("loss", Math.sin(y));
        }, t -> {
            double dy = Math.cos(t.scalar("y")); // should be · t.seed()
            t.grad("loss", t.seed());
            t.grad("y", dy);
            t.grad("x", 2 * t.scalar("x") * dy);
        });

        GradientReport report = checker.check(dropped, X);

        assertThat(report.blame().origin()).contains("y");
        assertThat(report.node("y").orElseThrow().linearity().orElseThrow().kind())
                .isEqualTo(Linearity.Kind.IGNORES_UPSTREAM);
        assertThat(TextReport.render(report)).contains("'y' is the first node whose gradient is wrong")
                .contains("the claimed gradient of 'y' ignores the upstream gradient");
    }

    /** x → sq (its backward ignores its upstream gradient) → s = 3·sin(sq) → loss. */
    private static Subject graphWithAnOpIgnoringItsUpstream() {
        Op squareIgnoring = Op.of(in -> in.scalar(0) * in.scalar(0), (in, out, g) -> 2 * in.scalar(0));
        Op threeSin = Op.of(in -> 3 * Math.sin(in.scalar(0)), (in, out, g) -> 3 * Math.cos(in.scalar(0)) * g.asScalar());
        return GraphSubject.builder("graph, one op ignores its upstream gradient").input("x")
                .op("sq", squareIgnoring, "x")
                .op("loss", threeSin, "sq")
                .build();
    }

    @Test
    void anOpOfAGraphThatOverwritesItsUpstreamGradientIsNamed() {
        // before: "analytic = 0.43 × numeric", a factor made of the upstream gradient
        GradientReport report = checker.check(graphWithAnOpIgnoringItsUpstream(), X);

        assertThat(report.blame().origin()).contains("x");
        Linearity l = report.node("x").orElseThrow().linearity().orElseThrow();
        assertThat(l.kind()).isEqualTo(Linearity.Kind.IGNORES_UPSTREAM);
        assertThat(l.through()).isEqualTo("sq");
        assertThat(Diagnoses.of(report).forNode("x").orElseThrow().sentence())
                .contains("the backward of 'sq' with respect to 'x' ignores the gradient flowing into it");
        assertThat(report.node("sq").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
    }

    /** y = tanh(x) elementwise, a vector output, whose backward forgets the upstream gradient. */
    private static Subject vectorTanh(boolean ignoring) {
        return FunctionSubject.of(ignoring ? "tanh, gOut ignored" : "tanh", in -> {
            double[] x = in.vector("x");
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.tanh(x[i]);
            }
            return y;
        }, (in, out, g) -> {
            double[] y = out.asVector();
            double[] u = g.asVector();
            double[] d = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                d[i] = (1 - y[i] * y[i]) * (ignoring ? 1 : u[i]);
            }
            return d;
        });
    }

    private static final Point V = Point.of("x", new double[] {0.3, -1.1, 0.8, 2.0});

    @Test
    void aVectorOutputsBackwardMustBeAdditiveInItsCotangent() {
        for (CotangentMode mode : CotangentMode.values()) {
            GradientChecker inMode = new GradientChecker(CheckOptions.defaults().withCotangents(mode));
            GradientReport wrong = inMode.check(vectorTanh(true), V);
            GradientReport right = inMode.check(vectorTanh(false), V);

            assertThat(wrong.verdict()).as("%s", mode).isEqualTo(Verdict.FAIL);
            assertThat(wrong.node("x").orElseThrow().linearity().orElseThrow().kind()).as("%s", mode)
                    .isEqualTo(Linearity.Kind.IGNORES_UPSTREAM);
            assertThat(right.verdict()).as("%s", mode).isEqualTo(Verdict.PASS);
            assertThat(right.node("x").orElseThrow().linearity().orElseThrow().linear()).as("%s", mode).isTrue();
        }
    }

    @Test
    void aBackwardThatIsNotHomogeneousInItsCotangentIsNotLinear() {
        Subject squared = FunctionSubject.of("sin, gOut squared", in -> Math.sin(in.scalar("x")),
                (in, out, g) -> Math.cos(in.scalar("x")) * g.asScalar() * g.asScalar());
        NodeReport x = checker.check(squared, X).node("x").orElseThrow();
        assertThat(x.linearity().orElseThrow().kind()).isEqualTo(Linearity.Kind.NOT_LINEAR);
        assertThat(x.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void theWorkedExampleIsLinearEverywhereInEveryStyle() {
        for (Subject s : new Subject[] {WorkedExample.traced(false), WorkedExample.graph(false),
            WorkedExample.function(false)}) {
            GradientReport report = checker.check(s, WorkedExample.POINT);
            assertThat(report.verdict()).isEqualTo(Verdict.PASS);
            assertThat(report.nodes()).allSatisfy(n -> assertThat(n.notLinear()).isFalse());
        }
    }
}
