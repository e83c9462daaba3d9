package io.github.gradcheck.check;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.numeric.Probe;
import io.github.gradcheck.numeric.Sample;
import io.github.gradcheck.numeric.StepSize;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The probe of one element of one value: perturbs that element alone (a fresh copy of the
 * value; the saved value itself is never changed, so nothing needs undoing), evaluates, and
 * reduces the output with each cotangent. Caches by offset, so that the schemes can share
 * power-of-two steps; only new offsets cost an evaluation.
 */
final class ElementProbe implements Probe {

    private final Value base;
    private final int element;
    private final Precision precision;
    private final UnaryOperator<Value> evaluate;
    private final List<Value> cotangents;
    private final Value unperturbed;
    private final Map<Double, Sample> samples = new HashMap<>();
    private final Map<Double, Value> outputs = new HashMap<>();

    /**
     * @param evaluate the output (of the subject, or of one consumer) for a replacement of {@code base}
     * @param unperturbed that output at the base point
     */
    ElementProbe(Value base, int element, UnaryOperator<Value> evaluate, List<Value> cotangents, Value unperturbed) {
        this.base = base;
        this.element = element;
        this.precision = base.precision();
        this.evaluate = evaluate;
        this.cotangents = cotangents;
        this.unperturbed = unperturbed;
    }

    @Override
    public Sample at(double offset) {
        Sample s = samples.get(offset);
        if (s == null) {
            s = evaluateAt(offset);
            samples.put(offset, s);
        }
        return s;
    }

    private Sample evaluateAt(double offset) {
        double x = base.get(element);
        double moved = offset == 0 ? x : StepSize.displaced(x, offset, precision);
        Value out = moved == x ? unperturbed : evaluate.apply(base.with(element, moved));
        outputs.put(offset, out);
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
        return new Sample(moved - x, values, magnitudes, out.bitEquals(unperturbed));
    }

    /**
     * Σ<sub>i</sub> |u<sub>k,i</sub> · ∂out<sub>i</sub>/∂x| measured with the samples at ±h: the size of
     * the terms whose sum the analytic gradient is, for the cancellation guard of the tolerance.
     */
    double terms(double h, int k) {
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
