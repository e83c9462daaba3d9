package io.github.gradcheck.internal.engine;

/**
 * What is claimed at one probe, per output cotangent: the claimed derivative along the probe (an
 * element's gradient, or the gradient's dot product with a direction) and the size of the terms
 * it is a sum of.
 *
 * @param analytic per cotangent, the claimed value
 * @param terms per cotangent, a lower bound of Σ|terms| the claimed value is a sum of, for the
 *     cancellation guard of the tolerance
 */
record Claim(double[] analytic, double[] terms) {

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
