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
 */
record Claim(double[] analytic, double[] terms, double[] scale) {

    /** A claim with no neighbours: every element is its own scale. */
    Claim(double[] analytic, double[] terms) {
        this(analytic, terms, new double[analytic.length]);
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
