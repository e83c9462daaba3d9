package io.github.gradcheck.internal.subject;

import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import org.apiguardian.api.API;

/**
 * A subject whose backward can hand back its claims without copying the arrays the user's code
 * returned: what the engine asks for when it runs the backward again only to compare the claims
 * with those it keeps (reentrancy, linearity, rounding), so that a node of 10⁷ elements costs
 * no second copy. Internal: the engine reads it; not part of the API.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public interface ViewedBackward {

    /**
     * Runs the backward as {@link io.github.gradcheck.subject.Subject#backward} does, with the
     * same checks and the same errors, and returns its claims viewed where they lie: valid only
     * until the subject's code runs again.
     *
     * @param trace the trace of the forward at the checked point
     * @param cotangent the output's cotangent
     * @return the claimed gradients, read in place where the user returned a flat array
     */
    GradientViews backwardViewed(Trace trace, Value cotangent);
}
