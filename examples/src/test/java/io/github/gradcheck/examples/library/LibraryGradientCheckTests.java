package io.github.gradcheck.examples.library;

import io.github.gradcheck.input.Domain;
import io.github.gradcheck.junit.CheckSpec;
import io.github.gradcheck.junit.GradientCheck;

/** The library layers under {@code @GradientCheck}: int[] tokens drawn at each try, images of a rank-3 shape. */
class LibraryGradientCheckTests {

    @GradientCheck(tries = 20)
    void embeddingOfRandomTokens(CheckSpec check) {
        check.subject(LibraryLayers.embedding(new EmbeddingLibrary(5, 3, 11, false)))
             .input("x", Domain.integers(0, 4).vector(6));
    }

    @GradientCheck(tries = 10)
    void convolutionOfRandomImages(CheckSpec check) {
        check.subject(LibraryLayers.conv(new Conv2d(2, 2, 3, 5, false)))
             .input("x", Domain.uniform(-1, 1).shape(2, 4, 5));
    }

    @GradientCheck(tries = 20)
    void flatColumnMajorLayerWithDescentDirections(CheckSpec check) {
        check.subject(LibraryLayers.flatDense(new FlatDenseLibrary(3, 4, 7, false)))
             .input("x", Domain.uniform(-2, 2).vector(4));
    }
}
