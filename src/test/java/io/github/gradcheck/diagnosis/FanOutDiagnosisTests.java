package io.github.gradcheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import org.junit.jupiter.api.Test;

/** The diagnoses that need the subject re-run: an overwritten or incomplete fan-out sum. */
class FanOutDiagnosisTests {

    enum Bug { NONE, OVERWRITE_KEEPS_B, DROPS_C, ALL_WRONG }

    /** f = a·b + c with a = sin x, b = x², c = 3x: x feeds a, b and c. */
    static Subject threeConsumers(Bug bug) {
        return TracedSubject.of("three consumers " + bug,
                t -> {
                    double x = t.scalar("x");
                    double a = t.node("a", Math.sin(x));
                    double b = t.node("b", x * x);
                    double c = t.node("c", 3 * x);
                    t.output("f", a * b + c);
                },
                t -> {
                    double x = t.scalar("x");
                    double a = t.scalar("a");
                    double b = t.scalar("b");
                    double df = t.seed();
                    double da = b * df;
                    double db = a * df;
                    double dc = df;
                    double viaA = Math.cos(x) * da;
                    double viaB = 2 * x * db;
                    double viaC = 3 * dc;
                    double dx = switch (bug) {
                        case NONE -> viaA + viaB + viaC;
                        case OVERWRITE_KEEPS_B -> viaB;
                        case DROPS_C -> viaA + viaB;
                        case ALL_WRONG -> 7 * viaA - viaC;
                    };
                    t.grad("a", da);
                    t.grad("b", db);
                    t.grad("c", dc);
                    t.grad("x", dx);
                });
    }

    static final Point POINT = Point.of("x", 0.7);

    /**
     * f = p + q with s = sin x, p = s·x, q = x²: x feeds p both directly and through s. The broken
     * backward sums the contributions through p and s, then overwrites them with the one through q.
     */
    static Subject directAndIndirect(boolean overwrite) {
        return TracedSubject.of("direct and indirect" + (overwrite ? " (overwrites)" : ""),
                t -> {
                    double x = t.scalar("x");
                    double s = t.node("s", Math.sin(x));
                    double p = t.node("p", s * x);
                    double q = t.node("q", x * x);
                    t.output("f", p + q);
                },
                t -> {
                    double x = t.scalar("x");
                    double s = t.scalar("s");
                    double dp = t.seed();
                    double dq = t.seed();
                    double ds = x * dp;
                    double dx = s * dp;
                    dx += Math.cos(x) * ds;
                    if (overwrite) {
                        dx = 2 * x * dq;   // the bug: = instead of +=
                    } else {
                        dx += 2 * x * dq;
                    }
                    t.grad("s", ds);
                    t.grad("p", dp);
                    t.grad("q", dq);
                    t.grad("x", dx);
                });
    }

    static Diagnoses diagnose(Bug bug) {
        Subject s = threeConsumers(bug);
        GradientReport r = new GradientChecker().check(s, POINT);
        return Diagnoses.of(r, s);
    }

    @Test
    void anOverwrittenSumNamesTheConsumerThatWon() {
        Diagnoses d = diagnose(Bug.OVERWRITE_KEEPS_B);
        Diagnosis x = d.forNode("x").orElseThrow();
        assertThat(x.kind()).isEqualTo(DiagnosisKind.FAN_OUT_OVERWRITE);
        assertThat(x.sentence()).isEqualTo("'x' feeds a, b, c, but its claimed gradient equals the contribution through"
                + " 'b' alone: the backward overwrote d(x) instead of adding to it (missing the contribution through a, c)");
        assertThat(x.evidence()).contains("the claim agrees with the contribution through 'b' alone within tolerance at"
                + " the only element").contains("whole gradient");
        assertThat(d.evaluations()).isPositive();
    }

    @Test
    void anOverwriteIsRecognisedWhereANodeFeedsAnotherDirectlyAndThroughAThird() {
        Subject s = directAndIndirect(true);
        GradientReport r = new GradientChecker().check(s, POINT);
        // p reads x itself, not only through s: with p left out, holding s and q would not isolate q
        assertThat(r.node("x").orElseThrow().consumers()).containsExactly("s", "p", "q");
        Diagnosis x = Diagnoses.of(r, s).forNode("x").orElseThrow();
        assertThat(x.kind()).isEqualTo(DiagnosisKind.FAN_OUT_OVERWRITE);
        assertThat(x.sentence()).isEqualTo("'x' feeds s, p, q, but its claimed gradient equals the contribution"
                + " through 'q' alone: the backward overwrote d(x) instead of adding to it (missing the contribution"
                + " through s, p)");
    }

    @Test
    void theCorrectSumWhereANodeFeedsAnotherDirectlyAndThroughAThirdPasses() {
        GradientReport r = new GradientChecker().check(directAndIndirect(false), POINT);
        assertThat(r.passed()).isTrue();
        assertThat(r.node("x").orElseThrow().consumers()).containsExactly("s", "p", "q");
    }

    @Test
    void aDroppedContributionIsNamed() {
        Diagnosis x = diagnose(Bug.DROPS_C).forNode("x").orElseThrow();
        assertThat(x.kind()).isEqualTo(DiagnosisKind.FAN_OUT_MISSING_CONTRIBUTION);
        assertThat(x.sentence()).contains("lacks the contribution through 'c'");
    }

    @Test
    void aWrongSumThatMatchesNoContributionIsNotCalledAFanOutError() {
        Diagnosis x = diagnose(Bug.ALL_WRONG).forNode("x").orElseThrow();
        assertThat(x.kind()).isNotIn(DiagnosisKind.FAN_OUT_OVERWRITE, DiagnosisKind.FAN_OUT_MISSING_CONTRIBUTION);
    }

    @Test
    void aCorrectSubjectCostsNothingMore() {
        Diagnoses d = diagnose(Bug.NONE);
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.evaluations()).isZero();
    }

    @Test
    void fromTheReportAloneTheOverwriteIsNotRecognised() {
        Subject s = threeConsumers(Bug.OVERWRITE_KEEPS_B);
        GradientReport r = new GradientChecker().check(s, POINT);
        assertThat(Diagnoses.of(r).forNode("x").orElseThrow().kind()).isNotEqualTo(DiagnosisKind.FAN_OUT_OVERWRITE);
        assertThat(Diagnoses.of(r).evaluations()).isZero();
    }
}
