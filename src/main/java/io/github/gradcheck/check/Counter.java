package io.github.gradcheck.check;

/** Evaluations spent by one check. */
final class Counter {
    int forward;
    int local;
    int backward;
}
