package io.github.gradcheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Shape;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A composition error is claimed only on evidence: the op checks into the node passed at every
 * element where the node is wrong, not at a sample beside it.
 */
class CompositionClaimTests {

    static final Shape FOUR = Shape.of(4);

    /** 'h' wrong at element 3 only, consumed by 'f'. */
    static final NodeReport H = SyntheticReports.node("h", FOUR, new double[] {1, 2, 3, 5}, new double[] {1, 2, 3, 4}, "f");

    static EdgeReport passingAt(int... indices) {
        List<ElementComparison> elements = new java.util.ArrayList<>();
        for (int i : indices) {
            elements.add(new ElementComparison(i, FOUR.indexOf(i), 0, i + 1, i + 1, 1e-7, 1e-6, Verdict.PASS,
                    Finding.MEASURED));
        }
        return new EdgeReport(new Edge("h", "f", 0), "op 'f'", FOUR, elements, 6 * indices.length);
    }

    static GradientReport withEdges(EdgeReport... edges) {
        GradientReport r = SyntheticReports.report(H);
        return new GradientReport(r.subject(), r.point(), r.options(), r.nodes(),
                new Blame(r.blame().origin(), List.of(), List.of(), List.of(edges)), 0, 0, 1, "nothing", List.of(),
                r.mode(), r.wallTime());
    }

    @Test
    void opChecksThatComparedWhereTheNodeIsWrongAndPassedMeanTheCompositionIsWrong() {
        GradientReport r = withEdges(passingAt(0, 1, 2, 3));

        assertThat(r.blame().origin()).isEqualTo(Optional.of("h"));
        assertThat(r.composedWrongly()).containsExactly("h");
        assertThat(r.whatIsWrong()).singleElement().asString().startsWith("the gradient of 'h' is composed wrongly");
    }

    @Test
    void opChecksThatPassedOnlyBesideTheWrongElementProveNothing() {
        GradientReport r = withEdges(passingAt(0, 1));

        assertThat(r.composedWrongly()).isEmpty();
        assertThat(r.whatIsWrong()).containsExactly("the backward rule that maps d(f) to d(h) is wrong");
    }
}
