package io.github.gradcheck.internal.engine;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.Value;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The cotangents of {@code CotangentMode.FULL_JACOBIAN}: one per output element, the unit vector
 * of that element, made when asked for (an output of m elements would otherwise hold m² numbers
 * before the first backward ran). Immutable.
 */
final class OneHotCotangents extends AbstractList<Value> implements RandomAccess {

    private final Shape shape;
    private final Precision precision;

    OneHotCotangents(Shape shape, Precision precision) {
        this.shape = shape;
        this.precision = precision;
    }

    @Override
    public Value get(int k) {
        if (k < 0 || k >= size()) {
            throw new IndexOutOfBoundsException("cotangent " + k + " of " + size());
        }
        return Value.zeros(shape, precision).with(k, 1.0);
    }

    @Override
    public int size() {
        return shape.size();
    }
}
