package io.github.gradcheck.check;

import io.github.gradcheck.GradientChecker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Downstream replay, and what the report says a check cost. */
class ReplayAndAccountingTests {

    /** A chain x → a → b → c = output of elementwise ops, each counting its forward calls. */
    private static GraphSubject chain(AtomicInteger[] calls) {
        GraphSubject.Builder g = GraphSubject.builder("chain").input("x");
        String previous = "x";
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < names.length; i++) {
            AtomicInteger count = calls[i];
            boolean last = i == names.length - 1;
            g.op(names[i], Op.of(in -> {
                count.incrementAndGet();
                double[] v = in.vector(0);
                if (last) {
                    double s = 0;
                    for (double e : v) {
                        s += e * e;
                    }
                    return s;
                }
                double[] out = new double[v.length];
                for (int j = 0; j < v.length; j++) {
                    out[j] = Math.sin(v[j]) + v[j];
                }
                return out;
            }, (in, out, gOut) -> {
                double[] v = in.vector(0);
                double[] d = new double[v.length];
                for (int j = 0; j < v.length; j++) {
                    d[j] = last ? 2 * v[j] * gOut.asScalar() : (Math.cos(v[j]) + 1) * gOut.asVector()[j];
                }
                return d;
            }), previous);
            previous = names[i];
        }
        return g.build();
    }

    private static AtomicInteger[] counters() {
        return new AtomicInteger[] {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    }

    @Test
    void perturbingANodeReEvaluatesOnlyItsDescendants() {
        AtomicInteger[] calls = counters();
        GradientReport r = new GradientChecker(CheckOptions.defaults().withGraphChecks(GraphChecks.END_TO_END)).check(chain(calls), Point.of("x", new double[] {0.3, -0.2, 1.1}));
        assertThat(r.passed()).isTrue();
        int forAtPoint = 2; // the forward at the point, twice
        int b = r.node("b").orElseThrow().forwardEvaluations();
        int a = r.node("a").orElseThrow().forwardEvaluations();
        int x = r.node("x").orElseThrow().forwardEvaluations();
        // op c runs for every replay of b, a and x; op b for those of a and x; op a only for those of x
        assertThat(calls[2].get()).isEqualTo(forAtPoint + b + a + x);
        assertThat(calls[1].get()).isEqualTo(forAtPoint + a + x);
        assertThat(calls[0].get()).isEqualTo(forAtPoint + x);
        assertThat(r.replayScope()).isEqualTo("only the nodes downstream of the perturbed one");
    }

    @Test
    void tracedCodeReRunsTheWholeForwardAndTheReportSaysSo() {
        AtomicInteger runs = new AtomicInteger();
        Subject traced = TracedSubject.of("traced", tape -> {
            runs.incrementAndGet();
            double x = tape.scalar("x");
            double y = tape.node("y", Math.sin(x));
            tape.output("f", y * y);
        }, tape -> {
            double x = tape.scalar("x");
            double y = tape.scalar("y");
            tape.grad("y", 2 * y * tape.seed());
            tape.grad("x", 2 * y * Math.cos(x) * tape.seed());
        });
        GradientReport r = new GradientChecker().check(traced, Point.of("x", 0.7));
        assertThat(r.passed()).isTrue();
        assertThat(r.replayScope()).startsWith("the whole traced forward");
        assertThat(runs.get()).isEqualTo(r.forwardEvaluations());
        assertThat(TextReport.render(r)).contains("each measurement re-evaluated the whole traced forward");
    }

    @Test
    void theTotalIsTheForwardsAtThePointPlusEveryNodesEvaluations() {
        CostSubjects f = new CostSubjects(30, 1);
        for (CheckMode mode : CheckMode.values()) {
            GradientReport r = new GradientChecker(CheckOptions.defaults().withMode(mode))
                    .check(f.subject(3, 1e-3), CostSubjects.point(30, 2));
            int byNode = r.forwardEvaluationsByNode().values().stream().mapToInt(Integer::intValue).sum();
            assertThat(r.forwardEvaluations()).isEqualTo(2 + byNode);
            assertThat(r.backwardEvaluations()).as("the backward, its repeat, at a scaled cotangent and at another")
                    .isEqualTo(4);
            assertThat(r.wallTime()).isPositive();
            assertThat(TextReport.renderWithWallTime(r)).containsPattern("wall time: \\d+\\.\\d{3} s");
        }
    }

    @Test
    void theWallTimeIsNotPartOfWhatTheReportMeasured() {
        CostSubjects f = new CostSubjects(10, 1);
        GradientReport r = new GradientChecker().check(f.subject(-1, 0), CostSubjects.point(10, 2));
        GradientReport later = new GradientReport(r.subject(), r.point(), r.options(), r.nodes(), r.blame(),
                r.forwardEvaluations(), r.localEvaluations(), r.backwardEvaluations(), r.replayScope(), r.notes(),
                r.mode(), r.wallTime().plusSeconds(5));
        assertThat(later.sameMeasurements(r)).isTrue();
        assertThat(r.sameMeasurements(later)).isTrue();
        assertThat(later.wallTime()).isNotEqualTo(r.wallTime());
        // equality is the record's own: a report that took longer is another report
        assertThat(later).isNotEqualTo(r);
    }
}
