package io.github.gradcheck.junit;

import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.junit.Trials.Outcome;
import io.github.gradcheck.model.Point;
import java.util.Optional;
import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;

/**
 * The failure of a {@link GradientCheck @GradientCheck} test: what the extension throws when a
 * try fails, carrying what the message says as values, so that a test or a tool can read
 * the seed, the points and the reports instead of parsing the message.
 *
 * <p>Its message is the failure text shown in the IDE and the build report. It is thrown for
 * every way a try can fail:
 * <ul>
 *   <li><b>wrong gradients</b>: both points and both {@linkplain #firstReport reports} are
 *       present; there is no {@linkplain #getCause cause};</li>
 *   <li><b>a wrong Jacobian or Hessian</b> (a subject that claims one): both points and both
 *       {@linkplain #firstMatrixReport matrix reports} are present; there is no cause;</li>
 *   <li><b>the subject threw</b>: the cause is the {@link io.github.gradcheck.model.SubjectException}
 *       at the shrunk point, or a {@link io.github.gradcheck.check.CheckAbortedException} when the
 *       check was stopped (a time limit, an interrupt), then not shrunk; both points are present,
 *       the reports absent;</li>
 *   <li><b>the point source or the check itself threw</b>: the cause is that exception; the
 *       {@linkplain #firstPoint first point} is present when one was drawn; the shrunk point and
 *       the reports are absent.</li>
 * </ul>
 * A misconfigured method fails with JUnit's {@code ExtensionConfigurationException} instead,
 * and a method whose every point was inconclusive is aborted with opentest4j's
 * {@code TestAbortedException}.
 *
 * <pre>{@code
 * GradientCheckFailure f = (GradientCheckFailure) result.getThrowable().orElseThrow();
 * long seed = f.seed();                        // re-run with -Dgradcheck.seed=<seed>
 * Optional<String> node = f.shrunkReport().flatMap(r -> r.blame().origin());
 * }</pre>
 *
 * <p>The points and reports are not serialized with the exception; after deserialization
 * they are absent, while the message, the seed and the try number remain.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class GradientCheckFailure extends AssertionFailedError {

    private static final long serialVersionUID = 1L;

    /** The master seed of the run. */
    private final long seed;
    /** The 1-based number of the try that failed. */
    private final int tryNumber;
    private final transient Point firstPoint;
    private final transient Point shrunkPoint;
    private final transient GradientReport firstReport;
    private final transient GradientReport shrunkReport;
    private final transient JacobianReport firstMatrixReport;
    private final transient JacobianReport shrunkMatrixReport;
    private final transient TangentReport firstTangentReport;
    private final transient TangentReport shrunkTangentReport;

    /** The failure of {@code failure}, with the message the extension rendered for it. */
    GradientCheckFailure(String message, long seed, Outcome.Failure failure) {
        super(message, failure.cause().orElse(null));
        this.seed = seed;
        this.tryNumber = failure.tryNumber();
        this.firstPoint = failure.firstPoint().orElse(null);
        this.shrunkPoint = failure instanceof Outcome.ShrunkFailure shrunk ? shrunk.shrink().simplest() : null;
        Outcome.WrongGradient wrong = failure instanceof Outcome.WrongGradient w ? w : null;
        this.firstReport = wrong == null ? null : wrong.firstReport();
        this.shrunkReport = wrong == null ? null : wrong.shrunkReport();
        Outcome.WrongDerivative matrix = failure instanceof Outcome.WrongDerivative w ? w : null;
        this.firstMatrixReport = matrix == null ? null : matrix.firstReport();
        this.shrunkMatrixReport = matrix == null ? null : matrix.shrunkReport();
        Outcome.WrongTangents tangents = failure instanceof Outcome.WrongTangents w ? w : null;
        this.firstTangentReport = tangents == null ? null : tangents.firstReport();
        this.shrunkTangentReport = tangents == null ? null : tangents.shrunkReport();
    }

    /**
     * {@return the master seed of the run} Every try's point and check derive from it: passing
     * it as {@code -Dgradcheck.seed=<seed>} (or {@code @GradientCheck(seed = <seed>L)})
     * reproduces this failure.
     */
    public long seed() {
        return seed;
    }

    /**
     * {@return the 1-based number of the try that failed} Inconclusive draws before it count
     * as tries, as in the message's "found at try".
     */
    public int tryNumber() {
        return tryNumber;
    }

    /**
     * {@return the failing point as first drawn} Empty when the point source threw before
     * giving one.
     */
    public Optional<Point> firstPoint() {
        return Optional.ofNullable(firstPoint);
    }

    /**
     * {@return the simplest point found that still fails the same way} The same as
     * {@link #firstPoint} when shrinking found nothing simpler (or was turned off); empty when
     * the failure was not one that is shrunk (the point source or the check itself threw).
     */
    public Optional<Point> shrunkPoint() {
        return Optional.ofNullable(shrunkPoint);
    }

    /**
     * {@return the engine's report at the point as first found} Present only when the claimed
     * gradients are wrong.
     */
    public Optional<GradientReport> firstReport() {
        return Optional.ofNullable(firstReport);
    }

    /**
     * {@return the engine's report at the shrunk point} The one the message shows first and the
     * attached files {@code gradcheck-report.json} and {@code .html} hold (the message and the
     * {@code -first-found} files also show {@link #firstReport}); the same as {@link #firstReport}
     * when shrinking found nothing simpler. Present only when the claimed gradients are wrong.
     */
    public Optional<GradientReport> shrunkReport() {
        return Optional.ofNullable(shrunkReport);
    }

    /**
     * {@return the report of the Jacobian or Hessian check at the point as first found} Present only
     * when the subject claims a Jacobian or a Hessian and it is wrong.
     *
     * @since 0.1.0
     */
    public Optional<JacobianReport> firstMatrixReport() {
        return Optional.ofNullable(firstMatrixReport);
    }

    /**
     * {@return the report of the Jacobian or Hessian check at the shrunk point} The one the message
     * shows; present only when the subject claims a Jacobian or a Hessian and it is wrong.
     *
     * @since 0.1.0
     */
    public Optional<JacobianReport> shrunkMatrixReport() {
        return Optional.ofNullable(shrunkMatrixReport);
    }

    /**
     * {@return the report of the tangent check at the point as first found} Present only when the
     * subject's tangent rules were checked ({@code check.tangentsOf(...)}) and are wrong.
     *
     * @since 0.1.0
     */
    public Optional<TangentReport> firstTangentReport() {
        return Optional.ofNullable(firstTangentReport);
    }

    /**
     * {@return the report of the tangent check at the shrunk point} The one the message shows and
     * the attached files hold; present only when the subject's tangent rules were checked and are
     * wrong.
     *
     * @since 0.1.0
     */
    public Optional<TangentReport> shrunkTangentReport() {
        return Optional.ofNullable(shrunkTangentReport);
    }
}
