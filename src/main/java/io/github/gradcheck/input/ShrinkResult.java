package io.github.gradcheck.input;

import io.github.gradcheck.model.Point;
import org.apiguardian.api.API;

/**
 * What {@link Shrinker#shrink} found.
 *
 * @param original the failing point it started from
 * @param simplest the simplest point found that still fails ({@code original} when none simpler did)
 * @param evaluations how many times the predicate was evaluated
 * @param steps how many simplifications were accepted
 * @param budgetExhausted whether it stopped because the evaluation budget ran out
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record ShrinkResult(Point original, Point simplest, int evaluations, int steps, boolean budgetExhausted) {

    /** {@return whether a simpler failing point was found: {@code steps > 0}} */
    public boolean shrunk() {
        return steps > 0;
    }
}
