package io.github.gradcheck.check;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The comparison at one element of one node, for one output cotangent.
 *
 * @param index the flat (row-major) element index
 * @param position the element's index as printed, e.g. {@code "[1,2]"}; empty for a scalar
 * @param cotangent which output cotangent (0 unless the full Jacobian is checked)
 * @param analytic the claimed gradient
 * @param numeric the measured gradient
 * @param errorEstimate the estimated error of the measurement
 * @param tolerance the largest |analytic − numeric| accepted
 * @param verdict the outcome
 * @param finding why an inconclusive comparison is inconclusive ({@link Finding#KINK},
 *     {@link Finding#COARSE}), or {@link Finding#INDEPENDENT} when the output does not depend
 *     on the element; {@link Finding#MEASURED} otherwise
 * @param noise the output's noise measured along this element, where it was measured (before a
 *     comparison the first family of steps did not pass); empty otherwise
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record ElementComparison(int index, String position, int cotangent, double analytic, double numeric,
                           double errorEstimate, double tolerance, Verdict verdict, Finding finding,
                           Optional<MeasuredNoise> noise) {

    /**
     * Validates.
     *
     * @param index see {@link #index()}
     * @param position see {@link #position()}
     * @param cotangent see {@link #cotangent()}
     * @param analytic see {@link #analytic()}
     * @param numeric see {@link #numeric()}
     * @param errorEstimate see {@link #errorEstimate()}
     * @param tolerance see {@link #tolerance()}
     * @param verdict see {@link #verdict()}, not null
     * @param finding see {@link #finding()}, not null
     * @param noise see {@link #noise()}, not null
     */
    public ElementComparison {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(noise, "noise");
    }

    /**
     * A comparison without a noise measurement.
     *
     * @param index see {@link #index()}
     * @param position see {@link #position()}
     * @param cotangent see {@link #cotangent()}
     * @param analytic see {@link #analytic()}
     * @param numeric see {@link #numeric()}
     * @param errorEstimate see {@link #errorEstimate()}
     * @param tolerance see {@link #tolerance()}
     * @param verdict see {@link #verdict()}, not null
     * @param finding see {@link #finding()}, not null
     */
    public ElementComparison(int index, String position, int cotangent, double analytic, double numeric,
                             double errorEstimate, double tolerance, Verdict verdict, Finding finding) {
        this(index, position, cotangent, analytic, numeric, errorEstimate, tolerance, verdict, finding,
                Optional.empty());
    }

    /** {@return |analytic − numeric|}, infinite when either is NaN */
    public double absoluteError() {
        double d = Math.abs(analytic - numeric);
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }

    /** {@return |analytic − numeric| / max(|analytic|, |numeric|)}, 0 when both are 0 */
    public double relativeError() {
        double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
        return scale == 0 ? (absoluteError() == 0 ? 0 : Double.POSITIVE_INFINITY) : absoluteError() / scale;
    }

    /** {@return how far past the tolerance this element is}: |analytic − numeric| / tolerance, above 1 when failed */
    public double severity() {
        return tolerance > 0 ? absoluteError() / tolerance : (absoluteError() == 0 ? 0 : Double.POSITIVE_INFINITY);
    }

    /**
     * {@return whether this element's gradient is significant}: its claimed or measured value is
     * above the tolerance (it is not zero within the measurement's accuracy), the measurement is
     * finite, and it is not {@linkplain Finding#NEGLIGIBLE too small to resolve on its own}. The
     * resolution of a report is taken over significant elements only.
     */
    public boolean significant() {
        return finding != Finding.NEGLIGIBLE && Double.isFinite(numeric)
                && Math.max(Math.abs(analytic), Math.abs(numeric)) > tolerance;
    }

    /**
     * {@return the relative resolution achieved}: tolerance / max(|analytic|, |numeric|), the
     * smallest relative error this comparison could have detected; infinite when both values are 0.
     */
    public double resolution() {
        double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
        return scale == 0 ? Double.POSITIVE_INFINITY : tolerance / scale;
    }
}
