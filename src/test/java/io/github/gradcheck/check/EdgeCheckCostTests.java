package io.github.gradcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import org.junit.jupiter.api.Test;

/** Checking the edges into a wrong node never costs more than checking the node did. */
class EdgeCheckCostTests {

    /** x → y = 2x, whose backward claims 2.1 → f = Σ y. */
    static GraphSubject doubling() {
        Op twice = Op.of(in -> {
            double[] x = in.vector(0);
            for (int i = 0; i < x.length; i++) {
                x[i] *= 2;
            }
            return x;
        }, (in, out, g) -> {
            double[] d = g.asVector();
            for (int i = 0; i < d.length; i++) {
                d[i] *= 2.1;
            }
            return d;
        });
        Op sum = Op.of(in -> {
            double s = 0;
            for (double v : in.vector(0)) {
                s += v;
            }
            return s;
        }, (in, out, g) -> {
            double[] d = new double[in.value(0).size()];
            java.util.Arrays.fill(d, g.asScalar());
            return d;
        });
        return GraphSubject.builder("doubling").input("x").op("y", twice, "x").op("f", sum, "y").build();
    }

    /** cos(0), cos(1), ..., cos(n − 1). */
    private static double[] cosines(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.cos(i);
        }
        return x;
    }

    @Test
    void edgesIntoALargeWrongNodeAreCheckedAtTheElementsTheNodeCheckCompared() {
        int n = 20_000;
        double[] x = cosines(n);
        GradientReport report = GradCheck.check(doubling(), Point.of("x", x),
                CheckOptions.defaults().withMode(CheckMode.FAST).withGraphChecks(GraphChecks.END_TO_END));

        assertThat(report.blame().origin()).contains("x");
        EdgeReport edge = report.blame().edges().get(0);
        assertThat(edge.edge()).isEqualTo(new Edge("x", "y", 0));
        assertThat(edge.verdict()).isEqualTo(Verdict.FAIL);
        int compared = (int) report.node("x").orElseThrow().elements().stream().mapToInt(ElementComparison::index)
                .distinct().count();
        assertThat(compared).isLessThan(n);
        assertThat(edge.elements()).hasSize(compared);
        // before: every one of the 20000 elements, about 38 evaluations each
        assertThat(report.localEvaluations()).isLessThan(100 * compared);
    }

    @Test
    void anOpWrongAtEveryElementConfirmsOneAndLabelsTheOthers() {
        int n = 64;
        double[] x = cosines(n);
        GradientReport report = GradCheck.check(doubling(), Point.of("x", x),
                CheckOptions.defaults().withMode(CheckMode.FULL));

        EdgeReport edge = report.blame().edges().stream().filter(e -> e.edge().equals(new Edge("x", "y", 0))).findFirst()
                .orElseThrow();
        assertThat(edge.verdict()).isEqualTo(Verdict.FAIL);
        long confirmed = edge.elements().stream()
                .filter(e -> e.verdict() == Verdict.FAIL && e.finding() != Finding.NOT_CONFIRMED_SEPARATELY).count();
        long unconfirmed = edge.elements().stream().filter(e -> e.finding() == Finding.NOT_CONFIRMED_SEPARATELY)
                .count();
        assertThat(confirmed).isEqualTo(1);
        assertThat(unconfirmed).isEqualTo(n - 1);
        // the evidence quoted rests on the confirmed element
        assertThat(edge.worst().finding()).isNotEqualTo(Finding.NOT_CONFIRMED_SEPARATELY);
        // the screens of 64 elements and one confirmation; before, every element was confirmed (40 or more each)
        assertThat(edge.evaluations()).isLessThan(8 * n + 100);
    }
}
