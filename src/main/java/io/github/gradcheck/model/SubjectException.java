package io.github.gradcheck.model;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A problem with the code under check (or with how it was described), as opposed to a
 * wrong gradient: a backward that returns null, shapes that do not match, a non-finite
 * value, a duplicated node name. The message names the subject, the node when there is
 * one, what happened and what to do; the user's own exception, if any, is the cause.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public class SubjectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The subject's name. */
    private final String subject;
    /** The node's name, or null when the problem is not tied to a node. */
    private final String node;

    /**
     * A problem with the subject as a whole.
     *
     * @param subject the subject's name
     * @param problem what happened and what to do, as a sentence
     */
    public SubjectException(String subject, String problem) {
        this(subject, null, problem, null);
    }

    /**
     * A problem at one node, not caused by an exception of the user's.
     *
     * @param subject the subject's name
     * @param node the node's name, or null when the problem is not tied to a node
     * @param problem what happened and what to do, as a sentence
     */
    public SubjectException(String subject, String node, String problem) {
        this(subject, node, problem, null);
    }

    /**
     * A problem at one node, caused by the user's exception {@code cause}.
     *
     * @param subject the subject's name
     * @param node the node's name, or null when the problem is not tied to a node
     * @param problem what happened and what to do, as a sentence
     * @param cause the user's exception
     */
    public SubjectException(String subject, String node, String problem, Throwable cause) {
        super("subject '" + subject + "'" + (node == null ? "" : ", node '" + node + "'") + ": " + problem, cause);
        this.subject = subject;
        this.node = node;
    }

    /** {@return the subject's name} */
    public String subject() {
        return subject;
    }

    /** {@return the node's name, when the problem is tied to one} */
    public Optional<String> node() {
        return Optional.ofNullable(node);
    }
}
