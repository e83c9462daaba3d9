package io.github.gradcheck.internal.numeric;

import org.apiguardian.api.API;

/**
 * A numerically measured derivative with an estimate of its own error.
 *
 * @param value the derivative
 * @param error an estimate of |value − true derivative|: truncation plus rounding
 * @param step the largest step used
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public record Estimate(double value, double error, double step) {
}
