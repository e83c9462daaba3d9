package io.github.gradcheck.bench;

import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Subject;
import java.util.SplittableRandom;

/**
 * One subject class of the verdict benchmark for an observation of issue 11 ("verdicts that
 * measure instead of assume"): where to draw points, and the subject with a given bug injected.
 */
abstract class ObservedCase {

    /** Which targets of the issue the class counts for. */
    enum Group {
        /** Clean double code: bugs of 1e-6 relative caught at 99% of points, inconclusive at most 1%. */
        SMOOTH,
        /** Noise far above double rounding: bugs of 100× the measured noise caught at 99% of points. */
        NOISY,
        /** Every non-finite claim caught at every point. */
        NON_FINITE,
        /** Every ignored upstream gradient caught at every point. */
        IGNORES_UPSTREAM,
        /** A declared flat spot passes; with an unrelated bug at the same node it fails. */
        DEVIATION
    }

    /** A bug to inject. */
    enum Bug {
        /** The correct claim (for a deviation class: the declared deviation alone). */
        NONE,
        /** One element of the claim off by a relative amount (the size is given with it). */
        RELATIVE,
        /** One element of the claim infinite (or NaN at odd points). */
        NOT_FINITE,
        /** The backward ignores the gradient flowing into it. */
        IGNORES_UPSTREAM
    }

    final String name;
    final Group group;

    ObservedCase(String name, Group group) {
        this.name = name;
        this.group = group;
    }

    /** A random point. */
    abstract Point draw(SplittableRandom random);

    /**
     * The subject at {@code point} with {@code bug} injected.
     *
     * @param size the relative size of a {@link Bug#RELATIVE} bug, signed
     * @param element which element of the claim it is injected at (taken modulo the node's size)
     */
    abstract Subject subject(Bug bug, double size, int element, Point point);

    /** The options the class is checked with, beside the cotangent mode. */
    CheckOptions options(CheckOptions base) {
        return base;
    }

    /**
     * The relative noise of the output at the point along the element a bug goes to (ECnoise, as
     * gradcheck measures it); 0 for clean subjects. Noisy classes set their relative bugs from it.
     */
    double relativeNoise(Point point, int element) {
        return 0;
    }

    /** Whether the subject's output is a vector, so that the cotangent mode matters. */
    boolean vectorOutput() {
        return true;
    }
}
