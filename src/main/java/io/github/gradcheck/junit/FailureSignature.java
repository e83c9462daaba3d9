package io.github.gradcheck.junit;

import io.github.gradcheck.check.EdgeReport;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Factor;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.IdentityCheck;
import io.github.gradcheck.check.JacobianEntry;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a failing report shows, read from the report alone (no code of the subject runs), for
 * deciding whether a simpler point still shows the same bug.
 *
 * <p>The {@link #bug() bug} is where the failure starts and how: every place a wrong gradient
 * starts (a blame origin, a wrong edge into it) with the kind of its diagnosis, or for a Jacobian
 * or Hessian the set of wrong entries, the wrong gradient's origins and the failed identities.
 * The {@link #sight() sight} is, per node, edge or matrix, what the point lets the check see: how
 * many compared elements were measured as 0 (a dead unit, a term that vanished), how many the
 * output did not depend on (unused), how many were inconclusive.
 *
 * <p>A shrink step {@linkplain #lost loses} the failure when the bug changes, or when any place
 * shows more zeros, more unused or more inconclusive elements than at the point as first found:
 * then the simpler point hides part of what the first one showed (ReLUs that die at 0, a variance
 * that vanishes when elements become equal), and the shrinker refuses it.
 *
 * @param bug the failure, one string per broken place, e.g. {@code node 'den': WRONG_SIGN}
 * @param sight per place, its counts of zero-measured, unused and inconclusive elements
 */
record FailureSignature(Set<String> bug, Map<String, Sight> sight) {

    /**
     * What one node, edge or matrix let the check see.
     *
     * @param zeros compared elements whose measured value is 0 within the measurement's accuracy
     * @param unused compared elements the output does not depend on
     * @param inconclusive compared elements the measurement could not decide
     */
    record Sight(long zeros, long unused, long inconclusive) {

        static Sight of(Collection<ElementComparison> elements) {
            long zeros = elements.stream().filter(e -> e.verdict() != Verdict.INCONCLUSIVE
                    && e.finding() != Finding.INDEPENDENT && !Factor.measurablyNonZero(e)).count();
            long unused = elements.stream().filter(e -> e.finding() == Finding.INDEPENDENT).count();
            long inconclusive = elements.stream().filter(e -> e.verdict() == Verdict.INCONCLUSIVE).count();
            return new Sight(zeros, unused, inconclusive);
        }

        /** Why this sight shows less than {@code first}'s, or empty when it shows as much. */
        Optional<String> lessThan(Sight first) {
            if (zeros > first.zeros) {
                return Optional.of((zeros - first.zeros) + (zeros - first.zeros == 1 ? " element" : " elements")
                        + " newly measured 0");
            }
            if (unused > first.unused) {
                return Optional.of((unused - first.unused) + (unused - first.unused == 1 ? " element" : " elements")
                        + " newly unused (the output does not depend on them)");
            }
            if (inconclusive > first.inconclusive) {
                return Optional.of((inconclusive - first.inconclusive)
                        + (inconclusive - first.inconclusive == 1 ? " element" : " elements") + " newly inconclusive");
            }
            return Optional.empty();
        }
    }

    /** Copies, keeping a fixed order (sorted bug, sight in report order) so that the same seed gives the same message. */
    FailureSignature {
        bug = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(bug));
        sight = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sight));
    }

    /** The signature of a gradient check's report. */
    static FailureSignature of(GradientReport report) {
        Set<String> bug = new TreeSet<>();
        for (Diagnosis d : Diagnoses.of(report).all()) {
            if (d.origin()) {
                bug.add(d.edge().map(e -> "the backward of '" + e.consumer() + "' with respect to argument "
                        + e.argument() + " ('" + e.producer() + "')").orElse("node '" + d.node() + "'")
                        + ": " + d.kind());
            }
        }
        // a failure no diagnosis names (none made): its origins, so that another origin is another failure
        report.blame().origin().ifPresent(o -> bug.add("origin '" + o + "'"));
        report.blame().otherOrigins().forEach(o -> bug.add("origin '" + o + "'"));
        if (bug.isEmpty() && report.verdict() == Verdict.FAIL) {
            report.nodes().stream().filter(n -> n.verdict() == Verdict.FAIL)
                    .forEach(n -> bug.add("node '" + n.name() + "' wrong"));
        }
        Map<String, Sight> sight = new LinkedHashMap<>();
        for (NodeReport n : report.nodes()) {
            sight.put("node '" + n.name() + "'", Sight.of(n.elements()));
        }
        for (EdgeReport e : report.blame().edges()) {
            sight.put("the backward of '" + e.edge().consumer() + "' with respect to argument " + e.edge().argument(),
                    Sight.of(e.elements()));
        }
        return new FailureSignature(bug, sight);
    }

    /** The signature of a Jacobian or Hessian check's report. */
    static FailureSignature of(JacobianReport report) {
        Set<String> bug = new TreeSet<>();
        String symbol = report.symbol();
        for (JacobianEntry e : report.wrongEntries()) {
            bug.add("entry " + e.name(symbol));
        }
        for (IdentityCheck i : report.failedIdentities()) {
            bug.add("identity " + i.identity().name());
        }
        Map<String, Sight> sight = new LinkedHashMap<>();
        if (report.gradient().isPresent()) {
            FailureSignature gradient = of(report.gradient().get());
            gradient.bug().forEach(b -> bug.add("gradient: " + b));
            gradient.sight().forEach((k, v) -> sight.put("gradient: " + k, v));
        }
        if (bug.isEmpty() && report.verdict() == Verdict.FAIL) {
            bug.add("a random tangent");
        }
        List<ElementComparison> entries = new ArrayList<>();
        report.entries().forEach(e -> entries.add(e.comparison()));
        sight.put("the entries of " + symbol, Sight.of(entries));
        return new FailureSignature(bug, sight);
    }

    /**
     * {@return why this signature, at a simpler point, does not show the failure found at first,
     * or empty when it shows the same bug at least as clearly}
     *
     * @param first the signature at the point as first found
     */
    Optional<String> lost(FailureSignature first) {
        if (bug.isEmpty()) {
            return Optional.of("nothing is wrong there");
        }
        if (!bug.equals(first.bug)) {
            return Optional.of("another failure: " + bug + " instead of " + first.bug);
        }
        for (Map.Entry<String, Sight> e : sight.entrySet()) {
            Sight before = first.sight.get(e.getKey());
            Optional<String> less = before == null ? Optional.empty() : e.getValue().lessThan(before);
            if (less.isPresent()) {
                return Optional.of(e.getKey() + ": " + less.get());
            }
        }
        return Optional.empty();
    }

    /** {@return whether this signature shows the same bug as {@code first}, as clearly} */
    boolean keeps(FailureSignature first) {
        return lost(first).isEmpty();
    }
}
