package io.github.gradcheck.subject;

import java.util.List;

/** A layer made of two functions and its parameters ({@link Layer#of}). */
record FunctionalLayer<I, O>(String name, Layer.Pass<I, O> forwardPass, Layer.Pass<O, I> backwardPass,
                             List<Parameter> parameters) implements Layer<I, O> {

    @Override
    public O forward(I input) throws Exception {
        return forwardPass.apply(input);
    }

    @Override
    public I backward(O gradOutput) throws Exception {
        return backwardPass.apply(gradOutput);
    }
}
