package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Trace;

/**
 * What the forward at the checked point must satisfy before anything is measured; each failure
 * is the user's mistake and says what to do.
 */
final class Preconditions {

    /** The fewest forward evaluations a fully checked element costs (a clear pass of the screen). */
    static final long FULL_EVALUATIONS_PER_ELEMENT = 6;

    private Preconditions() {
    }

    /**
     * Refuses a forward that is not finite somewhere.
     *
     * @throws SubjectException naming the first node with a NaN or infinite element
     */
    static void requireFinite(String subject, Trace trace) {
        for (Node n : trace.nodes()) {
            int bad = n.value().firstNonFinite();
            if (bad >= 0) {
                String where = n.value().shape().rank() == 0 ? "" : " at element " + n.value().shape().indexOf(bad);
                String role = switch (n.kind()) {
                    case OUTPUT -> "the output";
                    case INPUT, CONSTANT -> "the input";
                    default -> "the forward value";
                };
                throw new SubjectException(subject, n.name(), role + " is " + n.value().get(bad) + where
                        + " at the checked point; gradients can only be checked where the function is finite:"
                        + " choose a point inside its domain");
            }
        }
    }

    /**
     * Refuses a check of nothing, which would pass and say nothing: every differentiable input
     * constant, or a value without elements.
     *
     * @throws SubjectException saying which
     */
    static void requireSomethingToCheck(String subject, Trace trace) {
        boolean differentiable = false;
        for (Node n : trace.nodes()) {
            if (n.kind().isChecked() && n.value().size() == 0) {
                throw new SubjectException(subject, n.name(), "has no elements (shape " + n.value().shape()
                        + "); an empty value has no gradient to check: give it at least one element");
            }
            differentiable |= n.kind().isChecked() && n.kind() != NodeKind.OUTPUT;
        }
        if (!differentiable) {
            throw new SubjectException(subject, "every input is constant, so there is no gradient to check;"
                    + " declare the inputs to differentiate with Point.builder().input(name, value)"
                    + " (or Domain ranges under @GradientCheck), not as constants");
        }
    }

    /**
     * Refuses, before measuring, a check in explicitly requested full mode that would cost more
     * forward evaluations than the budget (at least {@value #FULL_EVALUATIONS_PER_ELEMENT} per
     * element: the screen of a clear pass).
     *
     * @throws CheckAbortedException ({@link CheckAbortedException.Reason#BUDGET}) stating the estimate
     */
    static void requireWithinBudget(CheckOptions options, String subject, Trace trace) {
        if (options.mode() != CheckMode.FULL) {
            return;
        }
        long elements = checkedElements(trace);
        long estimate = FULL_EVALUATIONS_PER_ELEMENT * elements;
        if (estimate > options.budget()) {
            throw new CheckAbortedException(CheckAbortedException.Reason.BUDGET, subject, null, "a full check of its "
                    + elements + " elements would cost at least " + estimate + " forward evaluations ("
                    + FULL_EVALUATIONS_PER_ELEMENT + " per element), more than the budget of " + options.budget()
                    + "; use CheckOptions.withMode(CheckMode.FAST) (random directions and sampled elements per node,"
                    + " a few hundred evaluations per node whatever its size) or CheckMode.SAMPLED, or raise the"
                    + " budget with CheckOptions.withBudget(...)", true, null);
        }
    }

    /**
     * Refuses, before the first backward runs, a check of the full Jacobian whose claims could not
     * be held: one claimed gradient of every node per output element. Consulted before anything
     * per output element is made, so that a large output ends in a message instead of an
     * {@link OutOfMemoryError}.
     *
     * @throws CheckAbortedException ({@link CheckAbortedException.Reason#BUDGET}) stating the estimate
     */
    static void requireMemoryForFullJacobian(String subject, Trace trace) {
        long outputs = trace.output().value().size();
        long perClaim = 0;
        for (Node n : trace.nodes()) {
            if (n.kind() != NodeKind.CONSTANT) {
                perClaim += n.value().size();
            }
        }
        long bytes = outputs * perClaim * Double.BYTES;
        long heap = Runtime.getRuntime().maxMemory();
        if (outputs > 1 && (bytes / outputs != perClaim * Double.BYTES || bytes > heap / FULL_JACOBIAN_HEAP_SHARE)) {
            throw new CheckAbortedException(CheckAbortedException.Reason.BUDGET, subject, trace.output().name(),
                    "CotangentMode.FULL_JACOBIAN runs the backward once per output element and keeps what each run"
                    + " claims: " + outputs + " claims of " + perClaim + " elements would take "
                    + Numbers.bytes(bytes) + ", more than 1/" + FULL_JACOBIAN_HEAP_SHARE + " of the "
                    + Numbers.bytes(heap) + " the JVM may use; use CotangentMode.RANDOM (one seeded random"
                    + " cotangent, the default: a wrong Jacobian is still caught with probability 1), check a"
                    + " smaller output, or give the JVM more memory (-Xmx)", true, null);
        }
    }

    /** A full Jacobian's claims may take at most this part of the heap. */
    static final int FULL_JACOBIAN_HEAP_SHARE = 4;

    /**
     * Refuses a deviation declared for a node the subject does not record.
     *
     * @throws SubjectException naming the node and listing the subject's nodes
     */
    static void requireDeclaredNodesExist(CheckOptions options, String subject, Trace trace) {
        for (String declared : options.deviations().keySet()) {
            if (DeviationPatterns.isPattern(declared)) {
                if (trace.names().stream().noneMatch(node -> DeviationPatterns.matches(declared, node))) {
                    throw new SubjectException(subject, declared, "a deviation was declared for the pattern '"
                            + declared + "' but no node of the subject matches it; its nodes are " + trace.names());
                }
                continue;
            }
            if (!trace.has(declared)) {
                throw new SubjectException(subject, declared, "a deviation was declared for '" + declared
                        + "' but the subject has no node of that name; its nodes are " + trace.names());
            }
        }
    }

    /** The number of elements of the checked nodes. */
    static long checkedElements(Trace trace) {
        long total = 0;
        for (Node n : trace.nodes()) {
            if (n.kind().isChecked()) {
                total += n.value().size();
            }
        }
        return total;
    }
}
