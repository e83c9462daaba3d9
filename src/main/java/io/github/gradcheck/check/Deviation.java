package io.github.gradcheck.check;

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import org.apiguardian.api.API;

/**
 * How a node's claimed gradient deviates from the true one on purpose, and by how much: declared
 * with {@link CheckOptions#withDeviation(String, Deviation)}. A deviation that says how much is
 * checked: the node "deviates as declared" only where its claim equals the intended value within
 * the comparison's tolerance; any other error at that node still fails.
 *
 * <pre>{@code
 * // sigmoid's derivative with a flat-spot fix: σ'(z) + 0.1 instead of σ'(z), times the upstream gradient
 * Deviation flatSpot = Deviation.intended("flat spot: sigmoid' + 0.1 on purpose",
 *         (z, measured) -> measured * (sigmoidDerivative(z) + 0.1) / sigmoidDerivative(z));
 * }</pre>
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public sealed interface Deviation permits Deviation.Intended, Deviation.Bounded, Deviation.Unstated {

    /** {@return why the node deviates, for reports} */
    String why();

    /**
     * {@return a deviation to the intended gradient {@code intended(value, measured)}}, element by
     * element: the node's value at the element and the measured (true) gradient there, per unit of
     * the output (for a vector output, of its cotangent's dot product with it), give the value the
     * claim must have
     *
     * @param why the reason, shown in reports
     * @param intended the intended claim at one element, from the node's value there and the
     *     measured gradient there
     */
    static Deviation intended(String why, DoubleBinaryOperator intended) {
        return new Intended(why, intended);
    }

    /**
     * {@return a deviation of at most {@code bound} from the true gradient at every element}
     * (absolute, per unit of the output)
     *
     * @param why the reason, shown in reports
     * @param bound the largest accepted |claim − true gradient| beyond the comparison's tolerance,
     *     not negative
     */
    static Deviation atMost(String why, double bound) {
        return new Bounded(why, bound);
    }

    /**
     * {@return a deviation that says neither what the gradient should be nor by how much}: every
     * error at the node is accepted, and so a real bug there is hidden too. What
     * {@link CheckOptions#withDeviation(String, String)} declares; prefer {@link #intended} or
     * {@link #atMost}.
     *
     * @param why the reason, shown in reports
     */
    static Deviation unstated(String why) {
        return new Unstated(why);
    }

    /**
     * The intended claim, element by element.
     *
     * @param why the reason
     * @param intended the intended claim at one element, from the node's value and the measured gradient there
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    record Intended(String why, DoubleBinaryOperator intended) implements Deviation {

        /**
         * Validates.
         *
         * @param why the reason, not null
         * @param intended the intended claim, not null
         */
        public Intended {
            requireWhy(why);
            Objects.requireNonNull(intended, "the deviation '" + why + "' needs its intended gradient, got null");
        }
    }

    /**
     * A bound on the deviation at every element.
     *
     * @param why the reason
     * @param bound the largest accepted |claim − true gradient| beyond the comparison's tolerance
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    record Bounded(String why, double bound) implements Deviation {

        /**
         * Validates.
         *
         * @param why the reason, not null
         * @param bound the bound, not negative and not NaN
         */
        public Bounded {
            requireWhy(why);
            if (!(bound >= 0)) {
                throw new IllegalArgumentException("the deviation '" + why + "' needs a bound of 0 or more, got "
                        + bound);
            }
        }
    }

    /**
     * A deviation of unstated size: every error at the node is accepted.
     *
     * @param why the reason
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    record Unstated(String why) implements Deviation {

        /**
         * Validates.
         *
         * @param why the reason, not null
         */
        public Unstated {
            requireWhy(why);
        }
    }

    private static void requireWhy(String why) {
        Objects.requireNonNull(why, "a deviation needs a reason, got null; e.g. Deviation.atMost(\"flat spot on"
                + " purpose\", 0.1)");
    }
}
