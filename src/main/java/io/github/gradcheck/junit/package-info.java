/**
 * The JUnit Jupiter front-end: the {@link io.github.gradcheck.junit.GradientCheck @GradientCheck}
 * test annotation and the {@link io.github.gradcheck.junit.CheckSpec} a test method declares
 * its check on. It translates settings and verdicts and delegates every measurement to the
 * checking engine.
 *
 * @since 0.1.0
 */
package io.github.gradcheck.junit;
