package io.github.gradcheck.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;

/** The evaluations one check spent, as its report counts them. */
final class Counter {
    /** Whole or partial forward passes; counted from every thread that runs probes. */
    final AtomicInteger forward = new AtomicInteger();
    /** Single consumers evaluated alone, checking edges (in the check's own thread). */
    int local;
    /** Backward passes (in the check's own thread). */
    int backward;
}
