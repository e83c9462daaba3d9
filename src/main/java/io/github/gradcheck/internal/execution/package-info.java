/**
 * Internal: not part of the API; may change in any release without notice.
 *
 * <p>Threads and stopping for a check: probes run in order on a pool of threads, and the watchdog
 * that enforces the time limit and honours interrupts.
 */
package io.github.gradcheck.internal.execution;
