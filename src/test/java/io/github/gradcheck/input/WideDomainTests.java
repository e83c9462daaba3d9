package io.github.gradcheck.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Value;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Domains at the edges of the numbers: any finite range is drawn from without overflow (its
 * width may exceed {@code Double.MAX_VALUE}), and shapes or precisions that cannot hold a value
 * are configuration errors naming the domain, never an {@link IllegalArgumentException} of the
 * JDK's or a message about kinks nobody declared.
 */
class WideDomainTests {

    @Test
    void aRangeWiderThanTheLargestDoubleIsDrawnFromAcrossItsWidth() {
        for (double bound : new double[] {1e308, Double.MAX_VALUE}) {
            Domain d = Domain.uniform(-bound, bound).withoutEdgeValues();
            SplittableRandom random = new SplittableRandom(5);
            Set<Double> seen = new HashSet<>();
            int negative = 0;
            for (int i = 0; i < 200; i++) {
                double x = d.draw(random).asScalar();
                assertThat(x).isBetween(-bound, bound);
                assertThat(d.containsElement(x)).isTrue();
                seen.add(x);
                negative += x < 0 ? 1 : 0;
            }
            assertThat(seen).as("distinct draws from ±%s", bound).hasSizeGreaterThan(190);
            assertThat(negative).as("draws below 0").isBetween(60, 140);
        }
    }

    @Test
    void aWideRangeWithAKinkWeighsBothPiecesByTheirLength() {
        Domain d = Domain.uniform(-Double.MAX_VALUE, Double.MAX_VALUE / 2).awayFrom(0, 1).withoutEdgeValues();
        SplittableRandom random = new SplittableRandom(9);
        int negative = 0;
        for (int i = 0; i < 300; i++) {
            negative += d.draw(random).asScalar() < 0 ? 1 : 0;
        }
        assertThat(negative).as("two thirds of the range is below the kink").isBetween(160, 240);
    }

    @Test
    void shrinkingInAWideRangeStaysInsideIt() {
        Domain d = Domain.uniform(Double.MAX_VALUE / 4, Double.MAX_VALUE);
        double half = d.halfway(Double.MAX_VALUE, Double.MAX_VALUE / 4);
        assertThat(half).isBetween(Double.MAX_VALUE / 4, Double.MAX_VALUE).isFinite();
    }

    @Test
    void aShapeWithMoreElementsThanAnArrayHoldsIsAConfigurationErrorNamingTheDomain() {
        assertThatThrownBy(() -> Domain.uniform(-1, 1).shape(100000, 100000))
                .isInstanceOf(DomainException.class)
                .hasMessage("uniform(-1.0, 1.0) with shape [100000, 100000] has 10000000000 elements; an input holds"
                        + " at most 2147483639 (the largest Java array): choose smaller dimensions");
        assertThatThrownBy(() -> Domain.uniform(-1, 1).matrix(65536, 65536)).isInstanceOf(DomainException.class);
    }

    @Test
    void aShapeLargerThanTheHeapIsAConfigurationErrorNamingTheMemory() {
        long max = Runtime.getRuntime().maxMemory();
        int side = (int) Math.min(46000, Math.ceil(Math.sqrt(max / 8.0)) + 1);
        if ((long) side * side * 8 <= max / 2) {
            return; // a heap too large for any array: nothing to refuse
        }
        assertThatThrownBy(() -> Domain.uniform(-1, 1).matrix(side, side))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("uniform(-1.0, 1.0) with shape [" + side + ", " + side + "]")
                .hasMessageContaining("MiB the JVM may use (-Xmx)");
    }

    @Test
    void aFloatDomainBeyondTheFloatRangeIsAConfigurationErrorAboutTheRange() {
        assertThatThrownBy(() -> Domain.uniform(-1e300, 1e300).precision(Precision.FLOAT))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("uniform(-1.0E300, 1.0E300).precision(FLOAT): its range [-1.0E300, 1.0E300]"
                        + " reaches beyond the float range ±3.4028235E38")
                .hasMessageNotContaining("kink");
        assertThatThrownBy(() -> Domain.uniform(1e-46, 1e-45).precision(Precision.FLOAT))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("no number of its range is representable in FLOAT precision")
                .hasMessageNotContaining("kink");
        Value v = Domain.uniform(-3e38, 3e38).precision(Precision.FLOAT).draw(new SplittableRandom(1));
        assertThat(Math.abs(v.asScalar())).isLessThanOrEqualTo(Float.MAX_VALUE);
    }
}
