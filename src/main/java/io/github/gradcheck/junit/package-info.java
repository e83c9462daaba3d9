/**
 * The JUnit Jupiter front-end: the {@link io.github.gradcheck.junit.GradientCheck @GradientCheck}
 * test annotation, the {@link io.github.gradcheck.junit.CheckSpec} a test method declares
 * what to check on, and the {@link io.github.gradcheck.junit.GradientCheckFailure} a failing
 * try throws. It translates settings and verdicts and delegates every measurement to the
 * checking engine.
 *
 * @since 0.1.0
 */
package io.github.gradcheck.junit;
