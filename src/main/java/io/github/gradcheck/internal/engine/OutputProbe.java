package io.github.gradcheck.internal.engine;

import io.github.gradcheck.model.Value;
import io.github.gradcheck.internal.numeric.Probe;
import io.github.gradcheck.internal.numeric.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A probe that evaluates the output at a displacement and reduces it with each cotangent.
 * Samples are cached by offset, so that the schemes can share power-of-two steps and only new
 * offsets cost an evaluation. Subclasses say how a displacement moves the value.
 */
abstract class OutputProbe implements Probe {

    /** The displacement actually applied and the output it gave. */
    record Displaced(double displacement, Value output) {
    }

    private final List<Value> cotangents;
    private final Value unperturbed;
    private final Map<Double, Sample> samples = new HashMap<>();
    private final Map<Double, Value> outputs = new HashMap<>();

    /** @param unperturbed the output at the base point */
    OutputProbe(List<Value> cotangents, Value unperturbed) {
        this.cotangents = cotangents;
        this.unperturbed = unperturbed;
    }

    /** The samples evaluated so far, by offset: for a later probe of the same value ({@link #reuse}). */
    final Map<Double, Sample> samples() {
        return Map.copyOf(samples);
    }

    /**
     * Takes the samples an earlier probe of the same value at the same point evaluated
     * ({@link #samples}), so that measuring them again costs no evaluation.
     */
    final void reuse(Map<Double, Sample> earlier) {
        earlier.forEach(samples::putIfAbsent);
    }

    /** Moves the value by {@code offset} (the unperturbed output for a zero move) and evaluates. */
    abstract Displaced displace(double offset);

    /** The output at the base point. */
    final Value unperturbed() {
        return unperturbed;
    }

    @Override
    public final Sample at(double offset) {
        Sample s = samples.get(offset);
        if (s == null) {
            Displaced d = displace(offset);
            outputs.put(offset, d.output());
            s = sampleOf(d);
            samples.put(offset, s);
        }
        return s;
    }

    private Sample sampleOf(Displaced d) {
        Value out = d.output();
        double[] values = new double[cotangents.size()];
        double[] magnitudes = new double[cotangents.size()];
        for (int k = 0; k < values.length; k++) {
            Value u = cotangents.get(k);
            values[k] = u.dot(out);
            double m = 0;
            for (int i = 0; i < out.size(); i++) {
                m += Math.abs(u.get(i) * out.get(i));
            }
            magnitudes[k] = m;
        }
        return new Sample(d.displacement(), values, magnitudes, out.bitEquals(unperturbed));
    }

    /**
     * Σ<sub>i</sub> |u<sub>k,i</sub> · ∂out<sub>i</sub>| measured with the samples at ±h: the size of
     * the terms whose sum the analytic gradient is, for the cancellation guard of the tolerance.
     */
    final double terms(double h, int k) {
        Sample plus = at(h);
        Sample minus = at(-h);
        Value a = outputs.get(h);
        Value b = outputs.get(-h);
        Value u = cotangents.get(k);
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += Math.abs(u.get(i) * (a.get(i) - b.get(i)));
        }
        double t = sum / (plus.displacement() - minus.displacement());
        return Double.isFinite(t) ? t : 0;
    }
}
