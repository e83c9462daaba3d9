package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.Linearization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The adjoint ("dot-product") test of a subject with both a JVP and a VJP: for random Gaussian u
 * (over the output) and t (over every differentiable input), ⟨u, J·t⟩ from the JVP must equal
 * ⟨Jᵀ·u, t⟩ from the VJP to rounding, {@code κ·ε·(Σ|u_i·(J·t)_i| + Σ|(Jᵀ·u)_j·t_j|)}. No finite
 * difference is involved. A pair that fails must be confirmed by another: a forward and a backward
 * that disagree fail almost every random pair (a pair whose dot products happen to cancel may pass),
 * so a failure no other pair repeats is inconclusive, not wrong.
 */
final class AdjointTest {

    /** The number of random pairs (u, t). */
    static final int PAIRS = 4;

    /** How many pairs must fail for the test to fail: a single failure is inconclusive. */
    static final int CONFIRMATIONS = 2;

    private AdjointTest() {
    }

    /**
     * @param before run before every call of the user's code (the watchdog's checkpoint, the reset)
     */
    static List<IdentityCheck> run(Linearization claims, Trace trace, long seed, TolerancePolicy policy,
                                   Precision analytic, Runnable before) {
        Value output = trace.output().value();
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0xAD701L);
        List<IdentityCheck> out = new ArrayList<>();
        for (int pair = 0; pair < PAIRS; pair++) {
            double[] u = gaussian(random, output.size());
            Map<String, Value> t = new LinkedHashMap<>();
            for (int p = 0; p < claims.inputs().size(); p++) {
                Value at = trace.node(claims.inputs().get(p)).value();
                t.put(claims.inputs().get(p), Value.of(at.shape(), at.precision(), gaussian(random, at.size())));
            }
            Value cotangent = Value.of(output.shape(), output.precision(), u);
            before.run();
            Value jt = claims.jvp(t);
            before.run();
            Map<String, Value> jtu = claims.vjp(cotangent);
            double left = 0;
            double terms = 0;
            for (int i = 0; i < u.length; i++) {
                double term = cotangent.get(i) * jt.get(i);
                left += term;
                terms += Math.abs(term);
            }
            double right = 0;
            for (Map.Entry<String, Value> e : t.entrySet()) {
                Value g = jtu.get(e.getKey());
                for (int j = 0; j < g.size(); j++) {
                    double term = g.get(j) * e.getValue().get(j);
                    right += term;
                    terms += Math.abs(term);
                }
            }
            double tol = policy.roundingFactor() * analytic.epsilon() * terms;
            boolean holds = Math.abs(left - right) <= tol;
            out.add(new IdentityCheck(IdentityCheck.Identity.ADJOINT, "random pair " + pair, left, right,
                    Double.isFinite(terms) ? terms : Double.POSITIVE_INFINITY, tol, holds ? Verdict.PASS : Verdict.FAIL));
        }
        return confirmed(out);
    }

    /** A failure that no other pair repeats becomes inconclusive. */
    static List<IdentityCheck> confirmed(List<IdentityCheck> checks) {
        long failed = checks.stream().filter(c -> c.verdict() == Verdict.FAIL).count();
        if (failed == 0 || failed >= CONFIRMATIONS || checks.size() < CONFIRMATIONS) {
            return checks;
        }
        List<IdentityCheck> out = new ArrayList<>();
        for (IdentityCheck c : checks) {
            out.add(c.verdict() == Verdict.FAIL ? new IdentityCheck(c.identity(), c.where() + " (not confirmed by another"
                    + " pair)", c.left(), c.right(), c.terms(), c.tolerance(), Verdict.INCONCLUSIVE) : c);
        }
        return out;
    }

    /** Gaussian values rounded to the precision they are handed to the subject in is left to {@link Value#of}. */
    private static double[] gaussian(SplittableRandom random, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }
}
