package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.TolerancePolicy;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.Linearization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The symmetry of a claimed Hessian, which costs no evaluation of the function: for a matrix,
 * H[i,j] = H[j,i] for every pair, to {@code κ·ε·max(|H[i,j]|, |H[j,i]|, the largest entry of rows i
 * and j)} (the rounding of entries computed in a different order); for products, ⟨u, H·v⟩ = ⟨v, H·u⟩
 * for random u and v, to {@code κ·ε·Σ|terms|}, each failure confirmed by the other pair as in the
 * {@link AdjointTest}.
 */
final class SymmetryTest {

    /** At most this many failing pairs of a matrix are reported one by one. */
    static final int LISTED = 32;

    private SymmetryTest() {
    }

    static List<IdentityCheck> run(Linearization claims, long seed, TolerancePolicy policy, Precision analytic,
                                   Runnable before) {
        return claims.matrix().map(m -> matrix(m, policy, analytic))
                .orElseGet(() -> products(claims, seed, policy, analytic, before));
    }

    private static List<IdentityCheck> matrix(Value h, TolerancePolicy policy, Precision analytic) {
        int n = h.shape().dim(0);
        if (n < 2) {
            return List.of();
        }
        double[] rowMax = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = Math.abs(h.get(i * n + j));
                if (Double.isFinite(a)) {
                    rowMax[i] = Math.max(rowMax[i], a);
                }
            }
        }
        double kappa = policy.roundingFactor() * analytic.epsilon();
        List<IdentityCheck> failed = new ArrayList<>();
        IdentityCheck worst = null;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                pairs++;
                double upper = h.get(i * n + j);
                double lower = h.get(j * n + i);
                double scale = Math.max(Math.max(Math.abs(upper), Math.abs(lower)), Math.max(rowMax[i], rowMax[j]));
                double tol = kappa * scale;
                boolean holds = Math.abs(upper - lower) <= tol || Double.doubleToLongBits(upper)
                        == Double.doubleToLongBits(lower);
                IdentityCheck c = new IdentityCheck(IdentityCheck.Identity.SYMMETRY, "H[" + i + "," + j + "] = H["
                        + j + "," + i + "]", upper, lower, scale, tol, holds ? Verdict.PASS : Verdict.FAIL);
                if (!holds) {
                    if (failed.size() < LISTED) {
                        failed.add(c);
                    }
                } else if (worst == null || c.relativeError() > worst.relativeError()) {
                    worst = c;
                }
            }
        }
        if (!failed.isEmpty()) {
            return failed;
        }
        return List.of(new IdentityCheck(worst.identity(), worst.where() + ", the least symmetric of " + pairs
                + (pairs == 1 ? " pair" : " pairs"), worst.left(), worst.right(), worst.terms(), worst.tolerance(),
                Verdict.PASS));
    }

    private static List<IdentityCheck> products(Linearization claims, long seed, TolerancePolicy policy,
                                                Precision analytic, Runnable before) {
        int n = 0;
        for (Shape s : claims.shapes()) {
            n += s.size();
        }
        if (n < 2) {
            return List.of();
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5E77L);
        List<IdentityCheck> out = new ArrayList<>();
        for (int pair = 0; pair < AdjointTest.PAIRS; pair++) {
            Map<String, Value> u = direction(claims, random);
            Map<String, Value> v = direction(claims, random);
            before.run();
            Value hv = claims.jvp(v);
            before.run();
            Value hu = claims.jvp(u);
            double[] uf = flat(claims, u);
            double[] vf = flat(claims, v);
            double left = 0;
            double right = 0;
            double terms = 0;
            for (int i = 0; i < uf.length; i++) {
                left += uf[i] * hv.get(i);
                right += vf[i] * hu.get(i);
                terms += Math.abs(uf[i] * hv.get(i)) + Math.abs(vf[i] * hu.get(i));
            }
            double tol = policy.roundingFactor() * analytic.epsilon() * terms;
            out.add(new IdentityCheck(IdentityCheck.Identity.SYMMETRY, "random pair " + pair + ": ⟨u, H·v⟩ = ⟨v, H·u⟩",
                    left, right, terms, tol, Math.abs(left - right) <= tol ? Verdict.PASS : Verdict.FAIL));
        }
        return AdjointTest.confirmed(out);
    }

    private static Map<String, Value> direction(Linearization claims, SplittableRandom random) {
        Map<String, Value> d = new LinkedHashMap<>();
        for (int p = 0; p < claims.inputs().size(); p++) {
            Shape s = claims.shapes().get(p);
            double[] x = new double[s.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextGaussian();
            }
            d.put(claims.inputs().get(p), Value.of(s, x));
        }
        return d;
    }

    private static double[] flat(Linearization claims, Map<String, Value> byInput) {
        List<Double> out = new ArrayList<>();
        for (String input : claims.inputs()) {
            for (double x : byInput.get(input).toArray()) {
                out.add(x);
            }
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }
}
