package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Coverage;
import io.github.gradcheck.check.DirectionComparison;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.JacobianBlock;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.Linearization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Measures the columns of the Jacobian that belong to one differentiable input, in one
 * {@link CheckMode}: every column (one perturbed element, every output component compared); or
 * random Gaussian tangents through the input and sampled columns, narrowed to columns when they
 * find the input's columns wrong. The measurement of each column or tangent is
 * {@link ProbeComparison}'s, exactly as for a node in reverse mode: the output components are
 * the unit cotangents of the probe, so one probe measures a whole column.
 *
 * <p>Every random choice is drawn from the seed and the input's name, so the result is
 * reproducible.
 */
final class ColumnMeasurer {

    private final ForwardProbing probing;
    private final CheckOptions options;
    private final Node node;
    private final Value base;
    private final int firstColumn;
    private final int rows;
    private final double typical;
    private final UnaryOperator<Value> evaluate;
    private final Optional<Value> matrix;
    private final int matrixColumns;
    /** The claimed columns, by element, as far as they were claimed. */
    private final Map<Integer, double[]> claimed = new LinkedHashMap<>();
    private final TreeMap<Integer, List<ElementComparison>> entries = new TreeMap<>();
    private final List<DirectionComparison> tangents = new ArrayList<>();
    private double[] rowScale;
    /** Per row, Σ|J<sub>ij</sub>·x<sub>j</sub>| over the claimed columns: that output component's noise floor. */
    private double[] rowTerms;
    private Judge judge;
    private int drawn;

    ColumnMeasurer(ForwardProbing probing, String input, int firstColumn) {
        this.probing = probing;
        this.options = probing.options();
        this.node = probing.trace().node(input);
        this.base = node.value();
        this.firstColumn = firstColumn;
        this.rows = probing.rows().size();
        this.typical = base.maxAbs();
        this.evaluate = probing.evaluate().apply(input);
        this.matrix = probing.claims().matrix();
        this.matrixColumns = matrix.map(m -> m.shape().dim(1)).orElse(0);
    }

    JacobianBlock measure(CheckMode mode) {
        int before = probing.evaluations().getAsInt();
        int n = base.size();
        boolean small = switch (mode) {
            case FULL -> true;
            case FAST -> n <= options.directions() + options.sampleSize();
            case SAMPLED -> n <= options.sampleSize();
            case AUTO -> throw new IllegalArgumentException("the check resolves CheckMode.AUTO before it measures");
        };
        CheckMode ran = small ? CheckMode.FULL : mode;
        String narrowing = "";
        List<Integer> first = small ? ElementPlans.range(0, n) : ElementPlans.sample(n, options.sampleSize(), seed(-1));
        claimColumns(first);
        prepareJudge();
        if (!small && mode == CheckMode.FAST) {
            for (int d = 0; d < options.directions(); d++) {
                measureTangent(drawn++, 0, n);
            }
        }
        measureColumns(first);
        if (!small && failed()) {
            narrowing = narrow();
        }
        List<ElementComparison> flat = new ArrayList<>();
        for (List<ElementComparison> e : entries.values()) {
            flat.addAll(e);
        }
        flat = NodeScale.passCoarseAgreements(flat, options.tolerance(), probing.analytic());
        Coverage coverage = new Coverage(ran, n, entries.size(), drawn, narrowing);
        return new JacobianBlock(node.name(), base.shape(), base.precision(), firstColumn, flat, tangents, coverage,
                probing.evaluations().getAsInt() - before);
    }

    // ---- claims -------------------------------------------------------------------------------

    /** Claims the columns of {@code elements} not claimed yet: from the matrix, or one JVP each. */
    private void claimColumns(List<Integer> elements) {
        for (int j : elements) {
            if (claimed.containsKey(j)) {
                continue;
            }
            double[] column = new double[rows];
            if (matrix.isPresent()) {
                Value m = matrix.get();
                for (int i = 0; i < rows; i++) {
                    column[i] = m.get(i * matrixColumns + firstColumn + j);
                }
            } else {
                double c = probing.columnScale();
                double[] t = new double[base.size()];
                t[j] = c;
                Value jt = jvp(t);
                for (int i = 0; i < rows; i++) {
                    column[i] = jt.get(i) / c;
                }
            }
            claimed.put(j, column);
        }
    }

    /** The claimed J·t for a tangent {@code t} of this input (every other input's tangent 0). */
    private Value jvp(double[] t) {
        Linearization claims = probing.claims();
        Map<String, Value> tangents = new LinkedHashMap<>();
        for (int p = 0; p < claims.inputs().size(); p++) {
            String input = claims.inputs().get(p);
            Value at = probing.trace().node(input).value();
            tangents.put(input, input.equals(node.name()) ? Value.of(at.shape(), at.precision(), t)
                    : Value.zeros(at.shape(), at.precision()));
        }
        return claims.jvp(tangents);
    }

    /**
     * The scale of each row's claimed entries in this block (the largest magnitude of the claimed
     * columns), the rounding level of each entry as in reverse mode; each row's Σ|x<sub>j</sub>·J<sub>ij</sub>|,
     * the noise floor of its own output component; and the judge, whose node-wide floor is that sum at
     * its largest over the rows.
     */
    private void prepareJudge() {
        rowScale = new double[rows];
        double terms = 0;
        double[] perRow = new double[rows];
        if (matrix.isPresent()) {
            Value m = matrix.get();
            for (int j = 0; j < base.size(); j++) {
                for (int i = 0; i < rows; i++) {
                    double a = m.get(i * matrixColumns + firstColumn + j);
                    if (Double.isFinite(a)) {
                        rowScale[i] = Math.max(rowScale[i], Math.abs(a));
                        perRow[i] += Math.abs(a * base.get(j));
                    }
                }
            }
        } else {
            for (Map.Entry<Integer, double[]> e : claimed.entrySet()) {
                for (int i = 0; i < rows; i++) {
                    double a = e.getValue()[i];
                    if (Double.isFinite(a)) {
                        rowScale[i] = Math.max(rowScale[i], Math.abs(a));
                        perRow[i] += Math.abs(a * base.get(e.getKey()));
                    }
                }
            }
        }
        rowTerms = new double[rows];
        for (int i = 0; i < rows; i++) {
            double t = Double.isFinite(perRow[i]) ? perRow[i] : 0;
            rowTerms[i] = t;
            terms = Math.max(terms, t);
        }
        judge = new Judge(options.tolerance(), probing.analytic(), probing.noise(), terms);
    }

    // ---- plans --------------------------------------------------------------------------------

    private long seed(long stream) {
        long h = options.seed() * 0x9E3779B97F4A7C15L + ("forward:" + node.name()).hashCode();
        return h * 0xBF58476D1CE4E5B9L + stream;
    }

    private boolean failed() {
        for (List<ElementComparison> es : entries.values()) {
            for (ElementComparison e : es) {
                if (e.verdict() == Verdict.FAIL) {
                    return true;
                }
            }
        }
        return tangents.stream().anyMatch(d -> d.verdict() == Verdict.FAIL);
    }

    /**
     * Narrows failing columns down: an input of at most {@link NodeMeasurer#NARROW_ALL_LIMIT}
     * elements has all its columns checked; a larger one is bisected along random tangents of each
     * half, down to {@link NodeMeasurer#BISECTION_LEAF} columns, which are all checked.
     */
    private String narrow() {
        int n = base.size();
        if (n <= NodeMeasurer.NARROW_ALL_LIMIT) {
            List<Integer> rest = unchecked(0, n);
            claimColumns(rest);
            measureColumns(rest);
            return "narrowed to all " + n + " columns after a failure";
        }
        int lo = 0;
        int hi = n;
        int halvings = 0;
        while (hi - lo > NodeMeasurer.BISECTION_LEAF) {
            int mid = (lo + hi) >>> 1;
            DirectionComparison chosen = null;
            for (int attempt = 0; attempt < 2 && chosen == null; attempt++) {
                List<DirectionComparison> halves = new ArrayList<>(measureTangent(drawn++, lo, mid));
                halves.addAll(measureTangent(drawn++, mid, hi));
                for (DirectionComparison d : halves) {
                    if (d.verdict() == Verdict.FAIL && (chosen == null || d.severity() > chosen.severity())) {
                        chosen = d;
                    }
                }
            }
            if (chosen == null) {
                return "narrowing by bisection lost the failure at columns " + base.shape().indexOf(lo) + ".."
                        + base.shape().indexOf(hi - 1) + " after " + halvings + " halvings (random tangents over both"
                        + " halves passed)";
            }
            lo = chosen.from();
            hi = chosen.to();
            halvings++;
        }
        List<Integer> leaf = unchecked(lo, hi);
        claimColumns(leaf);
        measureColumns(leaf);
        return "narrowed by bisection (" + halvings + " halvings) to columns " + base.shape().indexOf(lo) + ".."
                + base.shape().indexOf(hi - 1) + " after a failure";
    }

    private List<Integer> unchecked(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int j = from; j < to; j++) {
            if (!entries.containsKey(j)) {
                out.add(j);
            }
        }
        return out;
    }

    // ---- probes -------------------------------------------------------------------------------

    private void measureColumns(List<Integer> columns) {
        for (int j : columns) {
            entries.put(j, column(j));
        }
    }

    /** Column j: the input's element j perturbed alone, every output component read off. */
    private List<ElementComparison> column(int j) {
        double[] analytic = claimed.get(j);
        ElementProbe probe = new ElementProbe(base, j, evaluate, probing.rows(), probing.trace().output().value());
        String position = base.shape().indexOf(j);
        List<ProbeComparison.Outcome> measured = ProbeComparison.measure(probe,
                new Coordinate(base.get(j), typical, base.precision()), new Claim(analytic.clone(), rowScale, rowScale, rowTerms),
                judge);
        List<ElementComparison> out = new ArrayList<>(measured.size());
        for (ProbeComparison.Outcome o : measured) {
            out.add(nonFiniteClaimFails(o.at(j, position)));
        }
        return out;
    }

    /** A Gaussian tangent over elements {@code from..to-1}: J·t claimed against the directional difference. */
    private List<DirectionComparison> measureTangent(int id, int from, int to) {
        SplittableRandom random = new SplittableRandom(seed(id));
        double[] u = new double[to - from];
        for (int i = 0; i < u.length; i++) {
            u[i] = random.nextGaussian();
        }
        double[] analytic = new double[rows];
        double[] cancellation = new double[rows];
        if (matrix.isPresent()) {
            Value m = matrix.get();
            for (int i = 0; i < rows; i++) {
                double a = 0;
                double c = 0;
                for (int l = 0; l < u.length; l++) {
                    double t = m.get(i * matrixColumns + firstColumn + from + l) * u[l];
                    a += t;
                    c += Math.abs(t);
                }
                analytic[i] = a;
                cancellation[i] = Double.isFinite(c) ? c : 0;
            }
        } else {
            double[] t = new double[base.size()];
            System.arraycopy(u, 0, t, from, u.length);
            Value jt = jvp(t);
            for (int i = 0; i < rows; i++) {
                analytic[i] = jt.get(i);
            }
        }
        DirectionProbe probe = new DirectionProbe(base, u, from, evaluate, probing.rows(),
                probing.trace().output().value());
        List<ProbeComparison.Outcome> measured = ProbeComparison.measure(probe, new Coordinate(0, typical,
                base.precision()), new Claim(analytic, cancellation), judge.noisierThan(base.precision().epsilon()));
        List<DirectionComparison> out = new ArrayList<>(measured.size());
        for (ProbeComparison.Outcome o : measured) {
            DirectionComparison d = o.along(id, from, to);
            if (!Double.isFinite(d.analytic()) && Double.isFinite(d.numeric())) {
                d = new DirectionComparison(d.direction(), d.from(), d.to(), d.cotangent(), d.analytic(), d.numeric(),
                        d.errorEstimate(), d.tolerance(), Verdict.FAIL, Finding.MEASURED);
            }
            out.add(d);
        }
        tangents.addAll(out);
        return out;
    }

    /** A claimed entry that is NaN or infinite where the measurement is finite is wrong, whatever the tolerance. */
    static ElementComparison nonFiniteClaimFails(ElementComparison e) {
        if (Double.isFinite(e.analytic()) || !Double.isFinite(e.numeric())) {
            return e;
        }
        return new ElementComparison(e.index(), e.position(), e.cotangent(), e.analytic(), e.numeric(),
                e.errorEstimate(), e.tolerance(), Verdict.FAIL, Finding.MEASURED);
    }
}
