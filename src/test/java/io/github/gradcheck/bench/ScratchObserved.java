package io.github.gradcheck.bench;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.check.CotangentMode;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Point;
import java.util.SplittableRandom;

public final class ScratchObserved {
    public static void main(String[] args) {
        String which = args[0];
        int k = Integer.parseInt(args[1]);
        int show = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ObservedCase c = ObservedCases.all().stream().filter(x -> x.name.startsWith(which)).findFirst().orElseThrow();
        ObservedBenchmark.Condition condition = ObservedBenchmark.conditions(c.group).get(k);
        GradientChecker checker = new GradientChecker(c.options(CheckOptions.defaults().withCotangents(CotangentMode.RANDOM)));
        SplittableRandom random = new SplittableRandom(7919L * k + c.name.hashCode());
        int shown = 0;
        for (int p = 0; p < 200 && shown < show; p++) {
            Point point = c.draw(random);
            int element = random.nextInt(1 << 20);
            double size = condition.size() * (random.nextBoolean() ? 1 : -1);
            if (condition.noiseRelative()) {
                size *= Math.max(c.relativeNoise(point, element), 1e-15);
            }
            GradientReport r = checker.check(c.subject(condition.bug(), size, element, point), point);
            boolean bad = k == 0 ? r.verdict() != Verdict.PASS : r.verdict() != Verdict.FAIL;
            if (bad) {
                shown++;
                System.out.println("point " + point + " element " + element + " size " + size + " -> " + r.verdict());
                for (NodeReport n : r.nodes()) {
                    n.elements().stream().filter(e -> e.verdict() != Verdict.PASS || k > 0).forEach(e -> System.out.println("  " + n.name() + " " + e));
                }
            }
        }
    }
}
