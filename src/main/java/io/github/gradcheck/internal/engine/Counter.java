package io.github.gradcheck.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;

/** Evaluations spent by one check; forward evaluations may be counted from several threads. */
final class Counter {
    final AtomicInteger forward = new AtomicInteger();
    int local;
    int backward;
}
