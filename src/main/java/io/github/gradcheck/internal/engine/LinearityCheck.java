package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.check.Linearity;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.internal.subject.GradientView;
import io.github.gradcheck.internal.subject.GradientViews;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The linearity of the backward in its cotangent, checked with backward passes only: a
 * vector–Jacobian product is linear in the vector, so a backward that ignores, overwrites or drops
 * the gradient flowing into it is found without any finite difference. Three plans, by the
 * output's cotangents:
 *
 * <ul>
 *   <li>one cotangent of a scalar output: run again at {@code a·u}, {@code a} a power of two (±2 or
 *   ±4), and expect {@code a·backward(u)} <em>exactly</em> (scaling by a power of two commutes with
 *   every floating-point operation short of overflow and underflow);</li>
 *   <li>one random cotangent of a vector output: run at {@code a·u_A} and {@code u_B}, the cotangent
 *   split into two halves of its elements, and expect {@code backward(a·u_A)/a + backward(u_B) =
 *   backward(u)} within rounding (additivity and homogeneity at once);</li>
 *   <li>one-hot cotangents (the full Jacobian): run at {@code Σ c_k·e_k} with weights ±2, ±4 and
 *   expect {@code Σ c_k·backward(e_k)} within rounding.</li>
 * </ul>
 *
 * "Within rounding" is {@code √ε} of the larger of the element's claims and of the node's typical
 * claim (the lower median of its magnitudes): coarse enough for the rounding of any linear
 * backward, fine enough that a gradient ignored, overwritten or dropped, a wrong by a factor of at
 * least {@code 1/4}, shows.
 */
final class LinearityCheck {

    /** How the extra cotangents combine into what a linear backward claims. */
    private enum Plan {
        SCALED,
        SPLIT,
        COMBINED
    }

    private final Plan plan;
    private final List<Value> extra;
    private final double scale;
    private final double[] weights;
    private final String test;

    private LinearityCheck(Plan plan, List<Value> extra, double scale, double[] weights, String test) {
        this.plan = plan;
        this.extra = List.copyOf(extra);
        this.scale = scale;
        this.weights = weights;
        this.test = test;
    }

    /**
     * The plan for the check's cotangents, its random choices drawn from {@code seed}.
     *
     * @param cotangents the cotangents the claims were made at
     */
    static LinearityCheck plan(List<Value> cotangents, CotangentMode mode, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x11L);
        double a = (random.nextBoolean() ? -1 : 1) * (random.nextBoolean() ? 2 : 4);
        Value u = cotangents.get(0);
        if (cotangents.size() == 1 && u.size() == 1) {
            return new LinearityCheck(Plan.SCALED, List.of(scaled(u, a)), a, null,
                    "the output's cotangent scaled by " + Numbers.compact(a));
        }
        if (cotangents.size() == 1 || mode == CotangentMode.RANDOM) {
            int m = u.size();
            boolean[] inA = new boolean[m];
            int first = random.nextInt(m);
            int second = (first + 1 + random.nextInt(m - 1)) % m;
            inA[first] = true;
            for (int i = 0; i < m; i++) {
                if (i != first && i != second) {
                    inA[i] = random.nextBoolean();
                }
            }
            double[] partA = new double[m];
            double[] partB = new double[m];
            for (int i = 0; i < m; i++) {
                (inA[i] ? partA : partB)[i] = u.get(i) * (inA[i] ? a : 1);
            }
            return new LinearityCheck(Plan.SPLIT, List.of(Value.of(u.shape(), u.precision(), partA),
                    Value.of(u.shape(), u.precision(), partB)), a, null,
                    "the output's cotangent split in two parts, one scaled by " + Numbers.compact(a));
        }
        double[] weights = new double[cotangents.size()];
        double[] w = new double[u.size()];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (random.nextBoolean() ? -1 : 1) * (random.nextBoolean() ? 2 : 4);
            Value e = cotangents.get(k);
            for (int i = 0; i < w.length; i++) {
                w[i] += weights[k] * e.get(i);
            }
        }
        return new LinearityCheck(Plan.COMBINED, List.of(Value.of(u.shape(), u.precision(), w)), 1, weights,
                "the output's cotangent a sum of its components weighted ±2 and ±4");
    }

    private static Value scaled(Value u, double a) {
        double[] s = u.toArray();
        for (int i = 0; i < s.length; i++) {
            s[i] *= a;
        }
        return Value.of(u.shape(), u.precision(), s);
    }

    /** The cotangents to run the backward at, in order, for {@link #judge}. */
    List<Value> extraCotangents() {
        return extra;
    }

    /**
     * The linearity of every node's claim (by name), with the consumer whose contribution is not
     * linear where the subject records edges.
     *
     * @param claims the claims at the check's cotangents
     * @param atExtra the claims at {@link #extraCotangents()}, in order (read, not kept)
     * @param nondeterminism the declared nondeterminism tolerance (relative)
     */
    Map<String, Linearity> judge(List<Gradients> claims, List<GradientViews> atExtra, double nondeterminism) {
        Map<String, Linearity> out = new LinkedHashMap<>();
        for (String node : claims.get(0).nodes().keySet()) {
            List<Value> at = new ArrayList<>();
            for (Gradients g : claims) {
                at.add(g.of(node).orElse(null));
            }
            List<GradientView> more = new ArrayList<>();
            for (GradientViews g : atExtra) {
                more.add(g.of(node).orElse(null));
            }
            Optional<Linearity> l = judgeClaim(at, more, nondeterminism);
            if (l.isEmpty()) {
                continue;
            }
            Linearity found = l.get();
            if (!found.linear()) {
                found = withConsumer(found, node, claims, atExtra, nondeterminism);
            }
            out.put(node, found);
        }
        return out;
    }

    /** The consumer of the first edge into {@code node} whose contribution is not linear, if edges are recorded. */
    private Linearity withConsumer(Linearity found, String node, List<Gradients> claims, List<GradientViews> atExtra,
                                   double nondeterminism) {
        for (Edge edge : claims.get(0).edges().keySet()) {
            if (!edge.producer().equals(node)) {
                continue;
            }
            List<Value> at = new ArrayList<>();
            for (Gradients g : claims) {
                at.add(g.of(edge).orElse(null));
            }
            List<GradientView> more = new ArrayList<>();
            for (GradientViews g : atExtra) {
                more.add(g.of(edge).orElse(null));
            }
            Optional<Linearity> l = judgeClaim(at, more, nondeterminism);
            if (l.isPresent() && !l.get().linear()) {
                return new Linearity(found.kind(), found.test(), found.position(), found.expected(), found.found(),
                        edge.consumer());
            }
        }
        return found;
    }

    /** The linearity of one claim, from its values at the check's cotangents and at the extra ones. */
    private Optional<Linearity> judgeClaim(List<Value> at, List<GradientView> more, double nondeterminism) {
        for (Value v : at) {
            if (v == null) {
                return Optional.empty();
            }
        }
        for (GradientView v : more) {
            if (v == null || !v.shape().equals(at.get(0).shape())) {
                return Optional.empty();
            }
        }
        Value base = at.get(0);
        int n = base.size();
        double epsilon = base.precision().epsilon();
        double exact = plan == Plan.SCALED ? 4 * epsilon : Math.sqrt(epsilon);
        double typical = Claims.typical(base);
        int worst = -1;
        double worstExcess = 0;
        double worstExpected = 0;
        double worstFound = 0;
        boolean unchanged = true;
        boolean anything = false;
        for (int j = 0; j < n; j++) {
            double expected;
            double found;
            double size;
            double same;
            switch (plan) {
                case SCALED -> {
                    expected = scale * base.get(j);
                    found = more.get(0).get(j);
                    size = Math.max(Math.abs(expected), Math.abs(found));
                    same = Math.abs(found - base.get(j));
                }
                case SPLIT -> {
                    double a = more.get(0).get(j) / scale;
                    double b = more.get(1).get(j);
                    expected = base.get(j);
                    found = a + b;
                    size = Math.max(Math.abs(expected), Math.max(Math.abs(a) + Math.abs(b), typical));
                    same = Math.max(Math.abs(more.get(0).get(j) - base.get(j)), Math.abs(b - base.get(j)));
                }
                default -> {
                    expected = 0;
                    double sum = 0;
                    same = 0;
                    for (int k = 0; k < at.size(); k++) {
                        expected += weights[k] * at.get(k).get(j);
                        sum += Math.abs(weights[k] * at.get(k).get(j));
                        same = Math.max(same, Math.abs(at.get(k).get(j) - base.get(j)));
                    }
                    found = more.get(0).get(j);
                    size = Math.max(Math.max(sum, Math.abs(found)), typical);
                    same = Math.max(same, Math.abs(found - base.get(j)));
                }
            }
            if (!Double.isFinite(expected) || !Double.isFinite(found)) {
                continue; // a claim that is not finite fails its own comparison
            }
            double tol = (exact + nondeterminism) * size + Double.MIN_NORMAL;
            double excess = Math.abs(found - expected) - tol;
            anything |= Math.abs(base.get(j)) > tol;
            unchanged &= same <= tol;
            if (excess > 0 && (worst < 0 || excess > worstExcess)) {
                worst = j;
                worstExcess = excess;
                worstExpected = expected;
                worstFound = found;
            }
        }
        if (worst < 0) {
            return Optional.of(Linearity.linear(test));
        }
        Linearity.Kind kind = unchanged && anything ? Linearity.Kind.IGNORES_UPSTREAM : Linearity.Kind.NOT_LINEAR;
        return Optional.of(new Linearity(kind, test, base.shape().indexOf(worst), worstExpected, worstFound, ""));
    }
}
