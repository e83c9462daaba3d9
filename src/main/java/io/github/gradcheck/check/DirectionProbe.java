package io.github.gradcheck.check;

import io.github.gradcheck.model.Value;
import io.github.gradcheck.numeric.Probe;
import io.github.gradcheck.numeric.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The probe of a value along a direction {@code u} supported on the elements
 * {@code from .. from + u.length − 1}: evaluates at {@code base + t·u} (a fresh copy, each
 * element rounded to the value's precision) and reduces the output with each cotangent.
 * The displacement reported is {@code t}; the rounding of the perturbed elements is noise of
 * the order ε·Σ|x<sub>i</sub>·g<sub>i</sub>|, which the robust estimate's floor allows for.
 * Caches by offset, like {@link ElementProbe}.
 */
final class DirectionProbe implements Probe {

    private final Value base;
    private final double[] direction;
    private final int from;
    private final UnaryOperator<Value> evaluate;
    private final List<Value> cotangents;
    private final Value unperturbed;
    private final Map<Double, Sample> samples = new HashMap<>();
    private final Map<Double, Value> outputs = new HashMap<>();

    DirectionProbe(Value base, double[] direction, int from, UnaryOperator<Value> evaluate, List<Value> cotangents,
                   Value unperturbed) {
        this.base = base;
        this.direction = direction;
        this.from = from;
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

    private Sample evaluateAt(double t) {
        Value out;
        if (t == 0) {
            out = unperturbed;
        } else {
            double[] moved = base.toArray();
            for (int i = 0; i < direction.length; i++) {
                moved[from + i] += t * direction[i];
            }
            out = evaluate.apply(Value.of(base.shape(), base.precision(), moved));
        }
        outputs.put(t, out);
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
        return new Sample(t, values, magnitudes, out.bitEquals(unperturbed));
    }

    /** As {@link ElementProbe#terms}: the size of the terms of the output's change along the direction. */
    double terms(double h, int k) {
        at(h);
        at(-h);
        Value a = outputs.get(h);
        Value b = outputs.get(-h);
        Value u = cotangents.get(k);
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += Math.abs(u.get(i) * (a.get(i) - b.get(i)));
        }
        double t = sum / (2 * h);
        return Double.isFinite(t) ? t : 0;
    }
}
