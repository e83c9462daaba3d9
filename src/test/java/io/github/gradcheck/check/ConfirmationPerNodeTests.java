package io.github.gradcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.bench.TracedTanhStack;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.report.HtmlReport;
import io.github.gradcheck.report.JsonReport;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import io.github.gradcheck.subject.TracedSubject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failing check confirms a few wrong elements per node, not every one: the node's failure rests
 * on a confirmed element, the others are labelled {@link Finding#NOT_CONFIRMED_SEPARATELY}, the
 * blame and the diagnoses stay right, and the cost of failing stays near the cost of passing
 * (evaluation counts, exact).
 */
class ConfirmationPerNodeTests {

    private static final int WIDTH = 8;
    private static final int BLOCKS = 3;

    /** The stack of {@value #BLOCKS} blocks of {@value #WIDTH}, the backward of tanh #{@code bad} wrong. */
    static Subject stack(int bad) {
        return TracedTanhStack.subject("traced stack", WIDTH, BLOCKS, bad);
    }

    static Point stackPoint() {
        return TracedTanhStack.point(WIDTH, BLOCKS, 11, 3);
    }

    private static GradientReport check(Subject s, Point p, CheckMode mode) {
        return new GradientChecker(CheckOptions.defaults().withMode(mode)).check(s, p);
    }

    private static boolean confirmedFailure(ElementComparison e) {
        return e.verdict() == Verdict.FAIL && e.finding() != Finding.NOT_CONFIRMED_SEPARATELY;
    }

    @Test
    void onlyTheOriginIsConfirmedAndItsConsequencesKeepTheirFirstMeasurement() {
        GradientReport report = check(stack(2), stackPoint(), CheckMode.FULL);
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        assertThat(report.blame().origin()).as(text).contains("z2");
        assertThat(report.blame().consequences()).as(text).contains("h1", "z1", "W1", "b1", "x");
        List<NodeReport> failed = report.nodes().stream().filter(n -> n.verdict() == Verdict.FAIL).toList();
        assertThat(failed).hasSizeGreaterThanOrEqualTo(6);
        for (NodeReport n : failed) {
            if (report.blame().consequences().contains(n.name())) {
                // where the wrong gradient flows: nothing confirmed, every failure says so
                assertThat(n.confirmedFailures()).as(n.name()).isZero();
            } else {
                // where it starts: the node's failure, and the element every report shows, rest on a confirmed one
                assertThat(n.confirmedFailures()).as(n.name()).isBetween(1L, 2L);
                assertThat(confirmedFailure(n.worst())).as(n.name()).isTrue();
            }
            assertThat(n.elements().stream().filter(e -> e.verdict() == Verdict.FAIL && !confirmedFailure(e)))
                    .as(n.name()).allMatch(e -> e.finding() == Finding.NOT_CONFIRMED_SEPARATELY);
        }
        NodeReport w1 = report.node("W1").orElseThrow();
        assertThat(w1.unconfirmedFailures()).as(text).isGreaterThan(40);
        assertThat(w1.failedElements()).isEqualTo(w1.confirmedFailures() + w1.unconfirmedFailures());
        // what is right is measured as ever: no unconfirmed label outside failed nodes
        report.nodes().stream().filter(n -> n.verdict() == Verdict.PASS).flatMap(n -> n.elements().stream())
                .forEach(e -> assertThat(e.finding()).isNotEqualTo(Finding.NOT_CONFIRMED_SEPARATELY));
    }

    /**
     * loss = cos(2^27·π·u), u = 3x, the backward 1% off at x: every power-of-two step of the first
     * family at u, the screen's narrowed ones included, is a whole number of periods (2^-26), so u is
     * at first the blame's origin and x a consequence; the confirmation refutes u, and x, the origin
     * once the blame is located again, is confirmed.
     */
    @Test
    void anOriginTheConfirmationRefutesHandsTheBlameToTheNodeBelowItWhichIsThenConfirmed() {
        double w = 134217728 * Math.PI;
        Subject s = TracedSubject.of("periodic consumer, bug at x", t -> {
            double x = t.scalar("x");
            double u = t.node("u", 3 * x);
            t.output("loss", Math.cos(w * u));
        }, t -> {
            double u = t.scalar("u");
            double du = -w * Math.sin(w * u) * t.seed();
            t.grad("u", du);
            t.grad("x", 3 * du * 1.01);
            t.grad("loss", t.seed());
        });
        for (double x : new double[] {0.3, 0.1, 0.7}) {
            GradientReport report = check(s, Point.of("x", x), CheckMode.FULL);
            String text = TextReport.render(report);
            assertThat(report.blame().origin()).as(text).contains("x");
            assertThat(report.node("u").orElseThrow().verdict()).as(text).isEqualTo(Verdict.PASS);
            NodeReport origin = report.node("x").orElseThrow();
            assertThat(origin.confirmedFailures()).as(text).isEqualTo(1);
            assertThat(confirmedFailure(origin.worst())).as(text).isTrue();
            // u paid for its confirmation: far more than a scalar that passes its first measurement
            assertThat(report.node("u").orElseThrow().forwardEvaluations()).as(text).isGreaterThan(50);
        }
    }

    @Test
    void everyReportSaysWhichFailuresAreNotConfirmed() {
        GradientReport report = check(stack(2), stackPoint(), CheckMode.FULL);
        NodeReport w1 = report.node("W1").orElseThrow();
        String text = TextReport.render(report);
        NodeReport z2 = report.node("z2").orElseThrow();
        assertThat(text).contains("W1", "(" + w1.failedElements() + " of 64 wrong, 0 confirmed)")
                .contains("not confirmed separately: ")
                .contains("h1, z1, b2, W2, b1, W1, x are wrong only as a consequence: a check confirms where a wrong"
                        + " gradient starts, not where it flows");
        String json = JsonReport.render(report);
        assertThat(json).contains("\"finding\": \"NOT_CONFIRMED_SEPARATELY\"").contains("\"confirmedFailures\": 1")
                .contains("\"confirmedFailures\": 0");
        String html = HtmlReport.render(report);
        assertThat(html).contains(w1.unconfirmedFailures() + " not confirmed separately: wrong only as a consequence");
        assertThat(z2.confirmedFailures()).isEqualTo(1);
    }

    @Test
    void failingCostsAFewConfirmationsPerNodeNotOnePerWrongElement() {
        GradientReport ok = check(stack(-1), stackPoint(), CheckMode.FULL);
        GradientReport bad = check(stack(2), stackPoint(), CheckMode.FULL);
        assertThat(ok.verdict()).isEqualTo(Verdict.PASS);
        NodeReport okW1 = ok.node("W1").orElseThrow();
        NodeReport badW1 = bad.node("W1").orElseThrow();
        // a confirmation costs 30 to 40 evaluations: one per wrong element of W1 would be thousands more
        long extra = badW1.forwardEvaluations() - okW1.forwardEvaluations();
        assertThat(extra).as("W1: %d passing, %d failing with %d wrong elements", okW1.forwardEvaluations(),
                badW1.forwardEvaluations(), badW1.failedElements()).isLessThan(4L * 40);
        assertThat(badW1.failedElements() * 30L).isGreaterThan(10 * extra);
        assertThat(bad.forwardEvaluations()).isLessThanOrEqualTo(3 * ok.forwardEvaluations());
        GradientReport okFast = check(stack(-1), stackPoint(), CheckMode.FAST);
        GradientReport badFast = check(stack(2), stackPoint(), CheckMode.FAST);
        assertThat(badFast.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(badFast.blame().origin()).contains("z2");
        assertThat(badFast.forwardEvaluations()).isLessThanOrEqualTo(3 * okFast.forwardEvaluations());
    }

    /** f(x) = Σ g(xᵢ) with the claimed derivative {@code claim}, times the cotangent. */
    private static Subject sum(String name, java.util.function.DoubleUnaryOperator g,
                               java.util.function.DoubleUnaryOperator claim) {
        return FunctionSubject.of(name, in -> {
            Value x = in.value("x");
            double s = 0;
            for (int i = 0; i < x.size(); i++) {
                s += g.applyAsDouble(x.get(i));
            }
            return s;
        }, (in, out, u) -> {
            Value x = in.value("x");
            double[] d = new double[x.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = claim.applyAsDouble(x.get(i)) * u.asScalar();
            }
            return d;
        });
    }

    @Test
    void theDiagnosesReadTheirPatternsOffUnconfirmedElementsToo() {
        Point p = Point.of("x", new double[] {0.3, -1.2, 0.7, 2.1, -0.4, 1.5, -2.2, 0.9});
        GradientReport flipped = check(sum("Σ sin, sign flipped", Math::sin, x -> -Math.cos(x)), p, CheckMode.FULL);
        NodeReport x = flipped.node("x").orElseThrow();
        assertThat(x.confirmedFailures()).isEqualTo(1);
        assertThat(x.unconfirmedFailures()).isEqualTo(7);
        assertThat(Diagnoses.of(flipped).forNode("x").orElseThrow().kind()).isEqualTo(DiagnosisKind.WRONG_SIGN);

        double[][] c = {{1, 2, -1}, {0.5, -3, 2}, {4, 1, -2}};
        double[][] w = {{0.2, -0.7, 1.1}, {0.4, 0.9, -1.3}, {-0.5, 0.6, 0.8}};
        Subject transposed = FunctionSubject.of("Σ cᵢⱼ sin(Wᵢⱼ), gradient transposed", in -> {
            double[][] m = in.matrix("W");
            double s = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    s += c[i][j] * Math.sin(m[i][j]);
                }
            }
            return s;
        }, (in, out, u) -> {
            double[][] m = in.matrix("W");
            double[][] d = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    d[j][i] = c[i][j] * Math.cos(m[i][j]) * u.asScalar();
                }
            }
            return d;
        });
        GradientReport t = check(transposed, Point.of("W", w), CheckMode.FULL);
        NodeReport wn = t.node("W").orElseThrow();
        assertThat(wn.unconfirmedFailures()).as(TextReport.render(t)).isGreaterThan(3);
        assertThat(Diagnoses.of(t).forNode("W").orElseThrow().kind()).as(TextReport.render(t))
                .isEqualTo(DiagnosisKind.TRANSPOSED);
    }

    @Test
    void aNodeWhereNoElementConfirmsIsInconclusiveNeverWrong() {
        // neighbouring doubles near -1e300 are further apart than sin's period: no measurement decides
        double[] far = new double[8];
        for (int i = 0; i < far.length; i++) {
            far[i] = -1e300 * (1 + i / 16.0);
        }
        GradientReport report = check(sum("Σ sin far from 0", Math::sin, Math::cos), Point.of("x", far),
                CheckMode.FULL);
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(report.node("x").orElseThrow().elements()).as(text).noneMatch(e -> e.verdict() == Verdict.FAIL);
    }

    @Test
    void anUnluckyFirstCandidateDoesNotMakeAWrongNodeInconclusive() {
        // element 0 sits on the kink of |x| with a claim of 0.9, within the subgradient: the worst by the first measurement, it is
        // inconclusive once confirmed; the next candidates, wrong by a factor of 1.5, prove the node wrong
        Point p = Point.of("x", new double[] {0, 0.8, -1.1, 0.6});
        Subject s = FunctionSubject.of("|x₀| + Σ xᵢ²/2, claims off", in -> {
            Value x = in.value("x");
            double f = Math.abs(x.get(0));
            for (int i = 1; i < x.size(); i++) {
                f += x.get(i) * x.get(i) / 2;
            }
            return f;
        }, (in, out, u) -> {
            Value x = in.value("x");
            double[] d = new double[x.size()];
            d[0] = 0.9 * u.asScalar();
            for (int i = 1; i < d.length; i++) {
                d[i] = 1.5 * x.get(i) * u.asScalar();
            }
            return d;
        });
        GradientReport report = check(s, p, CheckMode.FULL);
        String text = TextReport.render(report);
        NodeReport x = report.node("x").orElseThrow();
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        assertThat(x.elements().get(0).verdict()).as(text).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(x.elements().get(0).finding()).as(text).isNotEqualTo(Finding.NOT_CONFIRMED_SEPARATELY);
        assertThat(x.confirmedFailures()).as(text).isEqualTo(1);
        assertThat(confirmedFailure(x.worst())).isTrue();
    }

    @Test
    void oneWrongElementOfALargeSumIsNarrowedByTheScreensToAFewElements() {
        // each element of a sum of 2·10⁵ terms costs 30 to 40 evaluations (its screen cannot resolve it against
        // the sum's rounding): checking the 64 elements of the old leaf would cost more than all the rest
        int n = 200_000;
        int wrong = 153_421;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i);
        }
        Subject s = sum("Σ x²/2, one element off by half", v -> v * v / 2, v -> v);
        Subject broken = FunctionSubject.of("Σ x²/2, element " + wrong + " off by half", in -> {
            Value v = in.value("x");
            double f = 0;
            for (int i = 0; i < v.size(); i++) {
                f += v.get(i) * v.get(i) / 2;
            }
            return f;
        }, (in, out, u) -> {
            Value v = in.value("x");
            double[] d = new double[v.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = v.get(i) * (i == wrong ? 1.5 : 1) * u.asScalar();
            }
            return d;
        });
        GradientReport ok = check(s, Point.of("x", x), CheckMode.FAST);
        GradientReport report = check(broken, Point.of("x", x), CheckMode.FAST);
        NodeReport node = report.node("x").orElseThrow();
        assertThat(ok.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(node.worst().index()).as(node.coverage().narrowing()).isEqualTo(wrong);
        assertThat(confirmedFailure(node.worst())).isTrue();
        assertThat(node.coverage().elementsChecked()).as(node.coverage().narrowing())
                .isLessThanOrEqualTo(CheckOptions.defaults().sampleSize() + 4);
        assertThat(report.forwardEvaluations()).as(node.coverage().narrowing()).isLessThan(1000);
    }

    @Test
    void aNodeWrongAtThousandsOfElementsConfirmsOneWhoseSamplesItDidNotKeep() {
        // more pending failures than a node keeps the samples of: the worst, element 4500, is confirmed from scratch
        int n = 5000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 + Math.sin(i) / 4;
        }
        Subject s = sum("Σ x³/3, every element off", v -> v * v * v / 3, v -> 1.5 * v * v);
        Subject worst = FunctionSubject.of("Σ x³/3, every element off, element 4500 most", in -> {
            Value v = in.value("x");
            double f = 0;
            for (int i = 0; i < v.size(); i++) {
                f += v.get(i) * v.get(i) * v.get(i) / 3;
            }
            return f;
        }, (in, out, u) -> {
            Value v = in.value("x");
            double[] d = new double[v.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = (i == 4500 ? 3 : 1.5) * v.get(i) * v.get(i) * u.asScalar();
            }
            return d;
        });
        for (Subject subject : List.of(s, worst)) {
            GradientReport report = check(subject, Point.of("x", x), CheckMode.FULL);
            NodeReport node = report.node("x").orElseThrow();
            assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(node.failedElements()).isEqualTo(n);
            assertThat(node.confirmedFailures()).isEqualTo(1);
            assertThat(confirmedFailure(node.worst())).isTrue();
            if (subject == worst) {
                assertThat(node.worst().index()).isEqualTo(4500);
            }
        }
    }
}
