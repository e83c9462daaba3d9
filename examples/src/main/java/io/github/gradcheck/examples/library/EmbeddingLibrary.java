package io.github.gradcheck.examples.library;

import java.util.SplittableRandom;

/**
 * An embedding lookup as a library writes it: the input is a sequence of token indices
 * ({@code int[]}), the output one row of the table per token, and the backward adds each output
 * row's gradient to its token's row of the table's gradient (a token seen twice gets both).
 *
 * <p>It can be built with the classic bug of such code: the table's gradient row assigned instead
 * of added to, so a repeated token keeps only its last occurrence's gradient.
 */
public final class EmbeddingLibrary {

    private final double[][] table;
    private final boolean overwriteBug;
    private int[] tokens;
    private double[][] tableGradient;

    /**
     * A table of {@code vocabulary} rows of {@code dimension} entries drawn from {@code seed}.
     *
     * @param vocabulary the number of tokens
     * @param dimension the size of each embedding
     * @param seed the seed of the table
     * @param overwriteBug whether the backward assigns a token's gradient row instead of adding to it
     */
    public EmbeddingLibrary(int vocabulary, int dimension, long seed, boolean overwriteBug) {
        SplittableRandom random = new SplittableRandom(seed);
        this.table = new double[vocabulary][];
        for (int t = 0; t < vocabulary; t++) {
            table[t] = random.doubles(dimension, -1, 1).toArray();
        }
        this.overwriteBug = overwriteBug;
    }

    /** The forward: the rows of the tokens, one per token. */
    public double[][] forward(int[] input) {
        tokens = input.clone();
        double[][] rows = new double[tokens.length][];
        for (int k = 0; k < tokens.length; k++) {
            rows[k] = table[tokens[k]].clone();
        }
        return rows;
    }

    /** The backward: the table's gradient; the tokens are indices, with no gradient. */
    public int[] backward(double[][] gradRows) {
        tableGradient = new double[table.length][table[0].length];
        for (int k = 0; k < tokens.length; k++) {
            for (int d = 0; d < gradRows[k].length; d++) {
                if (overwriteBug) {
                    tableGradient[tokens[k]][d] = gradRows[k][d];
                } else {
                    tableGradient[tokens[k]][d] += gradRows[k][d];
                }
            }
        }
        return null;
    }

    /** The live table, one row per token. */
    public double[][] table() {
        return table;
    }

    /** The last backward's gradient of the table. */
    public double[][] tableGradient() {
        return tableGradient;
    }
}
