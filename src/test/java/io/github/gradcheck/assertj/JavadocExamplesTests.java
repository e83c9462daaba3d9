package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Deviation;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The examples in the javadoc of the assertions, run as written: each one marked
 * {@code // assertion succeeds} succeeds, each one marked {@code // assertion fails} fails.
 */
class JavadocExamplesTests {

    static final Point point = Point.of("x", 3.0, "y", -4.0);
    static final Subject f = WorkedExample.traced(false);
    static final Subject broken = WorkedExample.traced(true);

    /** The output (x0 x1, x1 x2, -x0), with its right backward. */
    static final Subject products = FunctionSubject.of("products", in -> {
        double[] x = in.vector("x");
        return new double[] {x[0] * x[1], x[1] * x[2], -x[0]};
    }, (in, out, g) -> {
        double[] x = in.vector("x");
        double[] d = g.toArray();
        return new double[] {d[0] * x[1] - d[2], d[0] * x[0] + d[1] * x[2], d[1] * x[1]};
    });

    /** A backward that claims sigmoid' + 0.1, on purpose (as VerdictTests' flat spot). */
    static final Subject flatSpot = TracedSubject.of("sigmoid with a flat spot", t -> {
        double x = t.scalar("x");
        double s = t.node("s", 1 / (1 + Math.exp(-x)));
        t.output("loss", 3 * s);
    }, t -> {
        double s = t.scalar("s");
        double ds = 3 * t.seed();
        t.grad("s", ds);
        t.grad("x", (s * (1 - s) + 0.1) * ds);
        t.grad("loss", t.seed());
    });

    static void succeeds(ThrowingCallable example) {
        assertThatNoException().isThrownBy(example);
    }

    static void fails(ThrowingCallable example) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(example);
    }

    @Test
    void gradientAssertions() {
        succeeds(() -> assertThat(WorkedExample.traced(false)).at("x", 3.0, "y", -4.0).hasCorrectGradients());
        fails(() -> assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasCorrectGradients());
        succeeds(() -> assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasWrongGradientAt("den"));
    }

    @Test
    void subjectAssert() {
        succeeds(() -> assertThat(f).at("x", 3.0, "y", -4.0).hasCorrectGradients());
        succeeds(() -> assertThat(broken).at("x", 3.0, "y", -4.0).hasWrongGradientAt("den").hasCorrectGradientAt("num"));
        fails(() -> assertThat(broken).at("x", 3.0, "y", -4.0).hasCorrectGradients());
        succeeds(() -> assertThat(f).at(Point.of("x", 3.0, "y", -4.0)).hasCorrectGradients());
        succeeds(() -> assertThat(f).at("x", 3.0, "y", -4.0).withSeed(42).hasCorrectGradients());
        succeeds(() -> assertThat(products).at("x", new double[] {0.3, -1.1, 0.8}).withFullJacobian()
                .hasCorrectGradients());
        succeeds(() -> assertThat(f).at("x", 3.0, "y", -4.0).withTolerance(TolerancePolicy.defaults().withSafety(2))
                .hasCorrectGradients());
        fails(() -> assertThat(flatSpot).at("x", 0.4).hasCorrectGradients());
        succeeds(() -> assertThat(flatSpot).at("x", 0.4)
                .withOptions(CheckOptions.defaults().withDeviation("x", Deviation.atMost("flat spot: 3·(sigmoid' + 0.1)", 0.3)))
                .hasCorrectGradients());
        succeeds(() -> assertThat(WorkedExample.traced(false)).at("x", 3.0, "y", -4.0).hasNoWrongGradients());
        fails(() -> assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasNoWrongGradients());
        succeeds(() -> assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasCorrectGradientAt("num"));
        fails(() -> assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasCorrectGradientAt("den"));
        succeeds(() -> assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasWrongGradientAt("den"));
        fails(() -> assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasWrongGradientAt("x"));
        fails(() -> assertThat(WorkedExample.traced(false)).at("x", 3.0, "y", -4.0).hasWrongGradientAt("den"));
    }

    @Test
    void gradientReportAssert() {
        GradientReport report = GradCheck.check(WorkedExample.graph(true), Point.of("x", 3.0, "y", -4.0));
        succeeds(() -> assertThat(report).hasVerdict(Verdict.FAIL).blames("den").blamesEdge("den", "invden"));
        fails(() -> assertThat(report).isCorrect());
        succeeds(() -> assertThat(GradCheck.check(WorkedExample.graph(false), point)).isCorrect());
        fails(() -> assertThat(GradCheck.check(WorkedExample.graph(true), point)).isCorrect());
        succeeds(() -> assertThat(GradCheck.check(WorkedExample.graph(true), point)).hasVerdict(Verdict.FAIL));
        fails(() -> assertThat(GradCheck.check(WorkedExample.graph(true), point)).hasVerdict(Verdict.PASS));
        succeeds(() -> assertThat(GradCheck.check(WorkedExample.graph(true), point)).blames("den"));
        fails(() -> assertThat(GradCheck.check(WorkedExample.graph(true), point)).blames("x"));
        succeeds(() -> assertThat(GradCheck.check(WorkedExample.graph(true), point)).blamesEdge("den", "invden"));
        fails(() -> assertThat(GradCheck.check(WorkedExample.graph(true), point)).blamesEdge("xpysqr", "den"));
        succeeds(() -> assertThat(GradCheck.check(WorkedExample.graph(true), point)).hasCorrectGradientAt("num"));
        fails(() -> assertThat(GradCheck.check(WorkedExample.graph(true), point)).hasCorrectGradientAt("den"));
    }

    @Test
    void softAssertions() {
        GradientSoftAssertions softly = new GradientSoftAssertions();
        softly.assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
        softly.assertThat(WorkedExample.function(true)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
        assertThatExceptionOfType(AssertionError.class).isThrownBy(softly::assertAll)
                .withMessageContaining("worked example (traced, broken invden)")
                .withMessageContaining("worked example (function, broken invden)");
        succeeds(() -> GradientSoftAssertions.assertSoftly(s -> {
            s.assertThat(WorkedExample.traced(false)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
            s.assertThat(WorkedExample.graph(false)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
        }));
    }
}
