package io.github.gradcheck.internal.subject;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A subject that has something to say in every report of it, e.g. that its claims are descent
 * directions negated before they were compared. Internal: the engine reads it; not part of the API.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public interface ReportNotes {

    /** {@return the lines to add to the notes of every report of this subject} */
    List<String> reportNotes();
}
