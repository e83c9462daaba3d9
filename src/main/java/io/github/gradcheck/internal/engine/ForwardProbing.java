package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.Linearization;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;

/**
 * What the measurement of every column of one forward-mode check shares.
 *
 * @param options the check's options (tolerance, seed, sample size, directions)
 * @param trace the function at the point: its inputs and output
 * @param claims what the subject claims: the matrix, or its products
 * @param rows the output components, each a unit cotangent: the rows of the matrix
 * @param evaluate for each input's name, the output with that input replaced (counted)
 * @param evaluations the evaluations of the function spent so far
 * @param noise the relative rounding noise of one evaluation of the output
 * @param analytic the precision the claimed derivative is computed in
 * @param columnScale the factor a unit tangent is multiplied by before it is handed to a JVP (not
 *     a power of two, so that a JVP that ignores its tangent's size is caught)
 */
record ForwardProbing(CheckOptions options, Trace trace, Linearization claims, List<Value> rows,
                      Function<String, UnaryOperator<Value>> evaluate, IntSupplier evaluations, double noise,
                      Precision analytic, double columnScale) {

    /** Unit cotangents e_0 .. e_(m−1) over the output: reducing the output with each reads one component. */
    static List<Value> unitRows(Value output) {
        int m = output.size();
        Value[] rows = new Value[m];
        for (int i = 0; i < m; i++) {
            double[] e = new double[m];
            e[i] = 1;
            rows[i] = Value.of(output.shape(), output.precision(), e);
        }
        return List.of(rows);
    }
}
