package io.github.gradcheck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.check.CotangentMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fast subset of every subject class of the verdict benchmark's issue-11 part (a few points per
 * class, mode and condition): the targets that must hold at every point hold here too.
 */
class ObservedClassesTests {

    @Test
    void everyClassInBothModes() {
        List<ObservedBenchmark.Row> rows = ObservedBenchmark.run(6);
        for (ObservedBenchmark.Row r : rows) {
            String where = r.c.name + " (" + r.mode + ")";
            assertThat(r.fail[0]).as("false failures of %s", where).isZero();
            switch (r.c.group) {
                case SMOOTH -> {
                    assertThat(r.inconclusive[0]).as("inconclusive correct points of %s", where).isZero();
                    for (int k = 1; k < r.conditions.size(); k++) {
                        assertThat(r.fail[k]).as("%s, %s", where, r.conditions.get(k).label()).isEqualTo(r.points);
                    }
                }
                case NOISY -> assertThat(r.fail[1]).as("bugs of 1e-2 in %s", where)
                        .isGreaterThanOrEqualTo(r.points - 1);
                case NON_FINITE, IGNORES_UPSTREAM, DEVIATION -> assertThat(r.fail[1]).as("bugs in %s", where)
                        .isEqualTo(r.points);
            }
        }
        assertThat(rows).extracting(r -> r.mode).contains(CotangentMode.RANDOM, CotangentMode.FULL_JACOBIAN);
    }
}
