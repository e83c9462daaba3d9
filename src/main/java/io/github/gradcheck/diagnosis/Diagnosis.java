package io.github.gradcheck.diagnosis;

import io.github.gradcheck.model.Edge;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How one wrong node (or, for graph subjects, one wrong edge) is wrong: the {@link
 * DiagnosisKind kind}, a sentence for the person who must fix the backward pass, and the
 * evidence it rests on.
 *
 * <pre>{@code
 * Diagnosis[node=den, kind=WRONG_SIGN,
 *           sentence="'den' has the wrong sign: analytic = -1 × numeric at every compared element",
 *           evidence="holds within tolerance at the only element; at den: claimed 0.7915934472725935, measured ..."]
 * }</pre>
 *
 * @param node the wrong node (for an edge: the producer whose contribution is wrong)
 * @param edge the wrong edge, for a diagnosis of one consumer's local backward; empty for a node
 * @param kind the shape of the error
 * @param sentence what is wrong, in one sentence naming the node
 * @param evidence the numbers the sentence rests on
 * @param origin whether the node is where a wrong gradient starts (a blame origin), rather
 *     than wrong only because a consumer's gradient is wrong
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record Diagnosis(String node, Optional<Edge> edge, DiagnosisKind kind, String sentence, String evidence,
                        boolean origin) {

    /**
     * A diagnosis; {@link Diagnoses} makes them.
     *
     * <p>Internal: public because a record's constructor is; not part of the API, and may change
     * in any release without notice.
     *
     * @param node the wrong node (for an edge: the producer whose contribution is wrong)
     * @param edge the wrong edge, for a diagnosis of one consumer's local backward; empty for a node
     * @param kind the shape of the error
     * @param sentence what is wrong, in one sentence naming the node
     * @param evidence the numbers the sentence rests on
     * @param origin whether the node is where a wrong gradient starts
     * @throws NullPointerException when an argument is null
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public Diagnosis {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sentence, "sentence");
        Objects.requireNonNull(evidence, "evidence");
    }

    /**
     * {@return whether a shape of error was recognised: any kind but {@link DiagnosisKind#NO_SIMPLE_PATTERN}}
     */
    public boolean recognised() {
        return kind != DiagnosisKind.NO_SIMPLE_PATTERN;
    }
}
