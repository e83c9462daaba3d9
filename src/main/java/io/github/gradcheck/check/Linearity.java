package io.github.gradcheck.check;

import io.github.gradcheck.internal.format.Numbers;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Whether a node's claimed gradient is linear in the output's cotangent, as a vector–Jacobian
 * product must be: {@code backward(a·u) = a·backward(u)} and, for a vector output,
 * {@code backward(u + v) = backward(u) + backward(v)}. The check costs backward passes only (no
 * finite difference): the backward runs again at a scaled cotangent (by a power of two, so that a
 * linear backward reproduces its claim exactly) or, for a vector output, at two parts of the
 * cotangent. A backward that ignores, overwrites or drops the gradient flowing into it (returns
 * df/dx whatever the upstream gradient is) fails it.
 *
 * @param kind what was found
 * @param test the test, in words, e.g. {@code "the output's cotangent scaled by 4"}
 * @param position the element where it fails worst, as printed (empty for a scalar or when linear)
 * @param expected what a linear backward claims there (e.g. 4 × the first claim)
 * @param found what the backward claimed there
 * @param through the consumer whose contribution to this node is not linear, when the subject
 *     records its edges (empty otherwise, or when linear)
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record Linearity(Kind kind, String test, String position, double expected, double found, String through) {

    /**
     * What the linearity check found.
     *
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    public enum Kind {
        /** The claim is linear in the cotangent, within rounding. */
        LINEAR,
        /**
         * The claim did not change when the cotangent did: the backward ignores (overwrites, drops)
         * the gradient flowing into it.
         */
        IGNORES_UPSTREAM,
        /** The claim changed, but not in proportion: the backward is not linear in its upstream gradient. */
        NOT_LINEAR
    }

    /**
     * Validates.
     *
     * @param kind see {@link #kind()}
     * @param test see {@link #test()}
     * @param position see {@link #position()}
     * @param expected see {@link #expected()}
     * @param found see {@link #found()}
     * @param through see {@link #through()}
     */
    public Linearity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(through, "through");
    }

    /**
     * {@return a linear result}
     *
     * @param test the test, in words
     */
    public static Linearity linear(String test) {
        return new Linearity(Kind.LINEAR, test, "", 0, 0, "");
    }

    /** {@return whether the claim is linear in the cotangent} */
    public boolean linear() {
        return kind == Kind.LINEAR;
    }

    /**
     * {@return the finding in words for node {@code node}}, e.g. {@code "its claimed gradient ignores
     * the upstream gradient: with the output's cotangent scaled by 4 it stayed 0.5 at x[1], where a
     * linear backward gives 2.0"}
     *
     * @param node the node's name
     */
    public String describe(String node) {
        String where = position.isEmpty() ? "" : " at " + node + position;
        String via = through.isEmpty() ? "" : " (its contribution through '" + through + "')";
        return switch (kind) {
            case LINEAR -> "the claimed gradient of '" + node + "' is linear in the upstream gradient (" + test + ")";
            case IGNORES_UPSTREAM -> "the claimed gradient of '" + node + "'" + via + " ignores the upstream gradient:"
                    + " with " + test + " it stayed " + Numbers.full(found) + where + ", where a linear backward gives "
                    + Numbers.full(expected) + " (was the incoming gradient dropped or overwritten?)";
            case NOT_LINEAR -> "the claimed gradient of '" + node + "'" + via + " is not linear in the upstream"
                    + " gradient: with " + test + " it became " + Numbers.full(found) + where
                    + ", where a linear backward gives " + Numbers.full(expected);
        };
    }
}
