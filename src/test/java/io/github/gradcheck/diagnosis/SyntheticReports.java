package io.github.gradcheck.diagnosis;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.CheckMode;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.Coverage;
import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.NodeKind;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reports built by hand, so that each pattern can be tested at exact numbers: a node with the
 * given analytic and numeric values, a tolerance of 1e-6 per element, verdicts as the engine
 * would give them.
 */
final class SyntheticReports {

    static final double TOL = 1e-6;

    private SyntheticReports() {
    }

    static NodeReport node(String name, Shape shape, double[] analytic, double[] numeric, String... consumers) {
        List<ElementComparison> elements = new ArrayList<>();
        for (int i = 0; i < analytic.length; i++) {
            Verdict v = Math.abs(analytic[i] - numeric[i]) <= TOL ? Verdict.PASS : Verdict.FAIL;
            elements.add(new ElementComparison(i, shape.indexOf(i), 0, analytic[i], numeric[i], TOL / 10, TOL, v,
                    Finding.MEASURED));
        }
        return new NodeReport(name, NodeKind.INTERMEDIATE, shape, Precision.DOUBLE, List.of(consumers), elements, 0,
                Optional.empty(), List.of(), Coverage.full(shape.size()));
    }

    static NodeReport output() {
        return node("out", Shape.scalar(), new double[] {1}, new double[] {1});
    }

    /** A report with the output and the given nodes; the first wrong one is the origin, the others consequences. */
    static GradientReport report(NodeReport... nodes) {
        List<NodeReport> all = new ArrayList<>();
        all.add(output());
        List<String> wrong = new ArrayList<>();
        for (NodeReport n : nodes) {
            all.add(n);
            if (n.verdict() == Verdict.FAIL) {
                wrong.add(n.name());
            }
        }
        Blame blame = wrong.isEmpty() ? Blame.none()
                : new Blame(Optional.of(wrong.get(0)), List.of(), wrong.subList(1, wrong.size()), List.of());
        return new GradientReport("synthetic", Point.of("x", 1.0), CheckOptions.defaults(), all, blame, 0, 0, 1,
                "nothing", List.of(), CheckMode.FULL, Duration.ZERO);
    }

    static double[] times(double c, double[] xs) {
        double[] out = xs.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= c;
        }
        return out;
    }

    static double[] transpose(int n, double[] xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[j * n + i] = xs[i * n + j];
            }
        }
        return out;
    }
}
