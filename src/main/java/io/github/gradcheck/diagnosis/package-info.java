/**
 * How a wrong gradient is wrong: {@link io.github.gradcheck.diagnosis.Diagnoses#of(
 * io.github.gradcheck.check.GradientReport) Diagnoses.of(report)} names the shape of the error at
 * every wrong node and edge of a report ({@link io.github.gradcheck.diagnosis.DiagnosisKind}: a
 * flipped sign, a constant factor, a transpose, a missing term, a few wrong elements, a gradient
 * routed to the wrong input, an overwritten fan-out gradient), each as a
 * {@link io.github.gradcheck.diagnosis.Diagnosis} with a sentence and the numbers it rests on. A
 * shape is stated only when it holds at every compared element within that element's tolerance.
 * The reports print the diagnoses.
 *
 * @since 0.1.0
 */
package io.github.gradcheck.diagnosis;
