package io.github.gradcheck.internal.engine;

import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes of a {@code double} subject whose values were rounded to {@code float}: code that
 * computes {@code s[i] = (float) Math.sin(x[i])} and stores it in a {@code double[]}. Such a node
 * is a staircase in its inputs — flat between neighbouring floats — so a step smaller than a
 * tread measures the derivative without that node's path, and the noise of the output, measured
 * at a spacing where no tread edge falls, reads as double rounding. The check then assumes float
 * rounding as the noise of every evaluation, which keeps its steps above the treads.
 *
 * <p>A node counts only when every element is a float and at least one needs more than
 * {@value #SHORT_MANTISSA} bits of mantissa: values that are short binary fractions (0, 1, 0.5,
 * small integers, masks, one-hot vectors) are floats by nature, not by rounding. A double that
 * is not rounded to float is a float by chance with a probability of about 2^-29 per element.
 */
final class FloatQuantizedNodes {

    /** Mantissa bits that values such as 0.75 or 12 need at most, floats without being rounded. */
    static final int SHORT_MANTISSA = 12;

    private FloatQuantizedNodes() {
    }

    /**
     * {@return the names of the intermediate nodes of {@code trace} holding double values rounded
     * to float} (an output rounded to float shows its staircase to the noise measurement itself)
     */
    static List<String> in(Trace trace) {
        List<String> found = new ArrayList<>();
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.INTERMEDIATE && isRoundedToFloat(n.value())) {
                found.add(n.name());
            }
        }
        return found;
    }

    static boolean isRoundedToFloat(Value v) {
        if (v.precision() != Precision.DOUBLE || v.size() == 0) {
            return false;
        }
        boolean longMantissa = false;
        for (int i = 0; i < v.size(); i++) {
            double x = v.get(i);
            if (!Double.isFinite(x) || (double) (float) x != x) {
                return false;
            }
            longMantissa |= mantissaBits((float) x) > SHORT_MANTISSA;
        }
        return longMantissa;
    }

    /** The bits of mantissa {@code f} needs (its leading one included; 0 for 0). */
    private static int mantissaBits(float f) {
        if (f == 0) {
            return 0;
        }
        int mantissa = Float.floatToRawIntBits(Math.abs(f)) & ((1 << 23) - 1);
        return mantissa == 0 ? 1 : 24 - Integer.numberOfTrailingZeros(mantissa);
    }
}
