package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.internal.execution.TaskPool;
import io.github.gradcheck.model.Trace;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the measurement of every node of one check shares.
 *
 * @param options the check's options (tolerance, seed, sample size, directions)
 * @param subject the checked subject's name, for errors
 * @param trace the forward of the measured side at the point (the subject's, or its double reference's)
 * @param claims what the subject's backward claimed
 * @param dependencies which nodes consume which, as learned so far
 * @param runner runs the probes, on the measured side's subject or its copies
 * @param forward the forward evaluations spent, counted from every thread
 * @param noise the relative rounding noise of one evaluation of the output
 * @param keptSamples which pending failures keep their samples until they are confirmed, over every
 *     node of the check (their confirmation waits until the blame is located)
 */
record Probing(CheckOptions options, String subject, Trace trace, Claims claims, Dependencies dependencies,
               TaskPool runner, AtomicInteger forward, double noise, KeptSamples keptSamples) {
}
