/**
 * The values gradcheck works with and the trace SPI.
 *
 * <p>{@link io.github.gradcheck.model.Value} (an immutable array with a
 * {@link io.github.gradcheck.model.Shape} and a {@link io.github.gradcheck.model.Precision}) and
 * {@link io.github.gradcheck.model.Point} (the named inputs a subject is checked at) are what
 * every user meets. {@link io.github.gradcheck.model.Trace}, {@link io.github.gradcheck.model.Node},
 * {@link io.github.gradcheck.model.NodeKind}, {@link io.github.gradcheck.model.Edge} and
 * {@link io.github.gradcheck.model.Gradients} are the SPI: what a
 * {@link io.github.gradcheck.subject.Subject} of one's own hands the engine from its forward and
 * backward. {@link io.github.gradcheck.model.SubjectException} is how any subject reports a
 * problem with the code under check.
 *
 * @since 0.1.0
 */
package io.github.gradcheck.model;
