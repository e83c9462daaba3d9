/**
 * AssertJ assertions on gradients, for any test (including property-based tests of other
 * libraries): {@code assertThat(subject).at("x", 3.0, "y", -4.0).hasCorrectGradients()}.
 * Start from {@link io.github.gradcheck.assertj.GradientAssertions}; for soft assertions use
 * {@link io.github.gradcheck.assertj.GradientSoftAssertions}. A thin front-end: it runs a check
 * ({@link io.github.gradcheck.GradientChecker}) and puts the per-node report
 * ({@link io.github.gradcheck.report.TextReport}) into AssertJ's failure messages.
 *
 * @since 0.1.0
 */
package io.github.gradcheck.assertj;
