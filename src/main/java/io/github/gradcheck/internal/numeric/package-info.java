/**
 * Internal: not part of the API; may change in any release without notice.
 *
 * <p>Finite differences with error estimates: the cheap screen, Ridders' extrapolation
 * cross-checked from several starts, step sizes and kinks.
 */
package io.github.gradcheck.internal.numeric;
