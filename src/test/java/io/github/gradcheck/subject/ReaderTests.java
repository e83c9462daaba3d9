package io.github.gradcheck.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The readers of {@link Args} and {@link Tape}: what they return, that it is a fresh copy, and
 * the exact texts of their errors.
 */
class ReaderTests {

    static final Value SCALAR = Value.scalar(2.5);
    static final Value VECTOR = Value.vector(1, 2);
    static final Value MATRIX = Value.fromJava(new double[][] {{1, 2}, {3, 4}});
    static final Value FLOATS = Value.fromJava(new float[] {0.5f, 1.5f});

    @Test
    void argsAndTapeShareOneSetOfReadersThatOnlyTheyImplement() {
        assertThat(NamedValues.class.isSealed()).isTrue();
        assertThat(NamedValues.class.getPermittedSubclasses()).containsExactlyInAnyOrder(Args.class, Tape.class);
        NamedValues in = new Args(List.of("v"), List.of(VECTOR));
        NamedValues t = Tape.recording("readers", false, Point.of("v", new double[] {1, 2}));
        assertThat(in.vector("v")).containsExactly(t.vector("v"));
        assertThatThrownBy(() -> in.scalar("v")).hasMessage("argument 0 ('v') is not a scalar: it has shape [2]");
        assertThatThrownBy(() -> t.scalar("v")).hasMessage("'v' is not a scalar: it has shape [2]");
    }

    @Nested
    class OfArgs {

        final Args in = new Args(List.of("s", "v", "m", "f"), List.of(SCALAR, VECTOR, MATRIX, FLOATS));

        @Test
        void readByNameAndByPosition() {
            assertThat(in.size()).isEqualTo(4);
            assertThat(in.name(1)).isEqualTo("v");
            assertThat(in.value("m")).isEqualTo(MATRIX);
            assertThat(in.value(2)).isEqualTo(MATRIX);
            assertThat(in.scalar("s")).isEqualTo(2.5);
            assertThat(in.scalar(0)).isEqualTo(2.5);
            assertThat(in.floatScalar("s")).isEqualTo(2.5f);
            assertThat(in.floatScalar(0)).isEqualTo(2.5f);
            assertThat(in.vector("v")).containsExactly(1, 2);
            assertThat(in.vector(1)).containsExactly(1, 2);
            assertThat(in.matrix("m")).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
            assertThat(in.matrix(2)).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
            assertThat(in.floatVector("f")).containsExactly(0.5f, 1.5f);
            assertThat(in.floatVector(3)).containsExactly(0.5f, 1.5f);
            assertThat(in.floatMatrix("m")).isDeepEqualTo(new float[][] {{1, 2}, {3, 4}});
            assertThat(in.floatMatrix(2)).isDeepEqualTo(new float[][] {{1, 2}, {3, 4}});
        }

        @Test
        void everyReadIsAFreshCopy() {
            in.vector("v")[0] = 99;
            in.matrix(2)[1][1] = 99;
            assertThat(in.vector(1)).containsExactly(1, 2);
            assertThat(in.matrix("m")[1][1]).isEqualTo(4);
        }

        @Test
        void aValueOfTheWrongRankIsNamedByPositionAndName() {
            assertThatThrownBy(() -> in.vector("s"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("argument 0 ('s') is not a vector: it has shape scalar")
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> in.scalar(1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("argument 1 ('v') is not a scalar: it has shape [2]");
            assertThatThrownBy(() -> in.floatMatrix("v"))
                    .hasMessage("argument 1 ('v') is not a matrix: it has shape [2]");
            assertThatThrownBy(() -> in.floatScalar("m"))
                    .hasMessage("argument 2 ('m') is not a scalar: it has shape [2x2]");
        }

        @Test
        void aMissingArgumentIsNamedWithTheOthers() {
            assertThatThrownBy(() -> in.vector("w"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("there is no argument named 'w'; the arguments are [s, v, m, f]");
            assertThatThrownBy(() -> in.value("w"))
                    .hasMessage("there is no argument named 'w'; the arguments are [s, v, m, f]");
            assertThatThrownBy(() -> in.scalar(4))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("there is no argument 4; the arguments are [s, v, m, f]");
            assertThatThrownBy(() -> in.name(-1))
                    .hasMessage("there is no argument -1; the arguments are [s, v, m, f]");
        }

        @Test
        void aRepeatedNameReadsTheFirstOfItsPositions() {
            Args twice = new Args(List.of("x", "x"), List.of(SCALAR, SCALAR));
            assertThat(twice.scalar("x")).isEqualTo(2.5);
            assertThatThrownBy(() -> twice.vector("x")).hasMessage("argument 0 ('x') is not a vector: it has shape scalar");
            assertThatThrownBy(() -> twice.vector(1)).hasMessage("argument 1 ('x') is not a vector: it has shape scalar");
        }
    }

    @Nested
    class OfTape {

        final Point point = Point.builder().input("s", 2.5).input("v", new double[] {1, 2})
                .input("m", new double[][] {{1, 2}, {3, 4}}).constant("f", new float[] {0.5f, 1.5f}).build();

        @Test
        void theForwardReadsInputsAndNodesRecordedSoFar() {
            Tape t = Tape.recording("readers", false, point);
            assertThat(t.value("m")).isEqualTo(MATRIX);
            assertThat(t.scalar("s")).isEqualTo(2.5);
            assertThat(t.floatScalar("s")).isEqualTo(2.5f);
            assertThat(t.vector("v")).containsExactly(1, 2);
            assertThat(t.matrix("m")).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
            assertThat(t.floatVector("f")).containsExactly(0.5f, 1.5f);
            assertThat(t.floatMatrix("m")).isDeepEqualTo(new float[][] {{1, 2}, {3, 4}});
            t.node("h", new double[] {5, 6});
            assertThat(t.vector("h")).containsExactly(5, 6);
        }

        @Test
        void everyReadIsAFreshCopy() {
            Tape t = Tape.recording("readers", false, point);
            t.vector("v")[0] = 99;
            t.matrix("m")[1][1] = 99;
            assertThat(t.vector("v")).containsExactly(1, 2);
            assertThat(t.matrix("m")[1][1]).isEqualTo(4);
        }

        @Test
        void aValueOfTheWrongRankIsNamed() {
            Tape t = Tape.recording("readers", false, point);
            assertThatThrownBy(() -> t.vector("s"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'s' is not a vector: it has shape scalar")
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> t.scalar("v")).hasMessage("'v' is not a scalar: it has shape [2]");
            assertThatThrownBy(() -> t.floatMatrix("f")).hasMessage("'f' is not a matrix: it has shape [2]");
            assertThatThrownBy(() -> t.floatScalar("m")).hasMessage("'m' is not a scalar: it has shape [2x2]");
        }

        @Test
        void theForwardNamesWhatIsRecordedSoFar() {
            Tape t = Tape.recording("readers", false, point);
            assertThatThrownBy(() -> t.scalar("h"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("there is no input or node named 'h' yet; inputs and nodes recorded so far are"
                            + " [s, v, m, f]");
        }

        @Test
        void theBackwardReadsEveryNodeOfTheTraceAndNamesThemAll() {
            Tape forward = Tape.recording("readers", false, point);
            forward.node("h", 7.0);
            forward.output("out", 8.0);
            Trace trace = forward.toTrace();
            Tape t = Tape.backward("readers", point, trace, Value.scalar(1.0));
            assertThat(t.scalar("out")).isEqualTo(8.0);
            assertThat(t.scalar("h")).isEqualTo(7.0);
            assertThat(t.vector("v")).containsExactly(1, 2);
            assertThatThrownBy(() -> t.vector("h")).hasMessage("'h' is not a vector: it has shape scalar");
            assertThatThrownBy(() -> t.value("g"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("there is no input or node named 'g'; there are [s, v, m, f, h, out]");
        }
    }
}
