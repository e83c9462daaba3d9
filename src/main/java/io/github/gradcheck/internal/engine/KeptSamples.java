package io.github.gradcheck.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which pending failures of one check (its nodes together, or one op check) keep their first
 * measurement's samples for their confirmation: at most {@link #FAILURES} of them, and at most
 * {@link #VALUES} sample values in all, a value and a magnitude per cotangent of every sample. A
 * failure past either bound keeps none, and its confirmation evaluates its first measurement's
 * steps again, so that a node wrong at millions of elements, or checked against thousands of
 * output cotangents ({@link io.github.gradcheck.check.CotangentMode#FULL_JACOBIAN}), does not hold
 * them all. Safe for elements measured in parallel.
 */
final class KeptSamples {

    /** The most pending failures that keep their samples (a few kilobytes each for a scalar output). */
    static final int FAILURES = 4096;

    /** The most sample values kept in all: 2²¹ doubles, 16 MiB. */
    static final long VALUES = 1L << 21;

    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong values = new AtomicLong();

    /** {@code p} with its samples, while both bounds allow them, else without. */
    ProbeComparison.Pending keep(ProbeComparison.Pending p) {
        long weight = (long) p.samples().size() * 2 * p.claim().analytic().length;
        if (failures.incrementAndGet() <= FAILURES && values.addAndGet(weight) <= VALUES) {
            return p;
        }
        return p.withoutSamples();
    }
}
