package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.TracedSubject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input gets a SubjectException naming the subject, the node and the
 * problem; no bare NullPointerException or ArrayIndexOutOfBoundsException escapes.
 */
class BadInputTests {

    static final Point XY = Point.of("x", new double[] {1, 2, 3}, "y", 0.5);

    static FunctionSubject scaledSum(io.github.gradcheck.subject.BackwardFunction backward) {
        return FunctionSubject.of("scaled sum", in -> {
            double s = 0;
            for (double v : in.vector("x")) {
                s += v;
            }
            return s * in.scalar("y");
        }, backward);
    }

    @Nested
    class FunctionBackward {

        @Test
        void returnsNull() {
            assertThatThrownBy(() -> GradCheck.check(scaledSum((in, out, g) -> null), XY))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("subject 'scaled sum'")
                    .hasMessageContaining("returned null")
                    .hasMessageContaining("[x, y]");
        }

        @Test
        void returnsTooFewGradients() {
            assertThatThrownBy(() -> GradCheck.check(scaledSum((in, out, g) -> new Object[] {new double[3]}), XY))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("returned 1 gradient for 2 arguments [x, y]");
        }

        @Test
        void returnsTooManyGradients() {
            assertThatThrownBy(() -> GradCheck.check(
                    scaledSum((in, out, g) -> new Object[] {new double[3], 1.0, 2.0}), XY))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("returned 3 gradients for 2 arguments");
        }

        @Test
        void returnsAnArrayOfTheWrongLength() {
            assertThatThrownBy(() -> GradCheck.check(scaledSum((in, out, g) -> new Object[] {new double[2], 6.0}), XY))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("node 'x'")
                    .hasMessageContaining("has shape [2] but 'x' has shape [3]");
        }

        @Test
        void returnsNullForADifferentiableInput() {
            assertThatThrownBy(() -> GradCheck.check(scaledSum((in, out, g) -> new Object[] {null, 6.0}), XY))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("node 'x'")
                    .hasMessageContaining("returned null as the gradient of argument 0 ('x')");
        }

        @Test
        void returnsSomethingThatIsNotANumber() {
            assertThatThrownBy(() -> GradCheck.check(scaledSum((in, out, g) -> new Object[] {"dx", 6.0}), XY))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("cannot use String as a value");
        }

        @Test
        void raggedGradient() {
            Point m = Point.of("m", new double[][] {{1, 2}, {3, 4}});
            FunctionSubject s = FunctionSubject.of("sum", in -> in.value("m").dot(in.value("m")),
                    (in, out, g) -> new double[][] {{2, 4}, {6}});
            assertThatThrownBy(() -> GradCheck.check(s, m))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("ragged array");
        }

        @Test
        void throwsAndTheCauseIsKept() {
            IllegalStateException boom = new IllegalStateException("cache was empty");
            assertThatThrownBy(() -> GradCheck.check(scaledSum((in, out, g) -> {
                throw boom;
            }), XY))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("the backward threw java.lang.IllegalStateException: cache was empty")
                    .hasCause(boom);
        }
    }

    @Nested
    class Forward {

        @Test
        void returnsNull() {
            FunctionSubject s = FunctionSubject.of("nothing", in -> null, (in, out, g) -> 0.0);
            assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", 1.0)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("subject 'nothing', node 'output': the forward returned null");
        }

        @Test
        void isNotFiniteAtThePoint() {
            FunctionSubject s = FunctionSubject.of("log", in -> Math.log(in.scalar("x")),
                    (in, out, g) -> g.asScalar() / in.scalar("x"));
            assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", -1.0)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("subject 'log', node 'output': the output is NaN at the checked point");
        }

        @Test
        void becomesNonFiniteOnlyAtAPerturbedPoint() {
            FunctionSubject s = FunctionSubject.of("sqrt", in -> Math.sqrt(in.scalar("x")),
                    (in, out, g) -> g.asScalar() / (2 * Math.sqrt(in.scalar("x"))));
            GradientReport report = GradCheck.check(s, Point.of("x", 0.0));
            assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(report.node("x").orElseThrow().worst().finding()).isEqualTo(Finding.DOMAIN_EDGE);
            assertThat(TextReport.render(report)).contains("not finite within a step of the point (edge of its domain)");
        }

        @Test
        void nearTheEdgeOfTheDomainSmallerStepsStayInside() {
            FunctionSubject s = FunctionSubject.of("sqrt", in -> Math.sqrt(in.scalar("x")),
                    (in, out, g) -> g.asScalar() / (2 * Math.sqrt(in.scalar("x"))));
            GradientReport report = GradCheck.check(s, Point.of("x", 1e-4));
            assertThat(report.passed()).as(TextReport.render(report)).isTrue();
        }

        @Test
        void anIntermediateIsNotFinite() {
            TracedSubject s = TracedSubject.of("inf", t -> {
                double big = t.node("big", Math.exp(t.scalar("x")));
                t.output("f", 1 / big);
            }, t -> {
            });
            assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", 1000.0)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("node 'big': the forward value is Infinity");
        }

        @Test
        void inputIsNaN() {
            FunctionSubject s = FunctionSubject.of("sum", in -> in.value(0).dot(Value.vector(1, 1)),
                    (in, out, g) -> new double[] {g.asScalar(), g.asScalar()});
            assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", new double[] {1, Double.NaN})))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("node 'x': the input is NaN at element [1]");
        }

        @Test
        void usesAnArgumentWithTheWrongRank() {
            FunctionSubject s = FunctionSubject.of("rank", in -> in.scalar("x"), (in, out, g) -> g.asScalar());
            assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", new double[] {1, 2})))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("argument 0 ('x') is not a scalar: it has shape [2]");
        }
    }

    @Nested
    class Traced {

        @Test
        void backwardReportsANodeTheForwardNeverProduced() {
            TracedSubject s = TracedSubject.of("typo", t -> t.output("f", 2 * t.node("h", t.scalar("x"))), t -> {
                t.grad("hh", 2.0);
                t.grad("x", 2.0);
            });
            assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", 1.0)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("subject 'typo', node 'hh'")
                    .hasMessageContaining("the forward recorded no node or input of that name");
        }

        @Test
        void backwardForgetsANode() {
            TracedSubject s = TracedSubject.of("forgot", t -> t.output("f", 2 * t.node("h", t.scalar("x"))),
                    t -> t.grad("x", 2.0));
            assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", 1.0)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("subject 'forgot', node 'h'")
                    .hasMessageContaining("reported no gradient for node [h]");
        }

        @Test
        void twoNodesWithTheSameName() {
            TracedSubject s = TracedSubject.of("dup", t -> {
                double a = t.node("h", t.scalar("x") * 2);
                t.output("f", t.node("h", a + 1));
            }, t -> {
            });
            assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", 1.0)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("subject 'dup', node 'h': two nodes are named 'h'");
        }

        @Test
        void aNodeNamedLikeAnInput() {
            TracedSubject s = TracedSubject.of("shadow", t -> t.output("f", t.node("x", 2.0)), t -> {
            });
            assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", 1.0)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("it is already an input");
        }

        @Test
        void noOutput() {
            TracedSubject s = TracedSubject.of("no output", t -> t.node("h", t.scalar("x")), t -> {
            });
            assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", 1.0)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("never called output(name, value)");
        }

        @Test
        void gradientReportedTwice() {
            TracedSubject s = TracedSubject.of("twice", t -> t.output("f", 3 * t.scalar("x")), t -> {
                t.grad("x", 1.0);
                t.grad("x", 2.0);
            });
            assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", 1.0)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("reported a gradient for 'x' twice; sum the contributions");
        }

        @Test
        void forwardRecordsDifferentNodesWhenRerun() {
            TracedSubject s = TracedSubject.of("branchy", t -> {
                double x = t.scalar("x");
                double h = x > 1.0 ? t.node("big", x * x) : t.node("small", x);
                t.output("f", h);
            }, t -> {
                t.grad("big", 1.0);
                t.grad("x", 2 * t.scalar("x"));
            });
            assertThatThrownBy(() -> GradCheck.check(s, Point.of("x", 1.0 + 1e-6)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("must record the same nodes every time");
        }
    }

    @Nested
    class Graph {

        static final Op ID = Op.of(in -> in.scalar(0), (in, out, g) -> g.asScalar());

        @Test
        void duplicateNodeName() {
            assertThatThrownBy(() -> GraphSubject.builder("g").input("x").op("h", ID, "x").op("h", ID, "h"))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("subject 'g', node 'h': two nodes are named 'h'");
        }

        @Test
        void nodeUsedBeforeDefinition() {
            assertThatThrownBy(() -> GraphSubject.builder("g").input("x").op("a", ID, "b"))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("node 'a' uses 'b', which is not defined before it");
        }

        @Test
        void selfCycle() {
            assertThatThrownBy(() -> GraphSubject.builder("g").input("x").op("a", ID, "a"))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("uses itself; a graph cannot have cycles");
        }

        @Test
        void emptyGraph() {
            assertThatThrownBy(() -> GraphSubject.builder("g").input("x").build())
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("subject 'g': the graph has no op or layer");
        }

        @Test
        void nullOp() {
            assertThatThrownBy(() -> GraphSubject.builder("g").input("x").op("a", null, "x"))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("the op of node 'a' is null");
        }

        @Test
        void pointLacksAnInput() {
            GraphSubject g = GraphSubject.builder("g").input("x").input("y").op("a", ID, "x").build();
            assertThatThrownBy(() -> GradCheck.check(g, Point.of("x", 1.0)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("node 'y': the point has no value for input 'y'");
        }

        @Test
        void pointHasAnUndeclaredInput() {
            GraphSubject g = GraphSubject.builder("g").input("x").op("a", ID, "x").build();
            assertThatThrownBy(() -> GradCheck.check(g, Point.of("x", 1.0, "z", 2.0)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("the point has an input 'z' that the graph does not declare");
        }

        @Test
        void opBackwardReturnsTheWrongCount() {
            Op add = Op.of(in -> in.scalar(0) + in.scalar(1), (in, out, g) -> new Object[] {g.asScalar()});
            GraphSubject g = GraphSubject.builder("g").input("x").input("y").op("s", add, "x", "y").build();
            assertThatThrownBy(() -> GradCheck.check(g, Point.of("x", 1.0, "y", 2.0)))
                    .isInstanceOf(SubjectException.class)
                    .hasMessageContaining("node 's': the backward of op 's' returned 1 gradient for 2 arguments [x, y]");
        }
    }

    @Nested
    class PointsAndValues {

        @Test
        void oddNumberOfArguments() {
            assertThatThrownBy(() -> Point.of("x", 1.0, "y"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pairs of name and value");
        }

        @Test
        void nullValue() {
            assertThatThrownBy(() -> Point.of("x", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("input 'x': cannot use null as a value");
        }

        @Test
        void raggedInput() {
            assertThatThrownBy(() -> Point.of("W", new double[][] {{1, 2}, {3}}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("input 'W': ragged array: row [1] has 1 elements, the first row has 2");
        }

        @Test
        void pointIsACopy() {
            double[] x = {1, 2};
            Point p = Point.of("x", x);
            x[0] = 99;
            assertThat(p.get("x").get(0)).isEqualTo(1.0);
        }
    }

    @Nested
    class ScalarGradients {

        @Test
        void aSingleScalarInputMayReturnItsGradientAsAOneElementArray() {
            FunctionSubject square = FunctionSubject.of("square", in -> in.scalar("x") * in.scalar("x"),
                    (in, out, g) -> new double[] {2 * in.scalar("x") * g.asScalar()});
            assertThat(GradCheck.check(square, Point.of("x", 1.5)).passed()).isTrue();
        }
    }

    @Nested
    class ApiMisuse {

        @Test
        void nullSubjectOrPointIsAClearError() {
            assertThatThrownBy(() -> GradCheck.check(null, XY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs a subject to check, got null");
            assertThatThrownBy(() -> GradCheck.check(scaledSum((in, out, g) -> null), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("of subject 'scaled sum' needs a point to check it at, got null");
        }
    }
}
