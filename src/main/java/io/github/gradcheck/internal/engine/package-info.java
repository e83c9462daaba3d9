/**
 * Internal: not part of the API; may change in any release without notice.
 *
 * <p>The checking engine: one check of a subject at a point, node by node, from the forward at
 * the point to the report.
 */
package io.github.gradcheck.internal.engine;
