/**
 * The reports of a check, for people and for tools:
 * {@link io.github.gradcheck.report.TextReport} (the per-node table and the blame, also the text
 * of every assertion failure), {@link io.github.gradcheck.report.JsonReport} (a versioned schema
 * for scripts and CI), {@link io.github.gradcheck.report.HtmlReport} (one self-contained page with
 * the graph, the table and heat maps) and {@link io.github.gradcheck.report.ReportFiles} (the
 * JSON and HTML files side by side). Each renders a
 * {@link io.github.gradcheck.check.GradientReport} with its
 * {@link io.github.gradcheck.diagnosis.Diagnoses}; none runs the user's code.
 *
 * @since 0.1.0
 */
package io.github.gradcheck.report;
