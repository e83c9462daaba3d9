package io.github.gradcheck.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Value;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InputSpaceTests {

    private final InputSpace space = InputSpace.builder()
            .input("x", Domain.uniform(-2, 2).vector(3))
            .input("label", Domain.integers(0, 2))
            .build();

    @Test
    void drawsEveryInputInOrderWithConstantsMarked() {
        Point p = space.point(0, new SplittableRandom(1));

        assertThat(p.names()).containsExactly("x", "label");
        assertThat(p.isConstant("x")).isFalse();
        assertThat(p.isConstant("label")).isTrue();
        assertThat(space.firstOutside(p)).isEmpty();
    }

    @Test
    void eachDrawDependsOnlyOnTheMasterSeedAndItsIndexNotOnOrder() {
        SeedSequence seeds = SeedSequence.of(77);
        Point fifthFirst = space.point(5, seeds.pointRandom(5));
        for (int i = 0; i < 5; i++) {
            space.point(i, seeds.pointRandom(i));
        }

        assertThat(space.point(5, SeedSequence.of(77).pointRandom(5))).isEqualTo(fifthFirst);
        Set<Point> distinct = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            distinct.add(space.point(i, seeds.pointRandom(i)));
        }
        assertThat(distinct).hasSize(20);
        assertThat(seeds.checkSeed(3)).isEqualTo(SeedSequence.of(77).checkSeed(3)).isNotEqualTo(seeds.checkSeed(4));
    }

    @Test
    void firstOutsideNamesTheInputAndItsDomain() {
        Point outside = Point.builder().input("x", new double[] {0, 3, 0}).constant("label", 1).build();

        assertThat(space.firstOutside(outside))
                .hasValue("input 'x' = [0.0, 3.0, 0.0] is outside its domain uniform(-2.0, 2.0).vector(3)");
        assertThat(space.firstOutside(Point.of("x", new double[] {0, 0, 0})))
                .hasValue("the point has no input 'label'");
    }

    @Test
    void anInputCanHaveOnlyOneDomain() {
        assertThatThrownBy(() -> InputSpace.builder().input("x", Domain.uniform(0, 1)).input("x", Domain.uniform(0, 2)))
                .isInstanceOf(DomainException.class).hasMessageContaining("input 'x' was given a domain twice");
    }

    @Test
    void aListOfPointsIsASourceThatGivesEachOnceInOrder() {
        PointSource source = PointSource.of(Point.of("x", 1.0), Point.of("x", 2.0));

        assertThat(source.limit()).isEqualTo(2);
        assertThat(source.point(1, new SplittableRandom(0)).get("x")).isEqualTo(Value.scalar(2.0));
    }

    @Test
    void freshSeedsAreNeverZero() {
        for (int i = 0; i < 100; i++) {
            assertThat(SeedSequence.freshSeed()).isNotZero();
        }
    }
}
