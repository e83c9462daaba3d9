package io.github.gradcheck.report;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The seed that re-runs a report when the report is one of many checks drawn from one seed, as in
 * a {@code @GradientCheck} run: then that seed, not the check's own, is the seed to give, and the
 * check's own seed is derived from it. The JSON and HTML renderings given a run seed show it as
 * <em>the</em> seed (JSON {@code seed} and {@code reproduce}), write the point in full, and label
 * the check's seed as derived.
 *
 * <pre>{@code
 * RunSeed run = new RunSeed(77, "from @GradientCheck(seed = ...)", "-Dgradcheck.seed=77");
 * String json = JsonReport.render(report, Diagnoses.of(report), run);
 * }</pre>
 *
 * @param seed the seed that re-runs the report, e.g. the master seed of a {@code @GradientCheck} run
 * @param origin where that seed came from, e.g. {@code "from -Dgradcheck.seed"}
 * @param property how to give it, e.g. {@code "-Dgradcheck.seed=77"}
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record RunSeed(long seed, String origin, String property) {

    /**
     * Checks the texts.
     *
     * @param seed see {@link #seed()}
     * @param origin see {@link #origin()}
     * @param property see {@link #property()}
     */
    public RunSeed {
        Objects.requireNonNull(origin, "origin: say where the seed came from, e.g. \"from -Dgradcheck.seed\"");
        Objects.requireNonNull(property, "property: say how to give the seed, e.g. \"-Dgradcheck.seed=77\"");
    }

    /**
     * {@return the line that labels a check's own seed}, e.g. {@code check seed: 123, derived from
     * seed 77 (not a seed to re-run with)}
     *
     * @param checkSeed the check's own seed
     */
    public String derived(long checkSeed) {
        return "check seed: " + checkSeed + ", derived from seed " + seed + " (not a seed to re-run with)";
    }

    /**
     * A text report rendered as usual, with the point in full in its first line and its seed line
     * relabelled as derived ({@link #derived}).
     */
    String text(String rendered, io.github.gradcheck.model.Point point, long checkSeed) {
        return text(rendered, point, checkSeed, true);
    }

    /** As {@link #text(String, io.github.gradcheck.model.Point, long)}; the point abbreviated unless {@code full}. */
    String text(String rendered, io.github.gradcheck.model.Point point, long checkSeed, boolean full) {
        String header = " at " + point + "\n";
        int end = rendered.indexOf('\n');
        String first = rendered.substring(0, end + 1);
        if (full && first.endsWith(header)) {
            first = first.substring(0, first.length() - header.length()) + " at " + point.toFullString() + "\n";
        }
        StringBuilder sb = new StringBuilder(first);
        for (String line : rendered.substring(end + 1).split("\n", -1)) {
            if (line.startsWith("seed: " + checkSeed)) {
                line = derived(checkSeed) + line.substring(("seed: " + checkSeed).length());
            }
            sb.append(line).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    /**
     * An HTML page rendered as usual, with the point in full, this seed as the seed (with how to give
     * it), the check's seed labelled as derived, and its embedded text report's seed line relabelled.
     */
    String html(String page, io.github.gradcheck.model.Point point, long checkSeed, String text) {
        // the page holds the point in full once; its embedded text report abbreviates it, as on a console
        String relabelled = text(text, point, checkSeed, false);
        String dl = "<dt>point</dt><dd><code>" + Html.text(point.toString()) + "</code></dd>\n"
                + "<dt>seed</dt><dd><code>" + checkSeed + "</code></dd>\n";
        String ours = "<dt>point</dt><dd><code>" + Html.text(point.toFullString()) + "</code></dd>\n"
                + "<dt>seed</dt><dd><code>" + seed + "</code> (" + Html.text(origin) + "); re-run: <code>"
                + Html.text(property) + "</code></dd>\n"
                + "<dt>check seed</dt><dd><code>" + checkSeed + "</code> (derived from the seed; not a seed to re-run"
                + " with)</dd>\n";
        return page.replace(dl, ours).replace("<pre>" + Html.text(text) + "</pre>", "<pre>" + Html.text(relabelled)
                + "</pre>");
    }

    static void json(JsonWriter w, long checkSeed, RunSeed run) {
        w.name("reproduce").beginObject().field("seed", run.seed()).field("property", run.property())
                .field("origin", run.origin()).field("checkSeed", checkSeed).field("checkSeedDerived", true)
                .endObject();
    }
}
