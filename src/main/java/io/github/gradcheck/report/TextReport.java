package io.github.gradcheck.report;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.check.Deviation;
import io.github.gradcheck.check.DirectionComparison;
import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Factor;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.Linearity;
import io.github.gradcheck.check.MeasuredNoise;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.model.Edge;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Precision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Renders a {@link GradientReport} as the text a person reads in a failed test: a header,
 * one row per node in backward order (the worst element of arrays, with its index), the
 * blame in sentences, the diagnoses, what the verdicts rest on (the resolution, declared
 * deviations, notes), and the cost and seed. The assertion and {@code @GradientCheck}
 * failure messages carry the same text.
 *
 * <pre>{@code
 * GradientReport report = GradCheck.check(WorkedExample.traced(true), Point.of("x", 3.0, "y", -4.0));
 * System.out.println(TextReport.render(report));
 * }</pre>
 *
 * prints, among other lines,
 *
 * <pre>
 * node    kind          shape   at  analytic             numeric             abs err  rel err  verdict
 * f       output        scalar      1.0                  1.0                 0.0e+00  0.0e+00  ok
 * invden  intermediate  scalar      3.0179862099620918   3.017986209962222   1.3e-13  4.3e-14  ok
 * den     intermediate  scalar      0.7915934472725935   -0.791593447272362  1.6e+00  2.0e+00  WRONG (analytic = -1 × numeric)
 * ...
 * blame: 'den' is the first node whose gradient is wrong while the gradients of its consumers (invden) are right:
 *        the backward rule that maps d(invden) to d(den) is broken.
 * </pre>
 *
 * <p>The same report renders the same text: values in full, errors to two significant digits,
 * whatever the default locale; the wall time only with {@link #renderWithWallTime(GradientReport)}.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class TextReport {

    private TextReport() {
    }

    /**
     * The full report, with the diagnoses that follow from the report alone
     * ({@link Diagnoses#of(GradientReport)}).
     *
     * <pre>{@code
     * System.out.println(TextReport.render(GradCheck.check(subject, point)));
     * }</pre>
     *
     * @param report the report of a check
     * @return the text; each line ends with {@code \n}
     */
    public static String render(GradientReport report) {
        return render(report, Diagnoses.of(report));
    }

    /**
     * The full report followed by a line with the check's wall time, e.g. {@code wall time:
     * 0.125 s}. {@link #render(GradientReport)} leaves the time out, so that the same check at
     * the same seed renders the same text.
     *
     * @param report the report of a check
     * @return the text; the last line (the wall time) ends with the platform's line separator,
     *     the others with {@code \n}
     * @since 0.1.0
     */
    public static String renderWithWallTime(GradientReport report) {
        return render(report) + "wall time: " + Numbers.fixed(report.wallTime().toNanos() / 1e9, 3) + " s"
                + System.lineSeparator();
    }

    /**
     * The full report with the given diagnoses, e.g. those of {@code Diagnoses.of(report, subject)},
     * which can also recognise an overwritten fan-out gradient.
     *
     * @param report the report of a check
     * @param diagnoses the diagnoses to print after the blame ({@link Diagnoses#none()} for none)
     * @return the text; each line ends with {@code \n}
     */
    public static String render(GradientReport report, Diagnoses diagnoses) {
        StringBuilder sb = new StringBuilder();
        sb.append("gradcheck: subject '").append(report.subject()).append("' at ").append(report.point()).append('\n');
        sb.append("verdict: ").append(headline(report)).append("\n\n");
        sb.append(table(report)).append('\n');
        String blame = blame(report);
        if (!blame.isEmpty()) {
            sb.append(blame).append('\n');
        }
        if (!diagnoses.isEmpty()) {
            sb.append(DiagnosisText.renderOnce(diagnoses)).append('\n');
        }
        String basis = basis(report);
        if (!basis.isEmpty()) {
            sb.append(basis).append('\n');
        }
        sb.append(cost(report));
        return sb.toString();
    }

    /**
     * The full report for a check drawn from {@code run}'s seed (a {@code @GradientCheck} try): as
     * {@link #render(GradientReport, Diagnoses)}, with the point written out in full and the seed
     * line naming the check's seed as derived, e.g. {@code check seed: 123, derived from seed 77
     * (not a seed to re-run with)}, so that the run's seed is the one seed shown as such.
     *
     * @param report the report of a check
     * @param diagnoses the diagnoses to print after the blame ({@link Diagnoses#none()} for none)
     * @param run the seed that re-runs the check
     * @return the text; each line ends with {@code \n}
     * @since 0.1.0
     */
    public static String render(GradientReport report, Diagnoses diagnoses, RunSeed run) {
        return run.text(render(report, diagnoses), report.point(), report.seed());
    }

    /**
     * The report of a Jacobian or Hessian check for a check drawn from {@code run}'s seed, as
     * {@link #render(GradientReport, Diagnoses, RunSeed)} does for a gradient check.
     *
     * @param report the report of a forward or second-order check
     * @param diagnoses the diagnoses to print
     * @param run the seed that re-runs the check
     * @return the text; each line ends with {@code \n}
     * @since 0.1.0
     */
    public static String render(JacobianReport report, Diagnoses diagnoses, RunSeed run) {
        return run.text(render(report, diagnoses), report.point(), report.seed());
    }

    /**
     * The report of a Jacobian or Hessian check, with the diagnoses that follow from it
     * ({@link Diagnoses#of(JacobianReport)}): a row per input (its columns), the entries (all of
     * a small matrix; the wrong and inconclusive ones of a large one), each named by row (the
     * output component) and column (the input element), the diagnosis, the identities (the
     * adjoint test, a Hessian's symmetry), a Hessian's gradient check, the resolution and the cost.
     *
     * <pre>{@code
     * System.out.println(TextReport.render(GradCheck.checkForward(subject, point)));
     * }</pre>
     *
     * @param report the report of a forward or second-order check
     * @return the text; each line ends with {@code \n}
     * @since 0.1.0
     */
    public static String render(JacobianReport report) {
        return render(report, Diagnoses.of(report));
    }

    /**
     * The report of a Jacobian or Hessian check with the given diagnoses.
     *
     * @param report the report of a forward or second-order check
     * @param diagnoses the diagnoses to print ({@link Diagnoses#none()} for none)
     * @return the text; each line ends with {@code \n}
     * @since 0.1.0
     */
    public static String render(JacobianReport report, Diagnoses diagnoses) {
        return JacobianText.render(report, diagnoses);
    }

    /**
     * The report of a node-by-node forward-mode check, with the diagnoses that follow from it
     * ({@link Diagnoses#of(TangentReport)}): a row per computed node in forward order, the blame
     * going forward with the tangent rule of the origin checked argument by argument, each op's
     * tangent rule against its backward, the resolution and the cost.
     *
     * @param report the report of {@code GradCheck.checkTangents}
     * @return the text; each line ends with {@code \n}
     * @since 0.1.0
     */
    public static String render(TangentReport report) {
        return TangentText.render(report, Diagnoses.of(report));
    }

    /**
     * The report of a node-by-node forward-mode check with the given diagnoses.
     *
     * @param report the report of {@code GradCheck.checkTangents}
     * @param diagnoses the diagnoses to show
     * @return the text; each line ends with {@code \n}
     * @since 0.1.0
     */
    public static String render(TangentReport report, Diagnoses diagnoses) {
        return TangentText.render(java.util.Objects.requireNonNull(report, "report"),
                java.util.Objects.requireNonNull(diagnoses, "diagnoses"));
    }

    private static String headline(GradientReport report) {
        return switch (report.verdict()) {
            case PASS -> opChecksOnly(report)
                    ? "ok: every op's backward matches the op alone, with respect to every argument (the end-to-end"
                    + " gradients were not measured: GraphChecks.LOCAL)"
                    : "ok: every claimed gradient matches the measured one";
            case INCONCLUSIVE -> inconclusiveHeadline(report);
            case FAIL -> failHeadline(report);
        };
    }

    /** The first broken backward, and how many more there are. */
    private static String failHeadline(GradientReport report) {
        List<String> wrong = report.whatIsWrong();
        if (wrong.isEmpty()) {
            return "WRONG: the first wrong node is '" + report.blame().origin().orElse("?") + "'";
        }
        return "WRONG: " + wrong.get(0) + (wrong.size() > 1 ? " (and " + (wrong.size() - 1) + " more below)" : "");
    }

    private static String inconclusiveHeadline(GradientReport report) {
        if (anyElementFound(report, Finding.DOMAIN_EDGE)) {
            return "inconclusive: the function is not finite within a step of the point (edge of its domain) at"
                    + " some nodes, even with smaller steps; choose a point further inside the domain";
        }
        return anyElementFound(report, Finding.KINK)
                ? "inconclusive: the function has a kink (is not differentiable) within the measuring stencil"
                + " at some nodes; try another point"
                : "inconclusive: the measurement was too coarse to decide at some nodes; try another point";
    }

    private static boolean anyElementFound(GradientReport report, Finding finding) {
        return report.nodes().stream().flatMap(n -> n.elements().stream()).anyMatch(e -> e.finding() == finding)
                || report.blame().edges().stream().flatMap(e -> e.elements().stream())
                .anyMatch(e -> e.finding() == finding);
    }

    /** Whether the report has op checks and no node table ({@code GraphChecks.LOCAL}). */
    private static boolean opChecksOnly(GradientReport report) {
        return report.nodes().isEmpty() && !report.blame().edges().isEmpty();
    }

    private static String table(GradientReport report) {
        if (opChecksOnly(report)) {
            return opTable(report);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"node", "kind", "shape", "at", "analytic", "numeric", "abs err", "rel err", "verdict"});
        for (NodeReport n : report.nodes()) {
            Optional<DirectionComparison> d = failedDirectionOnly(n);
            if (d.isPresent()) {
                DirectionComparison w = d.get();
                double abs = Math.abs(w.analytic() - w.numeric());
                double rel = abs / Math.max(Math.abs(w.analytic()), Math.abs(w.numeric()));
                rows.add(new String[] {n.name(), n.kind().name().toLowerCase(Locale.ROOT), n.shape().toString(),
                    "direction " + w.direction(), Numbers.full(w.analytic()), Numbers.full(w.numeric()),
                    Numbers.scientific(abs), Numbers.scientific(rel), verdictCell(n)});
                continue;
            }
            ElementComparison w = n.worst();
            rows.add(new String[] {n.name(), n.kind().name().toLowerCase(Locale.ROOT), n.shape().toString(),
                w.position() + cotangentSuffix(report, w), Numbers.full(w.analytic()), Numbers.full(w.numeric()),
                Numbers.scientific(w.absoluteError()), Numbers.scientific(w.relativeError()), verdictCell(n)});
        }
        return Columns.align(rows);
    }

    /** A row per op check, with its worst element: the table of a report without node rows. */
    private static String opTable(GradientReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"op", "argument", "shape", "at", "analytic", "numeric", "abs err", "rel err", "verdict"});
        for (EdgeReport e : report.blame().edges()) {
            ElementComparison w = e.worst();
            long failed = e.elements().stream().filter(x -> x.verdict() == Verdict.FAIL).count();
            String verdict = e.verdict().label() + (e.verdict() == Verdict.FAIL && e.elements().size() > 1
                    ? " (" + failed + " of " + e.elements().size() + " wrong)" : "");
            rows.add(new String[] {e.consumer(), e.edge().argument() + " ('" + e.edge().producer() + "')",
                e.shape().toString(), w.position() + cotangentSuffix(report, w), Numbers.full(w.analytic()),
                Numbers.full(w.numeric()), Numbers.scientific(w.absoluteError()),
                Numbers.scientific(w.relativeError()), verdict});
        }
        return Columns.align(rows);
    }

    /** The worst failed random direction of a node none of whose checked elements failed. */
    private static Optional<DirectionComparison> failedDirectionOnly(NodeReport n) {
        if (n.failedElements() > 0) {
            return Optional.empty();
        }
        return n.directions().stream().filter(d -> d.verdict() == Verdict.FAIL)
                .max(Comparator.comparingDouble(DirectionComparison::severity));
    }

    private static String cotangentSuffix(GradientReport report, ElementComparison w) {
        if (report.options().cotangents() != CotangentMode.FULL_JACOBIAN || !hasVectorOutput(report)) {
            return "";
        }
        return OutputParts.of(report).map(parts -> " of " + parts.name(w.cotangent())).orElse(" out" + w.cotangent());
    }

    private static boolean hasVectorOutput(GradientReport report) {
        return !report.nodes().isEmpty() && report.nodes().get(0).shape().size() > 1;
    }

    private static String verdictCell(NodeReport n) {
        Verdict v = n.verdict();
        if (n.notLinear()) {
            return v.label() + " (" + (n.linearity().orElseThrow().kind() == Linearity.Kind.IGNORES_UPSTREAM
                    ? "ignores the upstream gradient" : "not linear in the upstream gradient") + ")";
        }
        if (n.deviates()) {
            return v.label() + " (deviates as declared)";
        }
        if (n.deviatesNotAsDeclared()) {
            return v.label() + " (not as declared)";
        }
        return switch (v) {
            case PASS -> v.label();
            case FAIL -> v.label() + failedNotes(n);
            case INCONCLUSIVE -> v.label() + inconclusiveNotes(n);
        };
    }

    /**
     * {@code  (3 of 9 wrong, analytic = 2 × numeric)}, or nothing; where some of the wrong ones are
     * {@linkplain Finding#NOT_CONFIRMED_SEPARATELY not confirmed separately}, how many are
     * confirmed: {@code  (9 of 9 wrong, 1 confirmed)}.
     */
    private static String failedNotes(NodeReport n) {
        List<String> notes = new ArrayList<>();
        int total = n.elements().size();
        boolean complete = n.coverage().complete();
        // the failed directions count where they are shown: when not every element was compared
        long dirs = complete ? 0 : n.directions().stream().filter(d -> d.verdict() == Verdict.FAIL).count();
        if (!complete) {
            notes.add(n.failedElements() + " of " + total + " checked elements" + (dirs > 0 ? ", " + dirs + " of "
                    + n.directions().size() + " directions" : "") + " wrong");
        } else if (total > 1) {
            notes.add(n.failedElements() + " of " + total + " wrong");
        }
        long confirmedDirections = complete ? 0 : n.confirmedDirectionFailures();
        long confirmed = n.confirmedFailures() + confirmedDirections;
        if (!notes.isEmpty() && confirmed < n.failedElements() + dirs) {
            notes.add(confirmed + " confirmed");
        }
        simpleFactor(n).map(TextReport::equation).ifPresent(notes::add);
        return notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")";
    }

    /** {@code  (2 of 9 too coarse, 1 of 9 at a kink)}: why the elements are inconclusive. */
    private static String inconclusiveNotes(NodeReport n) {
        long k = n.elements().stream().filter(e -> e.verdict() == Verdict.INCONCLUSIVE
                && e.finding() != Finding.KINK && e.finding() != Finding.DOMAIN_EDGE).count();
        long edges = n.elements().stream().filter(e -> e.verdict() == Verdict.INCONCLUSIVE
                && e.finding() == Finding.DOMAIN_EDGE).count();
        long kinks = n.elements().stream().filter(e -> e.verdict() == Verdict.INCONCLUSIVE
                && e.finding() == Finding.KINK).count();
        List<String> notes = new ArrayList<>();
        if (k > 0) {
            notes.add(k + " of " + n.elements().size() + " too coarse");
        }
        if (kinks > 0) {
            notes.add(kinks + " of " + n.elements().size() + " at a kink");
        }
        if (edges > 0) {
            notes.add(edges + " of " + n.elements().size() + " not finite within a step: edge of the domain");
        }
        return " (" + String.join(", ", notes) + ")";
    }

    /**
     * The factor the failed elements of a node share, when it is worth naming: ±n or ±1/n for a
     * whole n up to 5e5, but not 1 (elements wrong by less than 1e-6 relative share no factor);
     * anything else is just a wrong value.
     */
    private static Optional<Factor> simpleFactor(NodeReport n) {
        return Factor.common(n.elements()).filter(f -> f.simple() && !f.isOne());
    }

    /** {@code analytic = -1 × numeric}. */
    private static String equation(Factor f) {
        return "analytic = " + f.decimal() + " × numeric";
    }

    private static String blame(GradientReport report) {
        Blame b = report.blame();
        if (opChecksOnly(report) && report.whatIsWrong().size() > 1) {
            StringBuilder sb = new StringBuilder();
            for (String w : report.whatIsWrong()) {
                sb.append("fix:   ").append(w).append('\n');
            }
            return sb.toString();
        }
        if (b.origin().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        String origin = b.origin().get();
        NodeReport o = report.node(origin).orElseThrow();
        List<String> wrong = report.whatIsWrong();
        if (wrong.size() > 1) {
            for (String w : wrong) {
                sb.append("fix:   ").append(w).append('\n');
            }
        }
        sb.append("blame: ").append(describeOrigin(o, report.composedWrongly().contains(origin))).append('\n');
        for (String other : b.otherOrigins()) {
            sb.append("also:  ").append(describeOrigin(report.node(other).orElseThrow(),
                    report.composedWrongly().contains(other))
                    .replace("is the first node whose gradient is wrong", "is wrong too")).append('\n');
        }
        edges(sb, report);
        for (String node : report.composedWrongly()) {
            sb.append("composition: every op that uses '").append(node).append("' has a right backward alone (edge: ok),")
                    .append(" so the backward rules are right and their composition is wrong:\n       the gradient of '")
                    .append(node).append("' differs from what its declared uses give: a use the graph does not declare")
                    .append(" (an op that reads another op's state or cache), or state shared between ops\n");
        }
        List<String> right = new ArrayList<>();
        for (NodeReport n : report.nodes()) {
            if (n.verdict() == Verdict.PASS) {
                right.add(n.name());
            }
        }
        if (!right.isEmpty()) {
            sb.append("right: ").append(String.join(", ", right)).append('\n');
        }
        if (!b.consequences().isEmpty()) {
            sb.append("wrong only as a consequence (a consumer's gradient is wrong): ")
                    .append(String.join(", ", b.consequences())).append('\n');
        }
        return sb.toString();
    }

    /**
     * The edge lines: every op check that did not pass, and those into the nodes where a wrong
     * gradient starts; the other passing op checks in one line.
     */
    private static void edges(StringBuilder sb, GradientReport report) {
        Blame b = report.blame();
        int others = 0;
        for (EdgeReport e : b.edges()) {
            String producer = e.edge().producer();
            boolean intoOrigin = b.isOrigin(producer);
            if (e.verdict() != Verdict.PASS || intoOrigin) {
                sb.append("edge:  ").append(describeEdge(e)).append('\n');
            } else {
                others++;
            }
        }
        if (others > 0) {
            sb.append("ops:   ").append(others == 1 ? "the other op check is" : "the other " + others + " op checks are")
                    .append(" ok (each op alone, with respect to each argument)\n");
        }
    }

    private static String describeOrigin(NodeReport o, boolean composedWrongly) {
        StringBuilder sb = new StringBuilder();
        sb.append("'").append(o.name()).append("' is the first node whose gradient is wrong");
        if (o.independent()) {
            sb.append(": the output does not depend on '").append(o.name()).append("' (every perturbation left it")
                    .append(" bit-identical),\n       so its true gradient is 0 and its claimed gradient should be 0.");
        } else if (o.consumers().isEmpty()) {
            if (o.kind() == NodeKind.OUTPUT) {
                sb.append(": it is the output, so the reported gradient of the output (the seed) is wrong.");
            } else {
                sb.append("; nothing consumes it, so its true gradient is 0: its claimed gradient should be 0.");
            }
        } else {
            String consumers = String.join(", ", o.consumers());
            sb.append(" while the gradients of its consumers (").append(consumers).append(") are right:\n       ");
            if (composedWrongly) {
                sb.append("yet the backward of each of them is right alone (see composition: below).");
            } else {
                sb.append("the backward rule that maps d(").append(String.join("), d(", o.consumers()))
                        .append(") to d(").append(o.name()).append(") is broken.");
            }
        }
        ElementComparison w = o.worst();
        sb.append("\n       at ").append(o.name()).append(w.position()).append(": claimed ")
                .append(Numbers.full(w.analytic())).append(", measured ").append(Numbers.full(w.numeric()))
                .append(" ± ").append(Numbers.scientific(w.errorEstimate()));
        if (o.deviatesNotAsDeclared()) {
            ElementComparison off = o.intended().stream().filter(e -> e.verdict() == Verdict.FAIL)
                    .max(Comparator.comparingDouble(ElementComparison::severity)).orElseThrow();
            sb.append("\n       it was declared to deviate (").append(o.deviation().orElse("")).append("), but at ")
                    .append(o.name()).append(off.position()).append(" it claimed ").append(Numbers.full(off.analytic()))
                    .append(" where the declared intent is ").append(Numbers.full(off.numeric()))
                    .append(" ± ").append(Numbers.scientific(off.tolerance()));
            return sb.toString();
        }
        if (o.notLinear()) {
            // the factor of such a claim is the cotangent's, not a mistake of its own
            sb.append("\n       ").append(o.linearity().orElseThrow().describe(o.name()));
            return sb.toString();
        }
        simpleFactor(o).ifPresent(f -> sb.append("; ").append(equation(f))
                .append(f.mistake().map(m -> " (" + m + ")").orElse("")));
        return sb.toString();
    }

    private static String describeEdge(EdgeReport e) {
        Edge edge = e.edge();
        ElementComparison w = e.worst();
        String target = "argument " + edge.argument() + " ('" + edge.producer() + "')";
        StringBuilder sb = new StringBuilder("the backward of ").append(e.consumer()).append(" with respect to ")
                .append(target).append(" is ");
        if (e.verdict() == Verdict.FAIL) {
            sb.append("WRONG: it gave ").append(Numbers.full(w.analytic())).append(" at ").append(edge.producer())
                    .append(w.position()).append(", the consumer alone measures ").append(Numbers.full(w.numeric()));
        } else {
            sb.append(e.verdict().label());
        }
        return sb.toString();
    }

    /** What the verdicts rest on: the resolution, declared deviations, unused inputs and the check's notes. */
    private static String basis(GradientReport report) {
        StringBuilder sb = new StringBuilder();
        Optional<String> noise = noiseLine(report);
        boolean noisy = report.nodes().stream().flatMap(n -> n.elements().stream())
                .anyMatch(e -> e.noise().map(MeasuredNoise::aboveRounding).orElse(false));
        report.resolution().ifPresent(r -> sb.append("resolution: a relative error of ").append(Numbers.scientific(r))
                .append(" in any non-zero claimed gradient would have been detected")
                .append(anyFloat(report) ? " (float32 arithmetic)" : "")
                .append(noisy ? ", given the measured noise" : "").append('\n'));
        noise.ifPresent(line -> sb.append(line).append('\n'));
        unconfirmedLine(report).ifPresent(line -> sb.append(line).append('\n'));
        for (NodeReport n : report.deviations()) {
            sb.append(deviationLine(report, n)).append('\n');
        }
        for (NodeReport n : report.nodes()) {
            if (n.independent() && n.verdict() == Verdict.PASS && n.kind() == NodeKind.INPUT) {
                double largest = n.elements().stream().mapToDouble(e -> Math.abs(e.analytic())).max().orElse(0);
                sb.append("unused: the output does not depend on input '").append(n.name());
                if (largest == 0) {
                    sb.append("'; its claimed gradient is 0, as it should be\n");
                } else {
                    // a claim too small to change the output at any step taken: not 0, and not wrong either
                    double tolerance = n.elements().stream().mapToDouble(ElementComparison::tolerance).max().orElse(0);
                    sb.append("' at the steps taken (every perturbation left it bit-identical); its claimed gradient,")
                            .append(" at most ").append(Numbers.full(largest)).append(", is not 0 but below what they")
                            .append(" could detect (").append(Numbers.scientific(tolerance)).append(")\n");
                }
            }
        }
        for (String note : report.notes()) {
            sb.append("note: ").append(note).append('\n');
        }
        return sb.toString();
    }

    /** {@code deviation: 'x' deviates as declared (why): claimed 0.21, intended 0.21, measured 0.11}. */
    private static String deviationLine(GradientReport report, NodeReport n) {
        ElementComparison w = n.worst();
        String why = n.deviation().orElse("");
        String measured = "measured " + Numbers.full(w.numeric()) + ", claimed " + Numbers.full(w.analytic());
        Deviation declared = report.options().deviationAt(n.name()).orElse(null);
        StringBuilder sb = new StringBuilder("deviation: '").append(n.name()).append("' deviates as declared");
        if (declared == null) {
            return sb.append(": ").append(why).append(" (").append(measured).append(")").toString();
        }
        sb.append(" (").append(why).append(")");
        if (declared instanceof Deviation.Intended) {
            ElementComparison intent = n.intended().stream()
                    .filter(e -> e.index() == w.index() && e.cotangent() == w.cotangent()).findFirst().orElse(w);
            return sb.append(": at ").append(n.name()).append(w.position()).append(" claimed ")
                    .append(Numbers.full(w.analytic())).append(", intended ").append(Numbers.full(intent.numeric()))
                    .append(", measured ").append(Numbers.full(w.numeric())).toString();
        }
        if (declared instanceof Deviation.Bounded b) {
            return sb.append(", within ").append(Numbers.full(b.bound())).append(" of the measured gradient: ")
                    .append(measured).toString();
        }
        return sb.append(", by an amount it does not state, so any error there passes: ").append(measured).toString();
    }

    /**
     * How many wrong elements rest on the first measurement only, in how many nodes, and what those
     * nodes' failures rest on instead (a confirmed failure of their own, or, for a node wrong only as
     * a consequence, the confirmed node the wrong gradient flows from); empty when every wrong
     * element was confirmed.
     */
    private static Optional<String> unconfirmedLine(GradientReport report) {
        long elements = 0;
        int nodes = 0;
        boolean proven = false;
        boolean byDirection = false;
        List<String> consequences = new ArrayList<>();
        for (NodeReport n : report.nodes()) {
            long u = n.unconfirmedFailures();
            if (u > 0 && n.measuredVerdict() == Verdict.FAIL) {
                elements += u;
                nodes++;
                boolean ownElement = n.confirmedFailures() > 0;
                boolean ownDirection = n.confirmedDirectionFailures() > 0;
                if (ownElement || ownDirection) {
                    proven = true;
                    byDirection |= !ownElement;
                } else {
                    consequences.add(n.name());
                }
            }
        }
        if (elements == 0) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("not confirmed separately: " + elements
                + (elements == 1 ? " wrong element" : " wrong elements") + " in " + nodes + (nodes == 1 ? " node" : " nodes")
                + (elements == 1 ? " is" : " are") + " wrong by the first measurement only;");
        if (proven) {
            sb.append("\n       each node with a confirmed failure is proven wrong by ").append(byDirection
                    ? "a confirmed failure (the element shown, or a random direction)" : "the element shown")
                    .append(", confirmed by an independent measurement");
        }
        if (!consequences.isEmpty()) {
            sb.append("\n       ").append(String.join(", ", consequences)).append(consequences.size() == 1 ? " is" : " are")
                    .append(" wrong only as a consequence: a check confirms where a wrong gradient starts, not where it flows");
        }
        return Optional.of(sb.toString());
    }

    /**
     * The noise line: the largest noise measured, relative to |f|, where it was measured (only where
     * the first family of steps did not pass an element), and what that measurement cost.
     */
    private static Optional<String> noiseLine(GradientReport report) {
        NodeReport where = null;
        ElementComparison largest = null;
        for (NodeReport n : report.nodes()) {
            for (ElementComparison e : n.elements()) {
                if (e.noise().isPresent() && (largest == null
                        || e.noise().get().relative() > largest.noise().get().relative())) {
                    where = n;
                    largest = e;
                }
            }
        }
        if (largest == null) {
            return Optional.empty();
        }
        return Optional.of(largest.noise().get().describe(where.name() + largest.position()));
    }

    private static boolean anyFloat(GradientReport report) {
        return report.nodes().stream().anyMatch(n -> n.precision() == Precision.FLOAT);
    }

    private static String cost(GradientReport report) {
        StringBuilder sb = new StringBuilder();
        if (!report.complete()) {
            sb.append("mode: ").append(report.mode().label());
            for (NodeReport n : report.nodes()) {
                sb.append("\n  ").append(n.name()).append(": ").append(n.coverage().describe());
            }
            if (opChecksOnly(report)) {
                sb.append(": each op check compared a seeded sample of its argument's elements");
            }
            sb.append('\n');
        }
        sb.append("cost: ").append(report.forwardEvaluations()).append(" forward, ");
        if (report.localEvaluations() > 0) {
            sb.append(report.localEvaluations()).append(" single-op (edge checks), ");
        }
        sb.append(report.backwardEvaluations()).append(" backward evaluations; ").append(opChecksOnly(report)
                ? "each op check evaluated its op alone" : "each measurement re-evaluated " + report.replayScope());
        List<String> perNode = new ArrayList<>();
        for (NodeReport n : report.nodes()) {
            perNode.add(n.name() + " " + n.forwardEvaluations());
        }
        if (!perNode.isEmpty()) {
            sb.append("\n      forward evaluations by node: ").append(String.join(", ", perNode));
        }
        sb.append("\nseed: ").append(report.seed());
        List<String> uses = new ArrayList<>();
        if (hasVectorOutput(report) && report.options().cotangents() == CotangentMode.RANDOM) {
            uses.add("the random output cotangent");
        } else if (!hasVectorOutput(report)) {
            uses.add("the scale of the output's cotangent");
        }
        switch (report.mode()) {
            case FAST -> uses.add("the random directions and sampled elements");
            case SAMPLED -> uses.add("the sampled elements");
            case AUTO, FULL -> { }
        }
        sb.append(uses.isEmpty() ? " (no randomness was used)" : " (used for " + String.join(" and ", uses) + ")");
        return sb.append('\n').toString();
    }
}
