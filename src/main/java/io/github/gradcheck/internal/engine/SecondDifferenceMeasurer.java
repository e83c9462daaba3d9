package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Coverage;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.JacobianBlock;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.internal.numeric.Estimate;
import io.github.gradcheck.internal.numeric.SecondDifference;
import io.github.gradcheck.internal.numeric.StepSize;
import io.github.gradcheck.model.Node;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.HessianSubject;
import io.github.gradcheck.subject.Linearization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures a claimed Hessian by second differences of the function (see {@link SecondDifference}),
 * where no verified gradient can be differenced: every entry of the upper triangle once, compared
 * with both the claimed H[i,j] and H[j,i]. In sampled mode (the default above
 * {@link #FULL_LIMIT} inputs' elements) a seeded sample of columns per input, each with every row.
 * The verdicts are those of reverse mode: the tolerance from the estimate's own error, three
 * verdicts, a measurement too coarse inconclusive.
 */
final class SecondDifferenceMeasurer {

    /** {@link CheckMode#AUTO} measures every entry up to this many columns, and samples columns above. */
    static final int FULL_LIMIT = 32;

    private final CheckOptions options;
    private final HessianSubject subject;
    private final Trace trace;
    private final Linearization claims;
    private final Runnable before;
    private final Precision analytic;
    private final double noise;
    private final double columnScale;
    private final List<Node> inputs = new ArrayList<>();
    private final int[] firstColumn;
    private final int columns;
    private final Map<Integer, double[]> claimed = new HashMap<>();
    private final Map<Long, Estimate> measured = new HashMap<>();
    private final double[] rowScale;
    private int evaluations;

    /**
     * @param before run before every evaluation of the user's code (the checkpoint, the reset)
     * @param columnScale the size of the unit directions handed to an HVP
     */
    SecondDifferenceMeasurer(CheckOptions options, HessianSubject subject, Trace trace, Linearization claims,
                             Runnable before, Precision analytic, double columnScale) {
        this.options = options;
        this.subject = subject;
        this.trace = trace;
        this.claims = claims;
        this.before = before;
        this.analytic = analytic;
        this.noise = Math.max(trace.output().value().precision().epsilon(), options.nondeterminismTolerance());
        this.columnScale = columnScale;
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.INPUT) {
                inputs.add(n);
            }
        }
        firstColumn = new int[inputs.size()];
        int at = 0;
        for (int p = 0; p < inputs.size(); p++) {
            firstColumn[p] = at;
            at += inputs.get(p).value().size();
        }
        columns = at;
        rowScale = new double[columns];
        claims.matrix().ifPresent(m -> {
            for (int i = 0; i < columns; i++) {
                for (int j = 0; j < columns; j++) {
                    double a = Math.abs(m.get(i * columns + j));
                    if (Double.isFinite(a)) {
                        rowScale[i] = Math.max(rowScale[i], a);
                    }
                }
            }
        });
    }

    /** The mode {@link CheckMode#AUTO} resolves to for second differences. */
    static CheckMode resolve(CheckMode requested, int columns) {
        if (requested != CheckMode.AUTO) {
            return requested;
        }
        return columns <= FULL_LIMIT ? CheckMode.FULL : CheckMode.SAMPLED;
    }

    int evaluations() {
        return evaluations;
    }

    List<JacobianBlock> measure(CheckMode mode) {
        Map<Integer, List<Integer>> plan = new LinkedHashMap<>();
        for (int p = 0; p < inputs.size(); p++) {
            int n = inputs.get(p).value().size();
            boolean full = mode == CheckMode.FULL || n <= options.sampleSize();
            plan.put(p, full ? ElementPlans.range(0, n) : ElementPlans.sample(n, options.sampleSize(),
                    options.seed() * 0x9E3779B97F4A7C15L + ("second:" + inputs.get(p).name()).hashCode()));
        }
        for (Map.Entry<Integer, List<Integer>> e : plan.entrySet()) {
            for (int local : e.getValue()) {
                claim(firstColumn[e.getKey()] + local);
            }
        }
        List<JacobianBlock> blocks = new ArrayList<>();
        for (int p = 0; p < inputs.size(); p++) {
            int before = evaluations;
            Node input = inputs.get(p);
            TreeMap<Integer, List<ElementComparison>> entries = new TreeMap<>();
            for (int local : plan.get(p)) {
                entries.put(local, column(p, local));
            }
            List<ElementComparison> flat = new ArrayList<>();
            entries.values().forEach(flat::addAll);
            flat = NodeScale.passCoarseAgreements(flat, options.tolerance(), analytic);
            int n = input.value().size();
            CheckMode ran = plan.get(p).size() == n ? CheckMode.FULL : CheckMode.SAMPLED;
            blocks.add(new JacobianBlock(input.name(), input.value().shape(), input.value().precision(),
                    firstColumn[p], flat, List.of(), new Coverage(ran, n, entries.size(), 0, ""), evaluations - before));
        }
        return blocks;
    }

    /** Column {@code c} of the claimed Hessian: from the matrix, or one HVP along a scaled unit direction. */
    private void claim(int c) {
        if (claimed.containsKey(c)) {
            return;
        }
        double[] column = new double[columns];
        if (claims.matrix().isPresent()) {
            Value m = claims.matrix().get();
            for (int i = 0; i < columns; i++) {
                column[i] = m.get(i * columns + c);
            }
        } else {
            Map<String, Value> direction = new LinkedHashMap<>();
            for (int p = 0; p < inputs.size(); p++) {
                Value at = inputs.get(p).value();
                double[] d = new double[at.size()];
                int local = c - firstColumn[p];
                if (local >= 0 && local < d.length) {
                    d[local] = columnScale;
                }
                direction.put(inputs.get(p).name(), Value.of(at.shape(), at.precision(), d));
            }
            before.run();
            Value hv = claims.jvp(direction);
            for (int i = 0; i < columns; i++) {
                column[i] = hv.get(i) / columnScale;
                if (Double.isFinite(column[i])) {
                    rowScale[i] = Math.max(rowScale[i], Math.abs(column[i]));
                }
            }
        }
        claimed.put(c, column);
    }

    /** Every row of column {@code local} of input {@code p}. */
    private List<ElementComparison> column(int p, int local) {
        int c = firstColumn[p] + local;
        double[] column = claimed.get(c);
        Judge judge = new Judge(options.tolerance(), analytic, noise, 0);
        String position = inputs.get(p).value().shape().indexOf(local);
        List<ElementComparison> out = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            Estimate e = entry(i, c);
            double a = column[i];
            if (!Double.isFinite(e.value())) {
                out.add(new ElementComparison(local, position, i, a, Double.NaN, Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY, Verdict.INCONCLUSIVE, Finding.DOMAIN_EDGE));
                continue;
            }
            double tol = judge.tolerance(a, e.value(), e.error(), rowScale[i]);
            Verdict v = judge.verdict(a, e.value(), tol);
            ElementComparison comparison = new ElementComparison(local, position, i, a, e.value(), e.error(), tol, v,
                    v == Verdict.INCONCLUSIVE ? Finding.COARSE : Finding.MEASURED);
            out.add(ColumnMeasurer.nonFiniteClaimFails(comparison));
        }
        return out;
    }

    /** The measured H[i,j] (= H[j,i]), measured once per pair. */
    private Estimate entry(int i, int j) {
        int lo = Math.min(i, j);
        int hi = Math.max(i, j);
        long key = ((long) lo << 32) | hi;
        Estimate e = measured.get(key);
        if (e == null) {
            e = lo == hi ? diagonal(lo) : mixed(lo, hi);
            measured.put(key, e);
        }
        return e;
    }

    private int part(int c) {
        for (int p = inputs.size() - 1; p >= 0; p--) {
            if (c >= firstColumn[p]) {
                return p;
            }
        }
        throw new IndexOutOfBoundsException("column " + c);
    }

    private Estimate diagonal(int c) {
        int p = part(c);
        Node input = inputs.get(p);
        Value base = input.value();
        int local = c - firstColumn[p];
        Value f0 = Value.scalar(trace.output().value().get(0));
        ElementProbe probe = new ElementProbe(base, local, replacement -> Value.scalar(subjectValue(Map.of(
                input.name(), replacement))), List.of(Value.scalar(1)), f0);
        return SecondDifference.diagonal(probe, 0, SecondDifference.starts(base.get(local), base.maxAbs(),
                base.precision()), noise);
    }

    private Estimate mixed(int c1, int c2) {
        int p1 = part(c1);
        int p2 = part(c2);
        Node n1 = inputs.get(p1);
        Node n2 = inputs.get(p2);
        int l1 = c1 - firstColumn[p1];
        int l2 = c2 - firstColumn[p2];
        double x1 = n1.value().get(l1);
        double x2 = n2.value().get(l2);
        Map<String, SecondDifference.PlaneSample> cache = new HashMap<>();
        SecondDifference.Plane plane = (a, b) -> cache.computeIfAbsent(a + "," + b, k -> {
            double m1 = StepSize.displaced(x1, a, n1.value().precision());
            double m2 = StepSize.displaced(x2, b, n2.value().precision());
            Map<String, Value> replaced = new HashMap<>();
            if (p1 == p2) {
                replaced.put(n1.name(), n1.value().with(l1, m1).with(l2, m2));
            } else {
                replaced.put(n1.name(), n1.value().with(l1, m1));
                replaced.put(n2.name(), n2.value().with(l2, m2));
            }
            return new SecondDifference.PlaneSample(m1 - x1, m2 - x2, subjectValue(replaced));
        });
        return SecondDifference.mixed(plane, SecondDifference.starts(x1, n1.value().maxAbs(), n1.value().precision()),
                SecondDifference.starts(x2, n2.value().maxAbs(), n2.value().precision()), noise);
    }

    /** The function at the point with some inputs replaced, counted. */
    private double subjectValue(Map<String, Value> replaced) {
        Point.Builder b = Point.builder();
        for (Node n : trace.nodes()) {
            if (n.kind() == NodeKind.OUTPUT) {
                continue;
            }
            Value v = replaced.getOrDefault(n.name(), n.value());
            if (n.kind() == NodeKind.CONSTANT) {
                b.constant(n.name(), v);
            } else {
                b.input(n.name(), v);
            }
        }
        before.run();
        double value = subject.value(b.build());
        evaluations++;
        return value;
    }
}
