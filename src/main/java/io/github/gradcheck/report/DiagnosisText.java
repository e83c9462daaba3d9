package io.github.gradcheck.report;

import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import io.github.gradcheck.diagnosis.DiagnosisKind;
import java.util.List;

/** The diagnosis lines of the text report: origins and edges with their evidence, consequences in one line each. */
final class DiagnosisText {

    private DiagnosisText() {
    }

    /** Every diagnosis, a node's beside its edges' (as tangent and Jacobian reports print them). */
    static String render(Diagnoses diagnoses) {
        return render(diagnoses, false);
    }

    /**
     * Each finding once: a node that a wrong edge leads into is diagnosed by that edge (its
     * {@linkplain Diagnoses#statedBy statement}), whose sentence names the node, not again on its own.
     */
    static String renderOnce(Diagnoses diagnoses) {
        return render(diagnoses, true);
    }

    private static String render(Diagnoses diagnoses, boolean once) {
        StringBuilder sb = new StringBuilder();
        for (Diagnosis d : diagnoses.all()) {
            if ((d.origin() || d.edge().isPresent()) && !(once && !diagnoses.statedBy(d).isEmpty())) {
                sb.append("diagnosis: ").append(d.sentence()).append('\n')
                        .append("           evidence: ").append(d.evidence()).append('\n');
            }
        }
        for (Diagnosis d : diagnoses.all()) {
            // a consequence without a pattern says nothing the table does not
            if (!d.origin() && d.edge().isEmpty() && d.kind() != DiagnosisKind.NO_SIMPLE_PATTERN
                    && !(once && !diagnoses.statedBy(d).isEmpty())) {
                sb.append("consequence: ").append(d.sentence()).append('\n');
            }
        }
        if (diagnoses.evaluations() > 0) {
            sb.append("diagnosis cost: ").append(diagnoses.evaluations())
                    .append(" more forward and backward evaluations, measuring each consumer's contribution\n");
        }
        return sb.toString();
    }

    /**
     * {@code 'den' is wrong through the backward of op 'invden' for argument 0 ('den'), diagnosed
     * there}: what the JSON and HTML say of a node in place of repeating its edges' diagnoses.
     */
    static String reference(Diagnosis node, List<Diagnosis> edges) {
        StringBuilder sb = new StringBuilder("'").append(node.node()).append("' is wrong through ");
        for (int i = 0; i < edges.size(); i++) {
            Diagnosis e = edges.get(i);
            sb.append(i == 0 ? "" : i == edges.size() - 1 ? " and " : ", ")
                    .append(e.edge().map(edge -> "the backward of '" + edge.consumer() + "' for argument "
                            + edge.argument()).orElseThrow());
        }
        return sb.append(edges.size() == 1 ? ", diagnosed there" : ", diagnosed there each").toString();
    }
}
