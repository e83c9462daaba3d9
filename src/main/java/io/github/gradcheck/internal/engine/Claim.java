package io.github.gradcheck.internal.engine;

/**
 * What is claimed at one probe, per output cotangent: the claimed derivative along the probe (an
 * element's gradient, or the gradient's dot product with a direction), the size of the terms it
 * is a sum of, and the scale of the claims around it.
 *
 * @param analytic per cotangent, the claimed value
 * @param terms per cotangent, a lower bound of Σ|terms| the claimed value is a sum of, for the
 *     cancellation guard of the tolerance
 * @param scale per cotangent, the largest finite claim of the node (or of the Jacobian's row) the
 *     probed element belongs to, against which an element is significant or negligible; 0 where
 *     the probe has no such neighbours (a random direction), so that the element is its own scale
 * @param firstOrderTerms per cotangent, Σ|x<sub>j</sub>·g<sub>j</sub>| of that cotangent alone (a
 *     Jacobian's row), the output's noise floor for it; empty where the node-wide value of the
 *     {@link Judge} stands for every cotangent
 */
record Claim(double[] analytic, double[] terms, double[] scale, double[] firstOrderTerms) {

    /** A claim with no neighbours: every element is its own scale. */
    Claim(double[] analytic, double[] terms) {
        this(analytic, terms, new double[analytic.length]);
    }

    /** A claim whose output's noise floor is the judge's, node-wide. */
    Claim(double[] analytic, double[] terms, double[] scale) {
        this(analytic, terms, scale, new double[0]);
    }

    /** The first-order terms of cotangent {@code k}: its own where known, else {@code nodeWide}. */
    double firstOrderTerms(int k, double nodeWide) {
        return firstOrderTerms.length > 0 ? firstOrderTerms[k] : nodeWide;
    }

    /**
     * The claim at one element: its value alone. No other element's claim enters its tolerance;
     * the terms its value is a sum of are measured by the probe itself ({@link OutputProbe#terms}).
     */
    static Claim of(double[] analytic) {
        return new Claim(analytic, new double[analytic.length]);
    }

    /** The number of cotangents. */
    int cotangents() {
        return analytic.length;
    }
}
