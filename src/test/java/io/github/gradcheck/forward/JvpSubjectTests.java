package io.github.gradcheck.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.DerivativeKind;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.JvpSubject;
import org.junit.jupiter.api.Test;

/** Jacobian–vector products: columns and random tangents against directional differences; the adjoint test. */
class JvpSubjectTests {

    /** f(x, w) = (Σ w_k·tanh(x_k), x_0·x_1·w_2), x [3], w [3]. */
    static double[] f(double[] x, double[] w) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
            s += w[k] * Math.tanh(x[k]);
        }
        return new double[] {s, x[0] * x[1] * w[2]};
    }

    /** J·t, with {@code bug} added to ∂f_1/∂x_1 and the tangent's size ignored when {@code ignoreScale}. */
    static double[] jvp(double[] x, double[] w, double[] tx, double[] tw, double bug) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
            double c = 1 / Math.cosh(x[k]);
            s += w[k] * c * c * tx[k] + Math.tanh(x[k]) * tw[k];
        }
        double p = x[1] * w[2] * tx[0] + (x[0] * w[2] + bug) * tx[1] + x[0] * x[1] * tw[2];
        return new double[] {s, p};
    }

    /** Jᵀ·u, scaled by {@code 1 + mismatch}. */
    static Object[] vjp(double[] x, double[] w, double[] u, double mismatch) {
        double[] gx = new double[3];
        double[] gw = new double[3];
        for (int k = 0; k < 3; k++) {
            double c = 1 / Math.cosh(x[k]);
            gx[k] = u[0] * w[k] * c * c;
            gw[k] = u[0] * Math.tanh(x[k]);
        }
        gx[0] += u[1] * x[1] * w[2];
        gx[1] += u[1] * x[0] * w[2];
        gw[2] += u[1] * x[0] * x[1];
        for (int k = 0; k < 3; k++) {
            gx[k] *= 1 + mismatch;
            gw[k] *= 1 + mismatch;
        }
        return new Object[] {gx, gw};
    }

    static JvpSubject subject(double bug) {
        return JvpSubject.of("tanh-sum", in -> f(in.vector("x"), in.vector("w")),
                (in, out, t) -> jvp(in.vector("x"), in.vector("w"), t.vector("x"), t.vector("w"), bug));
    }

    static final Point P = Point.of("x", new double[] {0.3, -0.8, 1.1}, "w", new double[] {0.5, 1.5, -2.0});

    @Test
    void aRightJvpPassesEveryColumn() {
        JacobianReport r = GradCheck.checkForward(subject(0), P);
        assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
        assertThat(r.kind()).isEqualTo(DerivativeKind.JVP);
        assertThat(r.entries()).hasSize(12);
        assertThat(r.claimEvaluations()).isEqualTo(6); // one JVP per column
        assertThat(r.identities()).isEmpty();
    }

    @Test
    void aWrongJvpEntryIsNamed() {
        JacobianReport r = GradCheck.checkForward(subject(1e-6), P);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.wrongEntries()).extracting(JacobianEntry::rowLabel, JacobianEntry::columnLabel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("output[1]", "x[1]"));
        assertThat(Diagnoses.of(r).all().get(0).sentence()).startsWith("one entry of J is wrong, J[1,1]");
    }

    @Test
    void aJvpThatIgnoresTheSizeOfItsTangentIsCaught() {
        // returns J·(t/|t|) for a one-hot t: right for unit tangents only
        JvpSubject ignores = JvpSubject.of("ignores the tangent's size", in -> Math.exp(in.scalar("x")),
                (in, out, t) -> Math.exp(in.scalar("x")) * Math.signum(t.scalar("x")));
        JacobianReport r = GradCheck.checkForward(ignores, Point.of("x", 0.2));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void fastModeUsesRandomTangentsThroughEachInput() {
        JacobianReport r = GradCheck.checkForward(subject(1e-3), P, CheckOptions.defaults().withMode(CheckMode.FAST)
                .withSampleSize(1).withDirections(1));
        assertThat(r.blocks()).allSatisfy(b -> assertThat(b.tangents()).hasSize(2)); // one tangent, each output component
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.wrongEntries()).extracting(JacobianEntry::column).containsOnly(1);
    }

    @Test
    void aJvpOfTheWrongShapeIsAnError() {
        JvpSubject bad = JvpSubject.of("bad", in -> new double[] {in.scalar("x"), 2 * in.scalar("x")},
                (in, out, t) -> t.scalar("x"));
        assertThatThrownBy(() -> GradCheck.checkForward(bad, Point.of("x", 1.0))).isInstanceOf(SubjectException.class)
                .hasMessageContaining("the JVP returned a tangent of shape scalar but the output has shape [2]");
    }

    // ---- the adjoint test -----------------------------------------------------------------------

    static JvpSubject withVjp(double mismatch) {
        return subject(0).withVjp((in, out, u) -> vjp(in.vector("x"), in.vector("w"), u.asVector(), mismatch));
    }

    @Test
    void aVjpThatAgreesWithTheJvpPassesTheAdjointTest() {
        JacobianReport r = GradCheck.checkForward(withVjp(0), P);
        assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
        assertThat(r.identities()).hasSize(4).allSatisfy(i -> {
            assertThat(i.identity()).isEqualTo(IdentityCheck.Identity.ADJOINT);
            assertThat(i.verdict()).isEqualTo(Verdict.PASS);
        });
        assertThat(TextReport.render(r)).contains("adjoint: ⟨u, J·t⟩ = ⟨Jᵀ·u, t⟩ holds to rounding (4 random pairs (u, t);");
    }

    @Test
    void theAdjointTestCatchesAMismatchOfOnePartInATrillion() {
        JacobianReport r = GradCheck.checkForward(withVjp(1e-12), P);
        assertThat(r.matrixVerdict()).isEqualTo(Verdict.PASS); // no finite difference could see it
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.failedIdentities()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Diagnoses.of(r).all().get(0).sentence()).contains("the JVP and the VJP disagree")
                .contains("so the VJP is the wrong one");
        assertThat(TextReport.render(r)).contains("WRONG: the JVP and the VJP disagree");
    }

    @Test
    void aJvpSubjectWithAVjpIsAReverseModeSubjectToo() {
        assertThat(subject(0).asSubject()).isEmpty();
        assertThat(GradCheck.check(withVjp(0).asSubject().orElseThrow(), P).passed()).isTrue();
        assertThat(GradCheck.check(withVjp(1e-3).asSubject().orElseThrow(), P).verdict()).isEqualTo(Verdict.FAIL);
    }
}
