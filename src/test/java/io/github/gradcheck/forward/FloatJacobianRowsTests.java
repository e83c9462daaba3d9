package io.github.gradcheck.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.report.TextReport;
import io.github.gradcheck.subject.JacobianSubject;
import org.junit.jupiter.api.Test;

/**
 * Each output component of a float Jacobian carries the rounding of its own first-order terms:
 * a row of softmax whose probability is 1e-5 is measured against its own noise floor, not
 * against the largest row's.
 */
class FloatJacobianRowsTests {

    /** Logits whose softmax is (0.013, 0.97, 5.3e-6, 5.7e-5, 0.06): rows 2 and 3 are tiny. */
    private static final float[] LOGITS = {1.0830570f, 5.4524527f, -6.660383f, -4.285975f, 2.6960742f};

    private static float[] softmax(float[] x) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            m = Math.max(m, v);
        }
        float s = 0;
        float[] p = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = (float) Math.exp(x[i] - m);
            s += p[i];
        }
        for (int i = 0; i < x.length; i++) {
            p[i] /= s;
        }
        return p;
    }

    /** float32 softmax with its Jacobian diag(p) − p pᵀ, entry (row, column) scaled by {@code factor}. */
    private static JacobianSubject softmax(int row, int column, double factor) {
        return JacobianSubject.of("float32 softmax", in -> softmax(in.floatVector("x")), in -> {
            float[] p = softmax(in.floatVector("x"));
            float[][] j = new float[p.length][p.length];
            for (int a = 0; a < p.length; a++) {
                for (int b = 0; b < p.length; b++) {
                    j[a][b] = (a == b ? p[a] : 0) - p[a] * p[b];
                }
            }
            j[row][column] = (float) (j[row][column] * factor);
            return j;
        });
    }

    @Test
    void aTinyRowIsResolvedOnItsOwnScale() {
        JacobianReport r = GradCheck.checkForward(softmax(0, 0, 1), Point.of("x", LOGITS));
        assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
        JacobianEntry diagonal = r.entry(3, 3).orElseThrow();
        // before: its tolerance came from the largest row's Σ|J·x| (3.3e-6 against an entry of 5.7e-5, 6%), and
        // every entry of the row was measured again by high-order differences (690 forward evaluations)
        assertThat(diagonal.comparison().tolerance()).as(TextReport.render(r))
                .isLessThan(5e-4 * Math.abs(diagonal.analytic()));
        assertThat(r.forwardEvaluations()).isEqualTo(382);
    }

    @Test
    void aBugOfOneInAThousandInATinyRowIsCaught() {
        JacobianReport r = GradCheck.checkForward(softmax(3, 3, 1 + 1e-3), Point.of("x", LOGITS));
        assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.FAIL);
        assertThat(r.wrongEntries()).extracting(e -> e.row() + "," + e.column()).containsExactly("3,3");
    }
}
