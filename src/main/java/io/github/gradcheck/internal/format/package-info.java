/**
 * Internal: not part of the API; may change in any release without notice.
 *
 * <p>How gradcheck writes numbers for people: {@link io.github.gradcheck.internal.format.Numbers}
 * is the one formatter of the reports, the diagnoses and the assertion messages. It uses only
 * the JDK, so every other package may use it.
 */
package io.github.gradcheck.internal.format;
