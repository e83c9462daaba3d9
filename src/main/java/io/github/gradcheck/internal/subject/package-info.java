/**
 * Internal: not part of the API; may change in any release without notice.
 *
 * <p>The capabilities of the library's own subjects that the engine uses beyond the
 * {@link io.github.gradcheck.subject.Subject} SPI.
 */
package io.github.gradcheck.internal.subject;
