package io.github.gradcheck.check;

import org.apiguardian.api.API;

/**
 * What a check measures of a subject whose backward gradcheck composes itself (a
 * {@code GraphSubject} of ops and layers, a {@code Sequential} stack of layers): each op's local
 * backward on its own ({@link #LOCAL}), the end-to-end gradient of every node ({@link #END_TO_END}),
 * or both (the default). Subjects that compose their
 * backward themselves (traced code, functions) are always checked end to end.
 *
 * <p>A <em>local check</em> ("op check") takes one op (or layer) at the checked point, with its
 * arguments as the forward recorded them and the upstream gradient the composed backward handed it,
 * and compares what its backward returned for one argument with that op alone differentiated by
 * finite differences (single-op evaluations, no replay of the rest of the graph), element by element
 * with the same measurement as the node table. A local backward is linear in its upstream gradient,
 * so a broken op is found whatever the other ops do: every broken op is reported in one run. The
 * end-to-end table measures the gradient of the output with respect to every node by re-running what
 * lies downstream of it; it is what catches an error in the composition itself, or an op that behaves
 * differently inside the graph than alone (state shared between layers).
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public enum GraphChecks {
    /** Both: every op's local backward with respect to every argument, and the end-to-end table (the default). */
    LOCAL_AND_END_TO_END("local and end to end", true, true),
    /**
     * The end-to-end table only; the edges into the nodes where a wrong gradient starts are checked
     * locally to name the broken backward, the other ops are not (a second broken op behind the first
     * is then only "wrong as a consequence").
     */
    END_TO_END("end to end", false, true),
    /**
     * The op checks only: every op's local backward with respect to every argument, no end-to-end
     * table. The verdict, {@link GradientReport#whatIsWrong()} and the diagnoses rest on the op
     * checks; a report that passes says that every op's backward is right alone, not that every
     * composed gradient is, since an error in the composition (a use of a node the graph does not
     * declare, state shared between ops) shows only in the table. The report has no node rows
     * and no blame origin; a note says what was not measured.
     */
    LOCAL("local", true, false);

    private final String label;
    private final boolean everyOp;
    private final boolean endToEnd;

    GraphChecks(String label, boolean everyOp, boolean endToEnd) {
        this.label = label;
        this.everyOp = everyOp;
        this.endToEnd = endToEnd;
    }

    /** {@return the name used in reports}, e.g. {@code "local and end to end"} */
    public String label() {
        return label;
    }

    /** {@return whether every op's local backward is checked with respect to every argument} */
    public boolean checksEveryOp() {
        return everyOp;
    }

    /** {@return whether the end-to-end gradient of every node is measured} */
    public boolean checksEndToEnd() {
        return endToEnd;
    }
}
