package io.github.gradcheck.docs;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.examples.forward.LogisticRegression;
import io.github.gradcheck.examples.forward.Normalize;
import io.github.gradcheck.examples.forward.RangeBearing;
import io.github.gradcheck.examples.forward.WorkedExampleTangents;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.DoubleBackward;
import io.github.gradcheck.subject.HessianSubject;
import io.github.gradcheck.subject.JacobianSubject;
import io.github.gradcheck.subject.JvpSubject;
import io.github.gradcheck.subject.Op;
import io.github.gradcheck.subject.ValueAndJacobian;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The code of docs/forward-and-second-order.md, run: each snippet is here, and what the page says is asserted. */
class ForwardGuideTests {

    static final Path PAGE = Path.of("docs", "forward-and-second-order.md");

    // ---- a Jacobian with its value ---------------------------------------------------------------

    static double[] rangeAndBearing(double[] pose, double[] landmark) {
        double dx = landmark[0] - pose[0];
        double dy = landmark[1] - pose[1];
        return new double[] {Math.hypot(dx, dy), Math.atan2(dy, dx) - pose[2]};
    }

    static double[][] measurementJacobian(double[] pose, double[] landmark) {
        double dx = landmark[0] - pose[0];
        double dy = landmark[1] - pose[1];
        double q = dx * dx + dy * dy;
        double r = Math.sqrt(q);
        return new double[][] {
            {-dx / r, -dy / r, 0},
            {-dy / q, dx / q, -1},    // the bug: the signs of the bearing row are flipped
        };
    }

    static JacobianSubject ekf() {
        JacobianSubject ekf = JacobianSubject.of("EKF measurement",
                in -> rangeAndBearing(in.vector("pose"), in.vector("landmark")),
                in -> measurementJacobian(in.vector("pose"), in.vector("landmark")));
        return ekf;
    }

    static final Point EKF_POINT = Point.builder()
            .input("pose", new double[] {1.0, 2.0, 0.3})
            .constant("landmark", new double[] {4.0, 6.0})
            .build();

    @Test
    void theEkfReportIsTheOneShown() throws Exception {
        JacobianSubject ekf = ekf();
        String printed = Console.printedBy(() -> {
            JacobianReport report = GradCheck.checkForward(ekf, EKF_POINT);
            System.out.println(GradCheck.describe(report));
        });
        Markdown.assertExcerpt(Markdown.blockStartingWith(PAGE, "gradcheck: Jacobian of subject 'EKF measurement'"),
                printed);
    }

    static JacobianSubject exponentialDecay() {
        JacobianSubject decay = JacobianSubject.of("exponential decay", in -> {
            double[] theta = in.vector("theta");
            double[] t = in.vector("t");
            double[] y = in.vector("y");
            double[] residuals = new double[t.length];
            double[][] jacobian = new double[t.length][2];
            for (int k = 0; k < t.length; k++) {
                double e = Math.exp(-theta[1] * t[k]);
                residuals[k] = theta[0] * e - y[k];
                jacobian[k][0] = e;                      // ∂r_k/∂A
                jacobian[k][1] = -theta[0] * t[k] * e;   // ∂r_k/∂λ
            }
            return ValueAndJacobian.of(residuals, jacobian);
        });
        return decay;
    }

    @Test
    void theValueWithItsJacobianPasses() {
        Point point = Point.builder().input("theta", new double[] {2.0, 0.5})
                .constant("t", new double[] {0.0, 0.5, 1.0, 1.5, 2.0, 3.0})
                .constant("y", new double[] {2.05, 1.58, 1.19, 0.96, 0.71, 0.42}).build();
        Assertions.assertThat(GradCheck.checkForward(exponentialDecay(), point).passed()).isTrue();
    }

    // ---- JVPs -------------------------------------------------------------------------------------

    @Test
    void aJvpIsCheckedColumnByColumn() {
        JvpSubject sinCos = JvpSubject.of("sin-cos",
                in -> new double[] {Math.sin(in.scalar("x")), Math.cos(in.scalar("x"))},
                (in, out, t) -> new double[] {Math.cos(in.scalar("x")) * t.scalar("x"),
                                              -Math.sin(in.scalar("x")) * t.scalar("x")});
        JacobianReport report = GradCheck.checkForward(sinCos, Point.of("x", 0.3));
        Assertions.assertThat(report.passed()).isTrue();
        Assertions.assertThat(report.entries()).hasSize(2);
    }

    @Test
    void fastModeForLargeInputs() {
        double[] x = new double[10_000];
        for (int k = 0; k < x.length; k++) {
            x[k] = Math.sin(k);
        }
        JacobianSubject s = JacobianSubject.of("softplus sum", in -> {
            double sum = 0;
            for (double v : in.vector("x")) {
                sum += Math.log1p(Math.exp(v));
            }
            return sum;
        }, in -> {
            double[] v = in.vector("x");
            double[] g = new double[v.length];
            for (int k = 0; k < v.length; k++) {
                g[k] = 1 / (1 + Math.exp(-v[k]));
            }
            return g;
        });
        JacobianReport report = GradCheck.checkForward(s, Point.of("x", x),
                CheckOptions.defaults().withMode(CheckMode.FAST));
        Assertions.assertThat(report.passed()).isTrue();
        Assertions.assertThat(report.forwardEvaluations()).isLessThan(600); // "a few hundred"
    }

    // ---- the adjoint test -------------------------------------------------------------------------

    static JvpSubject normalize() {
        JvpSubject normalize = JvpSubject.of("normalize",
                in -> Normalize.normalized(in.vector("x")),
                (in, out, t) -> Normalize.project(out.asVector(), t.vector("x"), Normalize.norm(in.vector("x"))))
                .withVjp((in, out, u) -> Normalize.project(out.asVector(), u.asVector(),
                        Math.pow(Normalize.norm(in.vector("x")), 2)));   // the bug: ‖x‖² where ‖x‖ belongs
        return normalize;
    }

    @Test
    void theAdjointReportIsTheOneShown() {
        JacobianReport report = GradCheck.checkForward(normalize(), Point.of("x", new double[] {3.0, -1.0, 2.0}));
        Assertions.assertThat(report.matrixVerdict()).isEqualTo(Verdict.PASS);
        Markdown.assertExcerpt(Markdown.blockStartingWith(PAGE, "gradcheck: Jacobian–vector products of subject"
                + " 'normalize'"), GradCheck.describe(report));
    }

    // ---- Hessians ---------------------------------------------------------------------------------

    /** f(w) = log(1 + e^(w0·w1)) + w2²: a small scalar function. */
    static double f(double[] w) {
        return Math.log1p(Math.exp(w[0] * w[1])) + w[2] * w[2];
    }

    static double[] gradientOfF(double[] w) {
        double s = 1 / (1 + Math.exp(-w[0] * w[1]));
        return new double[] {s * w[1], s * w[0], 2 * w[2]};
    }

    static double[][] hessianOfF(double[] w) {
        double s = 1 / (1 + Math.exp(-w[0] * w[1]));
        double v = s * (1 - s);
        return new double[][] {
            {v * w[1] * w[1], v * w[0] * w[1] + s, 0},
            {v * w[0] * w[1] + s, v * w[0] * w[0], 0},
            {0, 0, 2},
        };
    }

    static double[] hvpOfF(double[] w, double[] d) {
        double[][] h = hessianOfF(w);
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[i] += h[i][j] * d[j];
            }
        }
        return out;
    }

    @Test
    void theFourWaysToDeclareAHessian() {
        HessianSubject withGradient = HessianSubject.of("f", in -> f(in.vector("w")),
                in -> gradientOfF(in.vector("w")), in -> hessianOfF(in.vector("w")));
        HessianSubject withoutGradient = HessianSubject.of("f", in -> f(in.vector("w")),
                in -> hessianOfF(in.vector("w")));
        HessianSubject products = HessianSubject.ofProducts("f", in -> f(in.vector("w")),
                in -> gradientOfF(in.vector("w")), (in, v) -> hvpOfF(in.vector("w"), v.vector("w")));
        HessianSubject productsWithoutGradient = HessianSubject.ofProducts("f", in -> f(in.vector("w")),
                (in, v) -> hvpOfF(in.vector("w"), v.vector("w")));
        Point point = Point.of("w", new double[] {0.5, -0.8, 1.2});
        for (HessianSubject s : new HessianSubject[] {withGradient, withoutGradient, products, productsWithoutGradient}) {
            JacobianReport report = GradCheck.checkHessian(s, point);
            Assertions.assertThat(report.verdict()).as(GradCheck.describe(report)).isEqualTo(Verdict.PASS);
        }
        Assertions.assertThat(GradCheck.checkHessian(withoutGradient, point).measurement())
                .isEqualTo(JacobianReport.Measurement.SECOND_DIFFERENCES);
    }

    // ---- a double backward ------------------------------------------------------------------------

    @Test
    void aDoubleBackwardIsASubjectOfItsOwn() {
        Op square = Op.of(in -> in.scalar(0) * in.scalar(0),
                (in, out, gOut) -> 2 * in.scalar(0) * gOut.asScalar());
        DoubleBackward squareTwice = DoubleBackward.of("square", square,
                (in, out, gOut, w) -> new Object[] {
                    2 * gOut.asScalar() * w.scalar("x"),    // ∂/∂x of ⟨w, 2·x·g⟩
                    2 * in.scalar("x") * w.scalar("x")});   // ∂/∂g of ⟨w, 2·x·g⟩
        GradientReport first = GradCheck.check(squareTwice.firstOrder(), Point.of("x", 1.5));
        GradientReport second = GradCheck.check(squareTwice, Point.of("x", 1.5, DoubleBackward.GRAD_OUTPUT, 0.7));
        Assertions.assertThat(first.passed()).isTrue();
        Assertions.assertThat(second.passed()).isTrue();
        Assertions.assertThat(second.nodes()).extracting(n -> n.name()).containsExactly("backward", "gradOutput", "x");
    }

    // ---- front-ends -------------------------------------------------------------------------------

    @Test
    void assertJ() {
        assertThat(ekf()).at(EKF_POINT).hasWrongJacobianEntry(1, 0).hasCorrectJacobianEntry(0, 0);
        assertThat(LogisticRegression.subject(LogisticRegression.Bug.MISSING_REGULARISER)).at(LogisticRegression.POINT)
                .hasCorrectGradient().hasWrongHessianEntry(0, 0).hasCorrectHessianEntry(0, 1);
    }

    /** The reports the page shows, for {@link ShownReportsTests}: its own, and the demo's last two. */
    static java.util.List<String> shownReports() {
        return java.util.List.of(
                GradCheck.describe(GradCheck.checkForward(ekf(), EKF_POINT)),
                GradCheck.describe(GradCheck.checkForward(normalize(), Point.of("x", new double[] {3.0, -1.0, 2.0}))),
                GradCheck.describe(GradCheck.checkForward(RangeBearing.subject(RangeBearing.Bug.FLIPPED_BEARING_SIGN),
                        RangeBearing.POINT)),
                GradCheck.describe(GradCheck.checkHessian(LogisticRegression.subject(
                        LogisticRegression.Bug.MISSING_REGULARISER), LogisticRegression.POINT)),
                GradCheck.describe(GradCheck.checkHessian(LogisticRegression.withoutGradient(
                        LogisticRegression.Bug.NONE), LogisticRegression.POINT)),
                GradCheck.describe(GradCheck.checkTangents(WorkedExampleTangents.graph(true),
                        WorkedExampleTangents.POINT)),
                GradCheck.describe(GradCheck.checkTangents(io.github.gradcheck.examples.forward.LayerTangents.network(
                        io.github.gradcheck.examples.forward.LayerTangents.Bug.FORGOTTEN_BIAS_TANGENT),
                        io.github.gradcheck.examples.forward.LayerTangents.POINT)));
    }
}
