/**
 * The ways to describe the code whose derivatives are checked.
 *
 * <ul>
 *   <li>{@link io.github.gradcheck.subject.FunctionSubject}: a black-box forward with a claimed
 *       vector–Jacobian product ({@link io.github.gradcheck.subject.ForwardFunction},
 *       {@link io.github.gradcheck.subject.BackwardFunction}, reading
 *       {@link io.github.gradcheck.subject.Args});</li>
 *   <li>{@link io.github.gradcheck.subject.TracedSubject}: hand-written forward and backward
 *       code that names its intermediates on a {@link io.github.gradcheck.subject.Tape}
 *       ({@link io.github.gradcheck.subject.TapeFunction});</li>
 *   <li>{@link io.github.gradcheck.subject.GraphSubject} and
 *       {@link io.github.gradcheck.subject.Sequential}: {@link io.github.gradcheck.subject.Op}s
 *       and {@link io.github.gradcheck.subject.Layer}s with local backward rules, layers owning
 *       {@link io.github.gradcheck.subject.Parameter}s.</li>
 * </ul>
 *
 * <p>{@link io.github.gradcheck.subject.Args} and {@link io.github.gradcheck.subject.Tape} share
 * their readers by name, {@link io.github.gradcheck.subject.NamedValues}.
 * {@link io.github.gradcheck.subject.Subject} is what the engine checks, and the SPI for writing
 * a subject of one's own.
 *
 * @since 0.1.0
 */
package io.github.gradcheck.subject;
