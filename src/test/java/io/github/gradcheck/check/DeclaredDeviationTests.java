package io.github.gradcheck.check;

import static io.github.gradcheck.check.FlatSpotSigmoid.FLAT_SPOT;
import static io.github.gradcheck.check.FlatSpotSigmoid.Z;
import static io.github.gradcheck.check.FlatSpotSigmoid.sigmoid;
import static io.github.gradcheck.check.FlatSpotSigmoid.sigmoidDerivative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import org.junit.jupiter.api.Test;

/**
 * A declared deviation states what the intended gradient is, and only that is accepted: before,
 * {@code withDeviation(node, why)} accepted any error at the node, and declaring a flat spot hid an
 * unrelated bug at the same node.
 */
class DeclaredDeviationTests {

    private static GradientChecker declaring(Deviation d) {
        return new GradientChecker(CheckOptions.defaults().withDeviation("z", d));
    }

    @Test
    void theIntendedDeviationDeviatesAsDeclared() {
        assertThat(new GradientChecker().check(FlatSpotSigmoid.subject(false), Z).verdict()).isEqualTo(Verdict.FAIL);

        GradientReport report = declaring(FLAT_SPOT).check(FlatSpotSigmoid.subject(false), Z);

        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        NodeReport z = report.node("z").orElseThrow();
        assertThat(z.deviates()).isTrue();
        assertThat(z.intended()).hasSize(3).allSatisfy(e -> assertThat(e.verdict()).isEqualTo(Verdict.PASS));
        String text = TextReport.render(report);
        assertThat(text).contains("ok (deviates as declared)")
                .contains("deviation: 'z' deviates as declared (flat spot: sigmoid' + 0.1 on purpose): at z[")
                .contains(", intended ")
                .doesNotContain("declared: declared");
    }

    @Test
    void anUnrelatedBugAtTheDeclaredNodeStillFails() {
        // before: the declaration hid it, and the verdict line said "every claimed gradient matches"
        GradientReport report = declaring(FLAT_SPOT).check(FlatSpotSigmoid.subject(true), Z);

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        NodeReport z = report.node("z").orElseThrow();
        assertThat(z.deviatesNotAsDeclared()).isTrue();
        assertThat(z.intended().get(2).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(z.intended().get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(TextReport.render(report)).contains("WRONG (not as declared)")
                .contains("it was declared to deviate (flat spot: sigmoid' + 0.1 on purpose), but at z[2] it claimed");
    }

    @Test
    void anIntendedDeviationDeclaredByAPatternIsCheckedAsDeclared() {
        // a pattern stands for the node as its own name does: the intent is checked, not accepted blindly
        GradientChecker byPattern = new GradientChecker(CheckOptions.defaults().withDeviation("*z", FLAT_SPOT));

        assertThat(byPattern.check(FlatSpotSigmoid.subject(false), Z).verdict()).isEqualTo(Verdict.PASS);
        GradientReport buggy = byPattern.check(FlatSpotSigmoid.subject(true), Z);
        assertThat(buggy.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(buggy.node("z").orElseThrow().deviatesNotAsDeclared()).isTrue();
        assertThat(TextReport.render(buggy)).contains("WRONG (not as declared)");
    }

    @Test
    void aBoundAcceptsWhatItBoundsAndNothingMore() {
        // the flat spot adds 0.1·3 = 0.3 to each element's claim (the upstream gradient is 3 per unit)
        assertThat(declaring(Deviation.atMost("flat spot within 0.31", 0.31)).check(FlatSpotSigmoid.subject(false), Z).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(declaring(Deviation.atMost("flat spot within 0.2", 0.2)).check(FlatSpotSigmoid.subject(false), Z).verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    @SuppressWarnings("deprecation")
    void aDeviationOfUnstatedSizeStillWorksAsBeforeAndSaysWhatItAccepts() {
        GradientReport report = new GradientChecker(CheckOptions.defaults().withDeviation("z", "flat spot"))
                .check(FlatSpotSigmoid.subject(true), Z);
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(TextReport.render(report))
                .contains("deviates as declared (flat spot), by an amount it does not state, so any error there passes");
    }

    @Test
    void theNodesUpstreamOfAnIntendedDeviationFollowFromItOnlyWhenItIsAsDeclared() {
        Subject chain = TracedSubject.of("x → z = 2x → σ with a flat spot", t -> {
            double x = t.scalar("x");
            double z = t.node("z", 2 * x);
            t.output("loss", 3 * sigmoid(z));
        }, t -> {
            double z = t.scalar("z");
            double dz = (sigmoidDerivative(z) + 0.1) * 3 * t.seed();
            t.grad("z", dz);
            t.grad("x", 2 * dz);
            t.grad("loss", t.seed());
        });
        GradientReport report = declaring(FLAT_SPOT).check(chain, Point.of("x", 0.3));
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
        assertThat(report.node("x").orElseThrow().deviation()).hasValueSatisfying(
                why -> assertThat(why).startsWith("follows from the declared deviation at 'z'"));

        GradientReport wrongIntent = declaring(Deviation.intended("flat spot of 0.2", (z, measured) ->
                measured * (sigmoidDerivative(z) + 0.2) / sigmoidDerivative(z))).check(chain, Point.of("x", 0.3));
        assertThat(wrongIntent.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(wrongIntent.node("x").orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void anIntendedGradientThatIsNotFiniteIsAClearError() {
        Deviation broken = Deviation.intended("oops", (z, measured) -> Double.NaN);
        assertThatThrownBy(() -> declaring(broken).check(FlatSpotSigmoid.subject(false), Z))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("node 'z'").hasMessageContaining("the intended gradient declared for it ('oops')");
    }
}
