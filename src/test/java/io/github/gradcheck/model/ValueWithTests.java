package io.github.gradcheck.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link Value#with} shares the elements of the value it starts from; every way of reading the
 * result must see exactly what a copy with that element replaced holds, and the original must
 * not change.
 */
class ValueWithTests {

    private static final double[][] M = {{0.5, -1.25, 3.0}, {2.0, 0.125, -7.5}};

    private static Value copyWith(Value v, int flat, double x) {
        double[] copy = v.toArray();
        copy[flat] = x;
        return Value.of(v.shape(), v.precision(), copy);
    }

    @Test
    void everyReaderSeesTheReplacedElementAndTheOriginalIsUnchanged() {
        Value m = Value.fromJava(M);
        Value replaced = m.with(4, 9.0);
        Value expected = copyWith(m, 4, 9.0);

        assertThat(replaced.get(4)).isEqualTo(9.0);
        assertThat(replaced.toArray()).containsExactly(expected.toArray());
        assertThat(replaced.asMatrix()).isDeepEqualTo(expected.asMatrix());
        assertThat(replaced.asFloatMatrix()).isDeepEqualTo(expected.asFloatMatrix());
        assertThat((double[][]) replaced.toJava()).isDeepEqualTo(expected.asMatrix());
        assertThat(replaced.maxAbs()).isEqualTo(9.0);
        assertThat(replaced.dot(m)).isEqualTo(expected.dot(m));
        assertThat(m.dot(replaced)).isEqualTo(m.dot(expected));
        assertThat(replaced.bitEquals(expected)).isTrue();
        assertThat(expected.bitEquals(replaced)).isTrue();
        assertThat(replaced).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(replaced.toString()).isEqualTo(expected.toString());
        assertThat(m.toArray()).containsExactly(0.5, -1.25, 3.0, 2.0, 0.125, -7.5);
        assertThat(m.bitEquals(replaced)).isFalse();
    }

    @Test
    void replacingTwiceKeepsBothReplacementsAndReplacingTheSameElementAgainKeepsTheLast() {
        Value v = Value.vector(1, 2, 3, 4);
        assertThat(v.with(1, 20).with(3, 40).toArray()).containsExactly(1, 20, 3, 40);
        assertThat(v.with(1, 20).with(1, 30).toArray()).containsExactly(1, 30, 3, 4);
        assertThat(v.with(1, 20).withPrecision(Precision.FLOAT).toArray()).containsExactly(1, 20, 3, 4);
    }

    @Test
    void aNonFiniteReplacementIsFoundAndAFloatReplacementIsRounded() {
        Value v = Value.vector(1, 2, 3);
        assertThat(v.with(2, Double.NaN).firstNonFinite()).isEqualTo(2);
        Value f = Value.fromJava(new float[] {1f, 2f});
        assertThat(f.with(0, 0.1).get(0)).isEqualTo((double) 0.1f);
        assertThat(f.with(0, 0.1).asFloatVector()).containsExactly(0.1f, 2f);
    }

    @Test
    void aRankThreeValueAndAScalarReadBackTheReplacement() {
        Value t = Value.fromJava(new double[][][] {{{1, 2}, {3, 4}, {5, 6}}, {{7, 8}, {9, 10}, {11, 12}}});
        double[][][] back = (double[][][]) t.with(9, -1).toJava();
        assertThat(back[1][1][1]).isEqualTo(-1);
        assertThat(back[1][2][0]).isEqualTo(11);
        assertThat(Value.scalar(2).with(0, 5).asScalar()).isEqualTo(5);
    }

    @Test
    void anElementOutsideTheValueIsAClearError() {
        assertThatThrownBy(() -> Value.vector(1, 2).with(2, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("element 2").hasMessageContaining("2 elements");
    }
}
