package io.github.gradcheck.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Subjects with several outputs: each its own cotangent, a row per output, and elements named (output, index). */
class SeveralOutputsTests {

    /** a = sin(x) element-wise, b = x² element-wise, as two outputs of a graph; {@code broken}: db/dx = x. */
    static GraphSubject graph(boolean broken) {
        Op sin = Op.of(in -> {
            double[] x = in.vector(0);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.sin(x[i]);
            }
            return y;
        }, (in, out, g) -> {
            double[] x = in.vector(0);
            double[] dx = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                dx[i] = Math.cos(x[i]) * g.get(i);
            }
            return dx;
        });
        Op square = Op.of(in -> {
            double[] x = in.vector(0);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] * x[i];
            }
            return y;
        }, (in, out, g) -> {
            double[] x = in.vector(0);
            double[] dx = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                dx[i] = (broken ? 1 : 2) * x[i] * g.get(i);
            }
            return dx;
        });
        return GraphSubject.builder("two outputs").input("x").op("a", sin, "x").op("b", square, "x")
                .outputs("a", "b").build();
    }

    @Test
    void aGraphWithTwoOutputsIsRightAndBlamesTheBrokenOpOfOneOutput() {
        Point p = Point.of("x", new double[] {0.5, -1.5, 2.0});
        GradientReport right = GradCheck.check(graph(false), p);
        GradientReport broken = GradCheck.check(graph(true), p,
                CheckOptions.defaults().withCotangents(CotangentMode.FULL_JACOBIAN));

        assertThat(right.passed()).isTrue();
        assertThat(right.nodes()).extracting(n -> n.name()).containsExactly("(a, b)", "b", "a", "x");
        assertThat(broken.blame().origin()).contains("x");
        assertThat(broken.blame().edges()).anySatisfy(e -> {
            assertThat(e.edge().consumer()).isEqualTo("b");
            assertThat(e.verdict()).isEqualTo(Verdict.FAIL);
        });
        assertThat(broken.node("x").orElseThrow().elements()).filteredOn(e -> e.verdict() == Verdict.FAIL)
                .allSatisfy(e -> assertThat(e.cotangent()).isGreaterThanOrEqualTo(3));
        assertThat(GradCheck.describe(broken)).containsPattern("x +input +\\[3\\] +\\[\\d\\] of b\\[\\d\\]");
        assertThat(io.github.gradcheck.report.JsonReport.render(right)).contains("\"outputs\": [")
                .containsPattern("\"name\": \"b\",\\s*\"shape\": \\[\\s*3\\s*\\],\\s*\"offset\": 3");
    }

    @Test
    void aFunctionReturnsItsOutputsAsAMapARecordOrAList() {
        record Pair(double sum, double product) {
        }
        BackwardFunctionOfTwo grads = (x, y, ds, dp) -> new Object[] {ds + dp * y, ds + dp * x};
        Subject asMap = FunctionSubject.withOutputs("map", in -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("sum", in.scalar("x") + in.scalar("y"));
            out.put("product", in.scalar("x") * in.scalar("y"));
            return out;
        }, (in, out, g) -> grads.apply(in.scalar("x"), in.scalar("y"), g.scalar("sum"), g.scalar("product")));
        Subject asRecord = FunctionSubject.withOutputs("record",
                in -> new Pair(in.scalar("x") + in.scalar("y"), in.scalar("x") * in.scalar("y")),
                (in, out, g) -> grads.apply(in.scalar("x"), in.scalar("y"), g.scalar("sum"), g.scalar("product")));
        Subject asList = FunctionSubject.withOutputs("list",
                in -> List.of(in.scalar("x") + in.scalar("y"), in.scalar("x") * in.scalar("y")),
                (in, out, g) -> grads.apply(in.scalar("x"), in.scalar("y"), g.scalar("output0"), g.scalar("output1")));
        Point p = Point.of("x", 1.5, "y", -0.5);

        assertThat(GradCheck.check(asMap, p).passed()).isTrue();
        assertThat(GradCheck.check(asRecord, p).nodes()).extracting(n -> n.name())
                .containsExactly("(sum, product)", "product", "sum", "y", "x");
        assertThat(GradCheck.check(asList, p).nodes().get(0).name()).isEqualTo("(output0, output1)");
    }

    @Test
    void aWrongPartialOfOneOutputIsCaught() {
        Subject wrong = FunctionSubject.withOutputs("wrong", in -> List.of(in.scalar("x") * 2, in.scalar("x") * 3),
                (in, out, g) -> 2 * g.scalar("output0") + 2 * g.scalar("output1"));
        assertThat(GradCheck.check(wrong, Point.of("x", 1.0)).node("x").orElseThrow().verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void descentDirectionsOfAFunctionWithSeveralOutputsLeaveTheOutputsAlone() {
        Subject descent = FunctionSubject.withOutputs("descent", in -> List.of(in.scalar("x") * 2, in.scalar("x") * 3),
                (in, out, g) -> -(2 * g.scalar("output0") + 3 * g.scalar("output1")));
        assertThat(GradCheck.check(DescentDirections.of(descent), Point.of("x", 1.0)).passed()).isTrue();
    }

    @Test
    void badOutputsAreNamed() {
        Subject clash = FunctionSubject.withOutputs("clash", in -> Map.of("x", 1.0), (in, out, g) -> 0.0);
        Subject scalar = FunctionSubject.withOutputs("one", in -> 1.0, (in, out, g) -> 0.0);
        Subject changing = FunctionSubject.withOutputs("changing",
                in -> in.scalar("x") > 1.0 + 1e-3 ? Map.of("a", 1.0, "b", 2.0) : Map.of("a", in.scalar("x")),
                (in, out, g) -> g.scalar("a"));

        assertThatThrownBy(() -> GradCheck.check(clash, Point.of("x", 1.0))).isInstanceOf(SubjectException.class)
                .hasMessageContaining("an output is named 'x' like an input");
        assertThatThrownBy(() -> GradCheck.check(scalar, Point.of("x", 1.0))).isInstanceOf(SubjectException.class)
                .hasMessageContaining("returned a Double; return a Map of output name to value, a record or a List");
        assertThat(GradCheck.check(changing, Point.of("x", 0.5)).passed()).isTrue();
    }

    /** Traced: p = x·y and q = x + y as two outputs; {@code broken}: dy forgets q's part. */
    static TracedSubject traced(boolean broken) {
        return TracedSubject.of("traced outputs", t -> {
            double x = t.scalar("x");
            double y = t.scalar("y");
            t.node("p", x * y);
            t.node("q", x + y);
            t.outputs("p", "q");
        }, t -> {
            double dp = t.seed("p");
            double dq = t.seed("q");
            t.grad("p", dp);
            t.grad("q", dq);
            t.grad("x", dp * t.scalar("y") + dq);
            t.grad("y", dp * t.scalar("x") + (broken ? 0 : dq));
        });
    }

    @Test
    void tracedCodeNamesItsOutputsAndReadsEachOnesCotangent() {
        Point p = Point.of("x", 1.5, "y", -0.5);
        GradientReport right = GradCheck.check(traced(false), p);
        GradientReport broken = GradCheck.check(traced(true), p,
                CheckOptions.defaults().withCotangents(CotangentMode.FULL_JACOBIAN));

        assertThat(right.passed()).isTrue();
        assertThat(right.nodes().get(0).name()).isEqualTo("(p, q)");
        assertThat(broken.blame().origin()).contains("y");
        assertThat(broken.node("y").orElseThrow().worst().cotangent()).isEqualTo(1);
        assertThat(GradCheck.describe(broken)).containsPattern("y +input +scalar +of q ");
        assertThatThrownBy(() -> GradCheck.check(TracedSubject.of("typo", t -> {
            t.node("p", t.scalar("x"));
            t.outputs("p", "r");
        }, t -> { }), Point.of("x", 1.0))).isInstanceOf(SubjectException.class)
                .hasMessageContaining("outputs(...) names 'r', which is not a node recorded before");
    }

    @FunctionalInterface
    interface BackwardFunctionOfTwo {
        Object apply(double x, double y, double dSum, double dProduct);
    }
}
