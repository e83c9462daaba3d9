package io.github.gradcheck.report;

import io.github.gradcheck.diagnosis.Diagnoses;
import io.github.gradcheck.diagnosis.Diagnosis;
import io.github.gradcheck.diagnosis.DiagnosisKind;

/** The diagnosis lines of the text report: origins and edges with their evidence, consequences in one line each. */
final class DiagnosisText {

    private DiagnosisText() {
    }

    static String render(Diagnoses diagnoses) {
        StringBuilder sb = new StringBuilder();
        for (Diagnosis d : diagnoses.all()) {
            if (d.origin() || d.edge().isPresent()) {
                sb.append("diagnosis: ").append(d.sentence()).append('\n')
                        .append("           evidence: ").append(d.evidence()).append('\n');
            }
        }
        for (Diagnosis d : diagnoses.all()) {
            // a consequence without a pattern says nothing the table does not
            if (!d.origin() && d.edge().isEmpty() && d.kind() != DiagnosisKind.NO_SIMPLE_PATTERN) {
                sb.append("consequence: ").append(d.sentence()).append('\n');
            }
        }
        if (diagnoses.evaluations() > 0) {
            sb.append("diagnosis cost: ").append(diagnoses.evaluations())
                    .append(" more forward and backward evaluations, measuring each consumer's contribution\n");
        }
        return sb.toString();
    }
}
