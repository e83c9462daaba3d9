package io.github.gradcheck.internal.engine;

import io.github.gradcheck.internal.subject.GradientView;
import io.github.gradcheck.internal.subject.GradientViews;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rounding of each claimed gradient element, measured rather than assumed: the backward is
 * run a second time at each cotangent scaled by {@link #FACTOR}, a number that is not a
 * power of two, and each element's claim is compared with its scaled counterpart. For a backward
 * that is linear in its cotangent (in exact arithmetic) the difference is rounding only: that of
 * the terms the element is computed from, which a cancellation inside the backward (a layer norm,
 * a softmax) makes far larger than the rounding of the element's own value. It enters the
 * element's tolerance as the size of those terms ({@code c} in {@code κ·ε·max(|a|, |n|, c)}), in
 * place of a guess from the node's largest claim, which one element of 1e30 would make useless
 * for all the others.
 *
 * <p>A difference larger than {@link #LARGEST} of the element's value is not rounding: the
 * backward is not linear there, which its own check says; such an element counts no rounding.
 */
final class ClaimRounding {

    /** The cotangent's scale for the second run: (√5 − 1)/2 + 1/5, not a power of two nor a simple fraction. */
    static final double FACTOR = 0.8180339887498949;

    /** Above this fraction of the claimed value a difference is not rounding (half the digits of a double). */
    static final double LARGEST = 1e-8;

    private static final ClaimRounding NONE = new ClaimRounding(Map.of(), Map.of());

    private final Map<String, MeasuredRounding> nodes;
    private final Map<Edge, MeasuredRounding> edges;

    private ClaimRounding(Map<String, MeasuredRounding> nodes, Map<Edge, MeasuredRounding> edges) {
        this.nodes = nodes;
        this.edges = edges;
    }

    /** No measurement: every claim counts its own rounding only. */
    static ClaimRounding none() {
        return NONE;
    }

    /**
     * The rounding of the claims {@code atU}, from the claims {@code scaled} at the same cotangent
     * times {@code factor} (the factor actually applied); {@code scaled} is read here, element by
     * element, and not kept.
     */
    static ClaimRounding of(Gradients atU, GradientViews scaled, double factor) {
        Map<String, MeasuredRounding> nodes = new HashMap<>();
        for (Map.Entry<String, Value> e : atU.nodes().entrySet()) {
            scaled.of(e.getKey()).ifPresent(s -> nodes.put(e.getKey(), measure(e.getValue(), s, factor)));
        }
        Map<Edge, MeasuredRounding> edges = new HashMap<>();
        for (Map.Entry<Edge, Value> e : atU.edges().entrySet()) {
            scaled.of(e.getKey()).ifPresent(s -> edges.put(e.getKey(), measure(e.getValue(), s, factor)));
        }
        return new ClaimRounding(nodes, edges);
    }

    private static MeasuredRounding measure(Value claim, GradientView scaled, double factor) {
        return MeasuredRounding.of(claim, scaled, factor, Math.max(LARGEST, Math.sqrt(claim.precision().epsilon())));
    }

    /** The measured rounding of each element of {@code node}'s claim (absolute), if measured. */
    Optional<MeasuredRounding> of(String node) {
        return Optional.ofNullable(nodes.get(node));
    }

    /** The measured rounding of each element of {@code edge}'s claimed contribution, if measured. */
    Optional<MeasuredRounding> of(Edge edge) {
        return Optional.ofNullable(edges.get(edge));
    }

    /**
     * The size of the terms a claim is a sum of, as {@link io.github.gradcheck.check.TolerancePolicy}
     * takes it, from a measured rounding {@code d} of a claim computed in a precision with unit
     * roundoff {@code claimEpsilon}: {@code d/ε}, so that {@code κ·ε·c = κ·d}.
     */
    static double terms(double d, double claimEpsilon) {
        return d / claimEpsilon;
    }
}
