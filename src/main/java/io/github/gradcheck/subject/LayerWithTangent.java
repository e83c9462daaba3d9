package io.github.gradcheck.subject;

import java.util.List;
import java.util.Optional;

/** A layer given a tangent rule ({@link Layer#withTangent}): everything else is the wrapped layer's. */
record LayerWithTangent<I, O>(Layer<I, O> layer, Layer.TangentRule<I, O> rule) implements Layer<I, O> {

    @Override
    public O forward(I input) throws Exception {
        return layer.forward(input);
    }

    @Override
    public I backward(O gradOutput) throws Exception {
        return layer.backward(gradOutput);
    }

    @Override
    public List<Parameter> parameters() {
        return layer.parameters();
    }

    @Override
    public String name() {
        return layer.name();
    }

    @Override
    public Optional<TangentRule<I, O>> tangent() {
        return Optional.of(rule);
    }
}
