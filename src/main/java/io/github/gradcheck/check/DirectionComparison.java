package io.github.gradcheck.check;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One comparison along a random direction (fast mode and narrowing): the directional
 * derivative of the output along a Gaussian direction {@code u} supported on the elements
 * {@code from} to {@code to − 1} of a node, measured by finite differences, against the
 * claimed gradient's dot product with {@code u}. The tolerance includes the cancellation
 * term Σ|g<sub>i</sub>·u<sub>i</sub>|.
 *
 * @param direction which direction of the node (numbered in the order they were drawn)
 * @param from the first flat element index the direction moves
 * @param to one past the last
 * @param cotangent which output cotangent
 * @param analytic ⟨claimed gradient, u⟩
 * @param numeric the measured directional derivative
 * @param errorEstimate the estimated error of the measurement
 * @param tolerance the largest |analytic − numeric| accepted
 * @param verdict the outcome
 * @param finding as for an {@link ElementComparison}
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record DirectionComparison(int direction, int from, int to, int cotangent, double analytic, double numeric,
                             double errorEstimate, double tolerance, Verdict verdict, Finding finding) {

    /**
     * Validates.
     *
     * @param direction see {@link #direction()}
     * @param from see {@link #from()}
     * @param to see {@link #to()}
     * @param cotangent see {@link #cotangent()}
     * @param analytic see {@link #analytic()}
     * @param numeric see {@link #numeric()}
     * @param errorEstimate see {@link #errorEstimate()}
     * @param tolerance see {@link #tolerance()}
     * @param verdict see {@link #verdict()}, not null
     * @param finding see {@link #finding()}, not null
     */
    public DirectionComparison {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(finding, "finding");
    }

    /**
     * {@return how far past the tolerance this comparison is}: |analytic − numeric| / tolerance,
     * above 1 when failed (infinite when either value is NaN)
     */
    public double severity() {
        double d = Math.abs(analytic - numeric);
        if (Double.isNaN(d)) {
            return Double.POSITIVE_INFINITY;
        }
        return tolerance > 0 ? d / tolerance : (d == 0 ? 0 : Double.POSITIVE_INFINITY);
    }
}
