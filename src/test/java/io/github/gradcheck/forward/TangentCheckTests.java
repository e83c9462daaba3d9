package io.github.gradcheck.forward;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.examples.forward.WorkedExampleTangents;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.GraphSubject;
import io.github.gradcheck.subject.Op;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Forward mode node by node: the tangent rules of a graph's ops, blamed going forward. */
class TangentCheckTests {

    @Test
    void rightTangentRulesPassAtEveryNode() {
        TangentReport r = GradCheck.checkTangents(WorkedExampleTangents.graph(false), WorkedExampleTangents.POINT);
        Assertions.assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
        Assertions.assertThat(r.nodes()).extracting(n -> n.name())
                .containsExactly("sigy", "num", "sigx", "xpy", "xpysqr", "den", "invden", "f");
        Assertions.assertThat(r.producers().get("den")).containsExactly("sigx", "xpysqr");
        Assertions.assertThat(r.identities()).allSatisfy(i -> Assertions.assertThat(i.verdict()).isEqualTo(Verdict.PASS));
        Assertions.assertThat(r.nodes()).allSatisfy(n -> Assertions.assertThat(n.elements()).hasSize(2));
    }

    @Test
    void aWrongTangentRuleIsBlamedGoingForwardOnItsOpAndArgument() {
        TangentReport r = GradCheck.checkTangents(WorkedExampleTangents.graph(true), WorkedExampleTangents.POINT);
        Assertions.assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        Assertions.assertThat(r.blame().origin()).contains("invden");
        Assertions.assertThat(r.blame().consequences()).containsExactly("f");
        Assertions.assertThat(r.blame().wrongEdges()).singleElement().satisfies(e -> {
            Assertions.assertThat(e.edge().producer()).isEqualTo("den");
            Assertions.assertThat(e.edge().consumer()).isEqualTo("invden");
        });
        Assertions.assertThat(Diagnoses.of(r).forNode("invden").orElseThrow().kind()).isEqualTo(DiagnosisKind.WRONG_SIGN);
        // its tangent rule and its backward disagree: the adjoint test names the op, no difference needed
        Assertions.assertThat(r.failedIdentities()).allSatisfy(i -> Assertions.assertThat(i.where())
                .startsWith("op 'invden'"));
        Assertions.assertThat(TextReport.render(r)).contains("verdict: WRONG: the first wrong node going forward is"
                + " 'invden'").contains("blame: 'invden' is the first node, going forward, whose tangent is wrong while"
                + " the tangents of its producers (den) are right");
        assertThat(WorkedExampleTangents.graph(true)).at(WorkedExampleTangents.POINT).hasWrongTangentAt("invden");
        assertThat(WorkedExampleTangents.graph(false)).at(WorkedExampleTangents.POINT).hasCorrectTangents();
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(WorkedExampleTangents.graph(true))
                .at(WorkedExampleTangents.POINT).hasCorrectTangents())
                .withMessageContaining("but node 'invden' is the first wrong node going forward");
    }

    static final Op TIMES_TWO = Op.of(in -> 2 * in.scalar(0), (in, out, g) -> 3 * g.asScalar())  // backward wrong
            .withTangent((in, out, t) -> 2 * t.scalar(0));

    @Test
    void aRightTangentRuleWithAWrongBackwardFailsOnlyTheAdjointTest() {
        GraphSubject g = GraphSubject.builder("twice").input("x").op("y", TIMES_TWO, "x").build();
        TangentReport r = GradCheck.checkTangents(g, Point.of("x", 0.3));
        Assertions.assertThat(r.tangentVerdict()).isEqualTo(Verdict.PASS);
        Assertions.assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        Assertions.assertThat(r.failedIdentities()).extracting(IdentityCheck::where).allMatch(w -> w.startsWith("op 'y'"));
        Assertions.assertThat(TextReport.render(r)).contains("WRONG: the tangent rule of op 'y' disagrees with its"
                + " backward");
    }

    @Test
    void vectorNodesAreComparedElementByElement() {
        // y = W·x for a fixed W; the tangent rule forgets the last column
        double[][] w = {{1, 2, -1}, {0.5, -3, 2}};
        Op matvec = Op.of(in -> {
            double[] x = in.vector(0);
            return new double[] {w[0][0] * x[0] + w[0][1] * x[1] + w[0][2] * x[2],
                w[1][0] * x[0] + w[1][1] * x[1] + w[1][2] * x[2]};
        }, (in, out, g) -> {
            double[] gy = g.asVector();
            return new double[] {w[0][0] * gy[0] + w[1][0] * gy[1], w[0][1] * gy[0] + w[1][1] * gy[1],
                w[0][2] * gy[0] + w[1][2] * gy[1]};
        }).withTangent((in, out, t) -> {
            double[] tx = t.vector(0);
            return new double[] {w[0][0] * tx[0] + w[0][1] * tx[1], w[1][0] * tx[0] + w[1][1] * tx[1]};
        });
        Op sum = Op.of(in -> in.vector(0)[0] + in.vector(0)[1], (in, out, g) -> new double[] {g.asScalar(),
            g.asScalar()}).withTangent((in, out, t) -> t.vector(0)[0] + t.vector(0)[1]);
        GraphSubject g = GraphSubject.builder("matvec").input("x").op("y", matvec, "x").op("s", sum, "y").build();
        TangentReport r = GradCheck.checkTangents(g, Point.of("x", new double[] {0.2, -0.7, 1.1}));
        Assertions.assertThat(r.blame().origin()).contains("y");
        Assertions.assertThat(r.node("y").orElseThrow().elements()).hasSize(4); // 2 elements × 2 tangents
    }

    @Test
    void opsWithoutTangentRulesAndOtherSubjectsAreErrorsThatSayWhatToDo() {
        assertThatThrownBy(() -> GradCheck.checkTangents(WorkedExample.graph(false), WorkedExample.POINT))
                .isInstanceOf(SubjectException.class).hasMessageContaining("node 'sigy': has no tangent rule; give"
                        + " every op of the graph one with Op.withTangent");
        assertThatThrownBy(() -> GradCheck.checkTangents(WorkedExample.function(false), WorkedExample.POINT))
                .isInstanceOf(SubjectException.class).hasMessageContaining("forward mode is checked node by node on a"
                        + " graph of ops with tangent rules");
    }

    @Test
    void tracedCodeReportsItsTangentsAndIsBlamedInTheOrderItRecordsItsNodes() {
        TangentReport right = GradCheck.checkTangents(WorkedExampleTangents.traced(false), WorkedExampleTangents.POINT);
        Assertions.assertThat(right.verdict()).as(TextReport.render(right)).isEqualTo(Verdict.PASS);
        Assertions.assertThat(right.identities()).isEmpty(); // traced code has no local rules to test alone
        TangentReport wrong = GradCheck.checkTangents(WorkedExampleTangents.traced(true), WorkedExampleTangents.POINT);
        Assertions.assertThat(wrong.blame().origin()).contains("invden");
        Assertions.assertThat(wrong.blame().consequences()).containsExactly("f");
        Assertions.assertThat(TextReport.render(wrong)).contains("'invden' is the first node, in the order the forward"
                + " records them, whose tangent is wrong").contains("wrong later (consequences, or errors of their own): f");
        assertThat(WorkedExampleTangents.traced(true)).at(WorkedExampleTangents.POINT).hasWrongTangentAt("invden");
    }

    @Test
    void tangentCodeThatForgetsANodeOrReadsATangentEarlyIsAnError() {
        io.github.gradcheck.subject.TracedSubject forgets = io.github.gradcheck.subject.TracedSubject.of("forgets",
                t -> t.output("f", t.node("h", 2 * t.scalar("x")) + 1), t -> { })
                .withTangents(t -> t.tangent("f", 2 * t.scalarTangent("x")));
        assertThatThrownBy(() -> GradCheck.checkTangents(forgets, Point.of("x", 1.0)))
                .isInstanceOf(SubjectException.class).hasMessageContaining("node 'h': the tangent code reported no"
                        + " tangent for node [h]");
        io.github.gradcheck.subject.TracedSubject early = io.github.gradcheck.subject.TracedSubject.of("early",
                t -> t.output("f", t.node("h", 2 * t.scalar("x")) + 1), t -> { })
                .withTangents(t -> {
                    t.tangent("f", t.scalarTangent("h"));
                    t.tangent("h", 2 * t.scalarTangent("x"));
                });
        assertThatThrownBy(() -> GradCheck.checkTangents(early, Point.of("x", 1.0)))
                .isInstanceOf(SubjectException.class).hasMessageContaining("the tangent of node 'h' was read before it"
                        + " was reported");
        assertThatThrownBy(() -> GradCheck.checkTangents(WorkedExample.traced(false), WorkedExample.POINT))
                .isInstanceOf(SubjectException.class).hasMessageContaining("traced code needs tangent code");
    }

    @Test
    void theSameCheckMeasuresTheSame() {
        TangentReport a = GradCheck.checkTangents(WorkedExampleTangents.graph(true), WorkedExampleTangents.POINT);
        TangentReport b = GradCheck.checkTangents(WorkedExampleTangents.graph(true), WorkedExampleTangents.POINT);
        Assertions.assertThat(a.nodes()).isEqualTo(b.nodes());
        Assertions.assertThat(a.identities()).isEqualTo(b.identities());
    }
}
