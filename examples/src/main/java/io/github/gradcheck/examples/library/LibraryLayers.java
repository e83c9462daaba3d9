package io.github.gradcheck.examples.library;

import io.github.gradcheck.examples.network.Tanh;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.subject.DescentDirections;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Parameter;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.Subject;

/**
 * The library layers above as gradcheck subjects, without an adapter class: {@link Layer#of}
 * takes their forward and backward methods, {@link Parameter} their arrays as they keep them,
 * and {@link DescentDirections} their sign convention.
 */
public final class LibraryLayers {

    private LibraryLayers() {
    }

    /** A dense layer whose weights are flat and column-major and whose deltas are −gradient, then tanh. */
    public static Subject flatDense(FlatDenseLibrary lib) {
        Layer<double[], double[]> dense = Layer.of("dense", lib::forward, lib::backward,
                Parameter.of("W", lib.weights(), Shape.of(lib.outputs(), lib.inputs()),
                        Parameter.Order.COLUMN_MAJOR, lib::weightDelta),
                Parameter.of("b", lib.bias(), lib::biasDelta));
        return DescentDirections.of(Sequential.of("library dense", dense, new Tanh()), "dense.W", "dense.b");
    }

    /** An embedding of {@code int[]} token indices (the point's constant input {@code x}). */
    public static Subject embedding(EmbeddingLibrary lib) {
        Layer<int[], double[][]> embed = Layer.of("embed", lib::forward, lib::backward,
                Parameter.of("E", lib.table(), lib::tableGradient));
        return Sequential.of("embedding", embed);
    }

    /** A convolution with a rank-3 kernel, then tanh of every output element. */
    public static Subject conv(Conv2d conv) {
        Layer<double[][][], double[][]> layer = Layer.of("conv", conv::forward, conv::backward,
                Parameter.of("K", conv.kernel(), conv::kernelGradient),
                Parameter.of("b", conv.bias(), conv::biasGradient));
        return Sequential.of("conv", layer);
    }
}
