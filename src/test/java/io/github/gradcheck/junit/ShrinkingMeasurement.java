package io.github.gradcheck.junit;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.input.InputSpace;
import io.github.gradcheck.input.ShrinkResult;
import io.github.gradcheck.input.Shrinker;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.Subject;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Shrinking before and after it kept the bug, side by side: for subjects whose bug hides at zero,
 * how often the shrunk point still shows the failure as the first-found point did (the same
 * signature, as clearly), with the old rule (any FAIL blaming the same node) and the new one
 * ({@link FailureSignature}), and what each spent. Run with
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=io.github.gradcheck.junit.ShrinkingMeasurement}.
 */
public final class ShrinkingMeasurement {

    private ShrinkingMeasurement() {
    }

    public static void main(String[] args) {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        measure("relu layer (W gradient ×2)", Sequential.of("relu layer", new ShrinkingKeepsTheBugTests.ReluDense(),
                new ShrinkingKeepsTheBugTests.Loss()), InputSpace.builder().input("x", Domain.uniform(-2, 2).shape(2))
                .build(), points);
        measure("layer norm (missing −mean(g))", Sequential.of("layer norm", new ShrinkingKeepsTheBugTests.LayerNorm(),
                new ShrinkingKeepsTheBugTests.Loss()), InputSpace.builder().input("x", Domain.uniform(-2, 2).shape(4))
                .build(), points);
        measureWorkedExample(points);
    }

    private static void measureWorkedExample(int points) {
        measure("worked example, traced (flipped sign)", io.github.gradcheck.examples.WorkedExample.traced(true),
                InputSpace.builder().input("x", Domain.uniform(-4, 4)).input("y", Domain.uniform(-4, 4)).build(),
                points);
    }

    private static void measure(String name, Subject subject, InputSpace space, int points) {
        int failing = 0;
        int[] kept = new int[2];
        long[] checks = new long[2];
        int[] failedElementsLost = new int[2];
        for (int seed = 1; seed <= points; seed++) {
            Point drawn = space.point(0, new SplittableRandom(seed));
            GradientReport first = GradCheck.check(subject, drawn);
            if (first.verdict() != Verdict.FAIL) {
                continue;
            }
            failing++;
            FailureSignature signature = FailureSignature.of(first);
            Optional<String> origin = first.blame().origin();
            for (int rule = 0; rule < 2; rule++) {
                GradientReport[] latest = {first};
                boolean old = rule == 0;
                Predicate<Point> stillFails = candidate -> {
                    GradientReport r = GradCheck.check(subject, candidate);
                    boolean same = r.verdict() == Verdict.FAIL && (old ? r.blame().origin().equals(origin)
                            : FailureSignature.of(r).keeps(signature));
                    if (same) {
                        latest[0] = r;
                    }
                    return same;
                };
                ShrinkResult shrunk = Shrinker.within(space).maxEvaluations(100).shrink(drawn, stillFails);
                checks[rule] += shrunk.evaluations();
                if (FailureSignature.of(latest[0]).keeps(signature)) {
                    kept[rule]++;
                }
                long before = first.nodes().stream().mapToLong(n -> n.failedElements()).sum();
                long after = latest[0].nodes().stream().mapToLong(n -> n.failedElements()).sum();
                if (after < before) {
                    failedElementsLost[rule]++;
                }
            }
        }
        System.out.printf("%s: %d failing points of %d%n", name, failing, points);
        String[] rules = {"old (same blamed node)", "new (same signature, as clearly)"};
        for (int rule = 0; rule < 2; rule++) {
            System.out.printf("  %-34s shrunk point shows the first one's failure as clearly: %d/%d;"
                    + " fewer wrong elements than at first: %d; checks spent: %.1f per failure%n", rules[rule],
                    kept[rule], failing, failedElementsLost[rule], failing == 0 ? 0 : (double) checks[rule] / failing);
        }
    }
}
