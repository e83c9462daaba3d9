package io.github.gradcheck.internal.engine;

import io.github.gradcheck.model.Value;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The probe of a value along a direction {@code u} supported on the elements
 * {@code from .. from + u.length − 1} (drawn again from its seed where it is large): evaluates at {@code base + t·u} (a fresh copy, each
 * element rounded to the value's precision) and reduces the output with each cotangent.
 * The displacement reported is {@code t}; the rounding of the perturbed elements is noise of
 * the order ε·Σ|x<sub>i</sub>·g<sub>i</sub>|, which the robust estimate's floor allows for.
 */
final class DirectionProbe extends OutputProbe {

    private final Value base;
    private final RandomDirection direction;
    private final double[] kept;
    private final int from;
    private final UnaryOperator<Value> evaluate;

    DirectionProbe(Value base, RandomDirection direction, int from, UnaryOperator<Value> evaluate, List<Value> cotangents,
                   Value unperturbed) {
        super(cotangents, unperturbed);
        this.base = base;
        this.direction = direction;
        this.kept = null;
        this.from = from;
        this.evaluate = evaluate;
    }

    DirectionProbe(Value base, double[] direction, int from, UnaryOperator<Value> evaluate, List<Value> cotangents,
                   Value unperturbed) {
        super(cotangents, unperturbed);
        this.base = base;
        this.direction = null;
        this.kept = direction;
        this.from = from;
        this.evaluate = evaluate;
    }

    @Override
    Displaced displace(double t) {
        if (t == 0) {
            return new Displaced(0, unperturbed());
        }
        return new Displaced(t, evaluate.apply(kept != null ? base.displaced(from, t, kept)
                : base.displaced(from, direction.length(), t, direction.draw()::next)));
    }
}
