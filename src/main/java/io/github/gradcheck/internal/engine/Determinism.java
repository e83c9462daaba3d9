package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckOptions;

import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.internal.subject.GradientView;
import io.github.gradcheck.internal.subject.GradientViews;
import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compares two evaluations of the subject at the same point: the forward run twice, the
 * backward run twice with the same cotangent. They must agree bit for bit, or within the
 * declared nondeterminism tolerance; otherwise the check stops with an error naming the node.
 */
final class Determinism {

    private final String subject;
    private final double tolerance;

    Determinism(String subject, double tolerance) {
        this.subject = subject;
        this.tolerance = tolerance;
    }

    /** @return a note for the report when the two differed within the tolerance */
    Optional<String> requireSameForward(Trace first, Trace second) {
        if (!first.names().equals(second.names())) {
            throw new SubjectException(subject, null, "the forward is not deterministic: evaluated twice at the same"
                    + " point it recorded nodes " + first.names() + " and then " + second.names() + advice());
        }
        Map<String, Value> firstValues = new LinkedHashMap<>();
        for (Node n : first.nodes()) {
            firstValues.put(n.name(), n.value());
        }
        return compare(firstValues, name -> GradientView.of(second.node(name).value()),
                "the forward is not deterministic: evaluated twice at the same point it computed", advice(),
                "the forward differed between two evaluations at the same point", "; measurements count it as noise");
    }

    /**
     * The second call's claims are read where they lie ({@link GradientView}), element by element
     * against the first's, and not kept.
     *
     * @return a note for the report when the two differed within the tolerance
     */
    Optional<String> requireSameBackward(Gradients first, GradientViews second) {
        for (String node : first.nodes().keySet()) {
            if (second.of(node).isEmpty()) {
                throw new SubjectException(subject, node, "the backward is not reentrant: called twice with the"
                        + " same cotangent, it claimed a gradient for '" + node + "' only the first time"
                        + reentrancyAdvice());
            }
        }
        return compare(first.nodes(), name -> second.of(name).orElseThrow(),
                "the backward is not reentrant: called twice with the same cotangent, it claimed",
                reentrancyAdvice(), "the backward differed between two calls with the same cotangent", "");
    }

    /**
     * Throws naming the first node whose two values differ by more than the tolerance; returns a
     * note naming the largest difference within it, if any.
     */
    private Optional<String> compare(Map<String, Value> first, Function<String, GradientView> second, String problem,
                                     String advice, String noteSubject, String noteTail) {
        double worst = 0;
        String where = null;
        for (Map.Entry<String, Value> e : first.entrySet()) {
            Difference d = Difference.of(e.getValue(), second.apply(e.getKey()));
            if (d == null) {
                continue;
            }
            if (d.relative > tolerance) {
                throw new SubjectException(subject, e.getKey(), problem + " " + d.first + " and then " + d.second
                        + " for '" + e.getKey() + "'" + d.position + advice);
            }
            if (d.relative > worst) {
                worst = d.relative;
                where = e.getKey();
            }
        }
        return where == null ? Optional.empty() : Optional.of(noteSubject + " by up to "
                + Numbers.scientific(worst) + " (relative, at node '" + where + "'), within the declared nondeterminism"
                + " tolerance " + Numbers.scientific(tolerance) + noteTail);
    }

    private static String advice() {
        return "; gradients cannot be measured on a function that changes between evaluations. If it draws random"
                + " numbers (dropout, noise), reset them before every evaluation with CheckOptions.withReset(...); if"
                + " its rounding varies (parallel sums), accept it with CheckOptions.withNondeterminismTolerance(...)";
    }

    private static String reentrancyAdvice() {
        return "; it probably accumulates into state that is not reset between calls (e.g. += into a gradient buffer"
                + " that is never zeroed) or draws random numbers. A backward must return the same gradients every"
                + " time it is called after the same forward; reset random state with CheckOptions.withReset(...)";
    }

    /** The first element where two values differ most, or null when they are bit-identical. */
    private static final class Difference {
        double relative;
        double first;
        double second;
        String position;

        static Difference of(Value a, GradientView b) {
            if (b.bitEquals(a)) {
                return null;
            }
            Difference d = new Difference();
            if (!a.shape().equals(b.shape())) {
                d.relative = Double.POSITIVE_INFINITY;
                d.first = Double.NaN;
                d.second = Double.NaN;
                d.position = " (shapes " + a.shape() + " and " + b.shape() + ")";
                return d;
            }
            double scale = Math.max(a.maxAbs(), b.maxAbs());
            int at = 0;
            double worst = -1;
            for (int i = 0; i < a.size(); i++) {
                double diff = Math.abs(a.get(i) - b.get(i));
                if (Double.isNaN(diff)) {
                    diff = Double.POSITIVE_INFINITY;
                }
                if (diff > worst) {
                    worst = diff;
                    at = i;
                }
            }
            d.relative = scale == 0 || !Double.isFinite(worst) ? Double.POSITIVE_INFINITY : worst / scale;
            if (worst == 0) {
                d.relative = 0; // e.g. +0.0 and -0.0
            }
            d.first = a.get(at);
            d.second = b.get(at);
            d.position = a.shape().rank() == 0 ? "" : " at element " + a.shape().indexOf(at);
            return d;
        }
    }
}
