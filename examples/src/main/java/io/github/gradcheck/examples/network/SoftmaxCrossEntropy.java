package io.github.gradcheck.examples.network;

import io.github.gradcheck.subject.Layer;

/**
 * Softmax followed by the cross-entropy loss of a fixed label: {@code loss = −log softmax(z)[label]}.
 * The backward is the famous short form {@code dz = (softmax(z) − onehot(label))·g}.
 *
 * <p>The broken version forgets the {@code − onehot(label)}.
 */
public final class SoftmaxCrossEntropy implements Layer<double[], Double> {

    private final int label;
    private final boolean missingOneHot;
    private double[] p;

    /**
     * The loss of {@code label}.
     *
     * @param label the index of the right class
     * @param missingOneHot whether the backward forgets to subtract the one-hot label (the bug)
     */
    public SoftmaxCrossEntropy(int label, boolean missingOneHot) {
        this.label = label;
        this.missingOneHot = missingOneHot;
    }

    /** The right loss of {@code label}. */
    public SoftmaxCrossEntropy(int label) {
        this(label, false);
    }

    @Override
    public Double forward(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        p = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return -(z[label] - max - Math.log(sum));
    }

    @Override
    public double[] backward(Double g) {
        double[] dz = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double target = i == label && !missingOneHot ? 1 : 0;
            dz[i] = (p[i] - target) * g;
        }
        return dz;
    }
}
