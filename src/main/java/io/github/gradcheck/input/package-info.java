/**
 * Generated inputs for gradient checks: {@link io.github.gradcheck.input.Domain}s of input
 * values (ranges, magnitudes, shapes, kinks kept at a distance, edge values), an
 * {@link io.github.gradcheck.input.InputSpace} of named domains, reproducible
 * {@link io.github.gradcheck.input.SeedSequence}s, the open
 * {@link io.github.gradcheck.input.PointSource} interface and the
 * {@link io.github.gradcheck.input.Shrinker}.
 *
 * <p>A front-end layer: it depends on the model only and on no test framework, so any
 * runner, including another property-based testing library, can use it.
 *
 * @since 0.1.0
 */
package io.github.gradcheck.input;
