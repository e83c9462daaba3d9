package io.github.gradcheck.internal.engine;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.internal.numeric.StepSize;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The probe of one element of one value: perturbs that element alone (a view of the value with
 * one element replaced; the saved value itself is never changed, so nothing needs undoing),
 * evaluates, and reduces the output with each cotangent.
 */
final class ElementProbe extends OutputProbe {

    private final Value base;
    private final int element;
    private final Precision precision;
    private final UnaryOperator<Value> evaluate;

    /**
     * @param evaluate the output (of the subject, or of one consumer) for a replacement of {@code base}
     * @param unperturbed that output at the base point
     */
    ElementProbe(Value base, int element, UnaryOperator<Value> evaluate, List<Value> cotangents, Value unperturbed) {
        super(cotangents, unperturbed);
        this.base = base;
        this.element = element;
        this.precision = base.precision();
        this.evaluate = evaluate;
    }

    @Override
    Displaced displace(double offset) {
        double x = base.get(element);
        double moved = offset == 0 ? x : StepSize.displaced(x, offset, precision);
        Value out = moved == x ? unperturbed() : evaluate.apply(base.with(element, moved));
        return new Displaced(moved - x, out);
    }
}
