package io.github.gradcheck.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The types users have: integer arrays as constants, rank 3 and 4 in points, nodes, parameters and
 * readers, flat parameters in row- and column-major order, layers made of two functions, descent
 * directions and deviations declared by a name pattern.
 */
class ValueTypesTests {

    @Test
    void integerArraysAreExactConstantsAndComeBackAsTheyWent() {
        Value ints = Value.fromJava(new int[] {3, -1, 4});
        Value longs = Value.fromJava(new long[] {1L << 40, 2});
        Value mask = Value.fromJava(new int[][] {{1, 0}, {0, 1}});

        assertThat(ints.isInteger()).isTrue();
        assertThat(ints.toJava()).isEqualTo(new int[] {3, -1, 4});
        assertThat(longs.toJava()).isEqualTo(new long[] {1L << 40, 2});
        assertThat(mask.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(mask.toJava()).isEqualTo(new int[][] {{1, 0}, {0, 1}});
        assertThat(ints.toString()).isEqualTo("[3, -1, 4]");
        assertThat(Value.vector(3, -1, 4).isInteger()).isFalse();
        assertThatThrownBy(() -> Value.fromJava(new long[] {(1L << 53) + 1}))
                .hasMessageContaining("beyond 2^53 and cannot be held exactly");
    }

    @Test
    void anIntegerArrayCanOnlyBeAConstantInput() {
        assertThatThrownBy(() -> Point.of("labels", new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input 'labels' is an integer array (an index, label or mask), which cannot be"
                        + " differentiated; add it with constant(\"labels\", ...)");
        Point p = Point.builder().input("x", 1.0).constant("labels", new int[] {1, 2}).build();
        assertThat(p.toString()).isEqualTo("x = 1.0, labels = [1, 2] (constant)");
    }

    @Test
    void theIntegerReadersReadWholeNumbersOfAnyValueAndNameTheOneThatIsNot() {
        Args in = new Args(List.of("idx", "x", "m"), List.of(Value.fromJava(new int[] {2, 0}),
                Value.vector(1.0, 2.5), Value.fromJava(new double[][] {{1, 0}})));

        assertThat(in.intVector("idx")).containsExactly(2, 0);
        assertThat(in.intVector(0)).containsExactly(2, 0);
        assertThat(in.longVector("idx")).containsExactly(2L, 0L);
        assertThat(in.intMatrix("m")).isDeepEqualTo(new int[][] {{1, 0}});
        assertThat(in.vector("idx")).containsExactly(2.0, 0.0);
        assertThatThrownBy(() -> in.intVector("x"))
                .hasMessage("argument 1 ('x') is not an int[]: element [1] is 2.5, not a whole number an int can hold");
        assertThatThrownBy(() -> in.intVector("m")).hasMessage("argument 2 ('m') is not an int[]: it has shape [1x2]");
    }

    @Test
    void rankThreeAndFourValuesGoEverywhere() {
        double[][][][] t4 = {{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}}};
        Value v = Value.fromJava(t4);
        Args in = new Args(List.of("t"), List.of(v));

        assertThat(v.shape()).isEqualTo(Shape.of(1, 2, 2, 2));
        assertThat(v.toJava()).isEqualTo(t4);
        assertThat(in.tensor4("t")).isDeepEqualTo(t4);
        assertThat(in.as("t", float[][][][].class)[0][1][1][0]).isEqualTo(7f);
        assertThat(Value.fromJava(new float[][][][] {{{{1}}}}).toJava()).isInstanceOf(float[][][][].class);
        assertThatThrownBy(() -> in.tensor3("t")).hasMessage("argument 0 ('t') is not a rank-3 array: it has shape [1x2x2x2]");
        assertThatThrownBy(() -> Value.fromJava(new double[][][][] {{{{1}}, {{2, 3}}}}))
                .hasMessage("ragged array: row [0][1][0] has 2 elements, the first row has 1");
    }

    /** Σ over a rank-3 node of its squares, traced; a wrong factor on the node's gradient is blamed on it. */
    @Test
    void aTracedRankThreeNodeIsCheckedAtItsIndices() {
        TapeFunction forward = t -> {
            double[][][] x = t.tensor3("x");
            double[][][] sq = new double[2][2][2];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    for (int k = 0; k < 2; k++) {
                        sq[i][j][k] = x[i][j][k] * x[i][j][k];
                    }
                }
            }
            double[][][] used = t.node("sq", sq);
            double s = 0;
            for (double[][] a : used) {
                for (double[] b : a) {
                    for (double c : b) {
                        s += c;
                    }
                }
            }
            t.output("f", s);
        };
        TapeFunction backward = t -> {
            double[][][] x = t.tensor3("x");
            double[][][] ones = new double[2][2][2];
            double[][][] dx = new double[2][2][2];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    for (int k = 0; k < 2; k++) {
                        ones[i][j][k] = t.seed();
                        dx[i][j][k] = (i == 1 && j == 0 && k == 1 ? 3 : 2) * x[i][j][k] * t.seed();
                    }
                }
            }
            t.grad("sq", ones);
            t.grad("x", dx);
        };
        Point p = Point.of("x", new double[][][] {{{1, 2}, {3, 4}}, {{-1, 0.5}, {2, -3}}});
        GradientReport report = GradCheck.check(TracedSubject.of("cubes", forward, backward), p);

        assertThat(report.blame().origin()).contains("x");
        assertThat(report.node("sq").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.node("x").orElseThrow().worst().position()).isEqualTo("[1,0,1]");
    }

    @Test
    void aFlatParameterIsReadAndWrittenInItsStorageOrder() {
        double[] columnMajor = {1, 4, 2, 5, 3, 6}; // [[1, 2, 3], [4, 5, 6]]
        Parameter p = Parameter.of("W", columnMajor, Shape.of(2, 3), Parameter.Order.COLUMN_MAJOR, () -> columnMajor);
        Parameter q = Parameter.of("W", new double[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3), Parameter.Order.ROW_MAJOR,
                () -> null);

        assertThat(p.read()).isEqualTo(Value.fromJava(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        assertThat(q.read()).isEqualTo(p.read());
        assertThat(p.inShape(new double[] {1, 4, 2, 5, 3, 6})).isEqualTo(p.read());
        p.write(p.read().with(5, 60)); // element [1,2]
        assertThat(columnMajor).containsExactly(1, 4, 2, 5, 3, 60);
        assertThatThrownBy(() -> Parameter.of("W", new double[5], Shape.of(2, 3), Parameter.Order.ROW_MAJOR, () -> null))
                .hasMessage("parameter 'W' has shape [2x3] (6 elements) but its flat array has 5 elements");
    }

    @Test
    void aRankFourParameterIsRestoredBitForBit() {
        double[][][][] k = {{{{0.25, -1}}, {{2, 3}}}};
        Parameter p = Parameter.of("K", k, () -> k);
        Value before = p.read();
        p.write(before.with(2, 9));
        assertThat(k[0][1][0][0]).isEqualTo(9);
        p.write(before);
        assertThat(p.read()).isEqualTo(before);
    }

    @Test
    void aLayerOfTwoFunctionsRefusesNulls() {
        assertThatThrownBy(() -> Layer.of("l", null, g -> g)).hasMessage("layer 'l' has a null forward");
        assertThatThrownBy(() -> Layer.<double[], double[]>of("l", x -> x, g -> g, (Parameter) null))
                .hasMessage("layer 'l' has a null parameter");
        Layer<double[], double[]> id = Layer.of("identity", x -> x, g -> g);
        assertThat(id.name()).isEqualTo("identity");
        assertThat(id.parameters()).isEmpty();
    }

    /**
     * Two steps of a layer whose sum's backward has a flat spot on purpose, so the gradients of the
     * vectors it sums deviate; one pattern declares both.
     */
    @Test
    void aPatternDeclaresTheDeviationOfManyNodesAtOnce() {
        Op flatSum = Op.of(in -> in.vector(0)[0] + in.vector(0)[1],
                (in, out, g) -> new double[] {g.asScalar() * 1.1, g.asScalar() * 1.1});
        Op twice = Op.of(in -> new double[] {2 * in.scalar(0), 2 * in.scalar(0)},
                (in, out, g) -> 2 * (g.get(0) + g.get(1)));
        GraphSubject steps = GraphSubject.builder("steps").input("x")
                .op("s0.layer1.vec", twice, "x").op("s0.layer1.sum", flatSum, "s0.layer1.vec")
                .op("s1.layer1.vec", twice, "s0.layer1.sum").op("s1.layer1.sum", flatSum, "s1.layer1.vec")
                .build();
        Point p = Point.of("x", 0.5);

        GradientReport undeclared = GradCheck.check(steps, p);
        CheckOptions flatSpots = CheckOptions.defaults().withDeviation("s*.layer1.vec", "the sum's backward has a flat spot of 10%");
        GradientReport declared = GradCheck.check(steps, p, flatSpots);

        assertThat(undeclared.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(declared.passed()).isTrue();
        assertThat(declared.deviations()).extracting(n -> n.name()).contains("s1.layer1.vec", "s0.layer1.vec", "x");
        assertThatThrownBy(() -> GradCheck.check(steps, p, CheckOptions.defaults().withDeviation("t*.sum", "why")))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("a deviation was declared for the pattern 't*.sum' but no node of the subject"
                        + " matches it");
    }

    @Test
    void descentDirectionsOnTheWrongNodesAreAFlippedSign() {
        Subject square = FunctionSubject.of("square", in -> in.scalar("x") * in.scalar("x"),
                (in, out, g) -> -2 * in.scalar("x") * g.asScalar());
        Subject honest = FunctionSubject.of("square", in -> in.scalar("x") * in.scalar("x"),
                (in, out, g) -> 2 * in.scalar("x") * g.asScalar());

        assertThat(GradCheck.check(DescentDirections.of(square), Point.of("x", 1.5)).passed()).isTrue();
        assertThat(GradCheck.check(DescentDirections.of(square, "x"), Point.of("x", 1.5)).passed()).isTrue();
        assertThat(GradCheck.check(square, Point.of("x", 1.5)).passed()).isFalse();
        assertThat(GradCheck.check(DescentDirections.of(honest), Point.of("x", 1.5)).passed()).isFalse();
        assertThat(GradCheck.describe(GradCheck.check(DescentDirections.of(square), Point.of("x", 1.5))))
                .contains("'square' returns descent directions (-gradient) for every node but the output");
    }
}
