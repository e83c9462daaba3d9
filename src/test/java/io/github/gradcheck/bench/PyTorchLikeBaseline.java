package io.github.gradcheck.bench;

/**
 * A fixed-step check configured like PyTorch's gradcheck defaults: central differences with
 * eps = 1e-6, computed in the subject's own precision; pass iff |a − n| ≤ atol + rtol·|n| with
 * atol = 1e-5 and rtol = 1e-3 at every element.
 */
final class PyTorchLikeBaseline {

    static final double EPS = 1e-6;
    static final double ATOL = 1e-5;
    static final double RTOL = 1e-3;

    private PyTorchLikeBaseline() {
    }

    static boolean passes(BenchCase c, double[] x, double[] claimed) {
        for (int j = 0; j < x.length; j++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            double n;
            if (c.isFloat) {
                plus[j] = (float) (x[j] + EPS);
                minus[j] = (float) (x[j] - EPS);
                float diff = (float) c.value(plus) - (float) c.value(minus);
                n = diff / (float) (2 * EPS);
            } else {
                plus[j] = x[j] + EPS;
                minus[j] = x[j] - EPS;
                n = (c.value(plus) - c.value(minus)) / (2 * EPS);
            }
            if (!(Math.abs(claimed[j] - n) <= ATOL + RTOL * Math.abs(n))) {
                return false;
            }
        }
        return true;
    }
}
