package io.github.gradcheck.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.internal.numeric.Sample;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pending failures keep their samples within a count and a size, over every node of a check. */
class KeptSamplesTests {

    /** A pending failure with {@code samples} samples of {@code cotangents} cotangents each. */
    private static ProbeComparison.Pending pending(int samples, int cotangents) {
        Map<Double, Sample> map = new HashMap<>();
        for (int i = 1; i <= samples; i++) {
            map.put((double) i, new Sample(i, new double[cotangents], new double[cotangents], false));
        }
        return new ProbeComparison.Pending(0, new Claim(new double[cotangents], new double[cotangents]), 1, null, map,
                true);
    }

    @Test
    void aScalarOutputKeepsTheSamplesOfTheFirst4096Failures() {
        KeptSamples kept = new KeptSamples();
        for (int i = 0; i < KeptSamples.FAILURES; i++) {
            assertThat(kept.keep(pending(20, 1)).samples()).hasSize(20);
        }
        assertThat(kept.keep(pending(20, 1)).samples()).isEmpty();
    }

    @Test
    void thousandsOfCotangentsKeepTheSamplesOfFewerFailuresWithinSixteenMebibytes() {
        // before: 4096 failures whatever the cotangents, 4096 · 20 · 2 · 1000 doubles = 1.3 GB for a full Jacobian of a
        // 1000-element output
        KeptSamples kept = new KeptSamples();
        long within = KeptSamples.VALUES / (20L * 2 * 1000);
        for (int i = 0; i < within; i++) {
            assertThat(kept.keep(pending(20, 1000)).samples()).as("failure %d", i).hasSize(20);
        }
        assertThat(kept.keep(pending(20, 1000)).samples()).isEmpty();
        assertThat(kept.keep(pending(20, 1)).samples()).as("the budget is spent").isEmpty();
    }
}
