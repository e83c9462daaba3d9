package io.github.gradcheck.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DomainTests {

    private static List<Double> elements(Domain d, int draws, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < draws; i++) {
            Value v = d.draw(random);
            for (int j = 0; j < v.size(); j++) {
                all.add(v.get(j));
            }
        }
        return all;
    }

    @Nested
    class Bounds {

        @Test
        void uniformStaysWithinItsBoundsAndSpreadsOverThem() {
            List<Double> xs = elements(Domain.uniform(-2, 3).withoutEdgeValues(), 2000, 1);

            assertThat(xs).allSatisfy(x -> assertThat(x).isBetween(-2.0, 3.0));
            assertThat(xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow()).isLessThan(-1.9);
            assertThat(xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isGreaterThan(2.9);
        }

        @Test
        void logUniformSpreadsMagnitudesOverEveryDecadeWithBothSigns() {
            List<Double> xs = elements(Domain.logUniform(1e-3, 1e3).withoutEdgeValues(), 3000, 2);

            assertThat(xs).allSatisfy(x -> assertThat(Math.abs(x)).isBetween(1e-3, 1e3));
            for (int decade = -3; decade < 3; decade++) {
                double lo = Math.pow(10, decade);
                assertThat(xs).as("decade %s", lo).anySatisfy(x -> assertThat(Math.abs(x)).isBetween(lo, 10 * lo));
            }
            assertThat(xs).anySatisfy(x -> assertThat(x).isNegative()).anySatisfy(x -> assertThat(x).isPositive());
        }

        @Test
        void logUniformPositiveIsPositive() {
            assertThat(elements(Domain.logUniformPositive(0.5, 8), 500, 3))
                    .allSatisfy(x -> assertThat(x).isBetween(0.5, 8.0));
        }

        @Test
        void integersAreWholeConstantInputsWithinTheirRange() {
            Domain labels = Domain.integers(0, 4).vector(6);

            assertThat(labels.isConstant()).isTrue();
            List<Double> xs = elements(labels, 200, 4);
            assertThat(xs).allSatisfy(x -> assertThat(x).isBetween(0.0, 4.0).isEqualTo(Math.rint(x)));
            assertThat(new HashSet<>(xs)).containsExactlyInAnyOrder(0.0, 1.0, 2.0, 3.0, 4.0);
        }

        @Test
        void aConstantIsTheSameValueAtEveryDraw() {
            Domain mask = Domain.constant(new double[] {1, 0, 1});

            assertThat(mask.isConstant()).isTrue();
            assertThat(mask.isFixed()).isTrue();
            assertThat(mask.draw(new SplittableRandom(1))).isEqualTo(Value.vector(1, 0, 1));
            assertThat(mask.draw(new SplittableRandom(2))).isEqualTo(Value.vector(1, 0, 1));
        }

        @Test
        void integersAreConstantInputsDrawnAnewWhileOnlyAConstantIsFixed() {
            assertThat(Domain.integers(0, 4).isConstant()).isTrue();
            assertThat(Domain.integers(0, 4).isFixed()).isFalse();
            assertThat(Domain.uniform(0, 1).isConstant()).isFalse();
            assertThat(Domain.logUniform(1, 2).isFixed()).isFalse();
            assertThat(Domain.constant(2.0).isFixed()).isTrue();
        }

        @Test
        void shapesAndPrecisionsAreThoseDeclared() {
            SplittableRandom random = new SplittableRandom(5);

            assertThat(Domain.uniform(0, 1).draw(random).shape()).isEqualTo(Shape.scalar());
            assertThat(Domain.uniform(0, 1).vector(4).draw(random).shape()).isEqualTo(Shape.of(4));
            assertThat(Domain.uniform(0, 1).matrix(2, 3).draw(random).shape()).isEqualTo(Shape.of(2, 3));
            assertThat(Domain.uniform(0, 1).shape(2, 3, 4).draw(random).shape()).isEqualTo(Shape.of(2, 3, 4));
            Value f = Domain.uniform(-0.1, 0.1).precision(Precision.FLOAT).vector(50).draw(random);
            assertThat(f.precision()).isEqualTo(Precision.FLOAT);
            for (int i = 0; i < f.size(); i++) {
                assertThat(f.get(i)).isEqualTo((double) (float) f.get(i)).isBetween(-0.1, 0.1);
            }
        }
    }

    @Nested
    class Kinks {

        @Test
        void drawsKeepTheDeclaredDistanceFromEveryKinkOnBothSides() {
            Domain d = Domain.uniform(-1, 1).awayFrom(0, 0.2).awayFrom(0.5, 0.05);

            List<Double> xs = elements(d.vector(3), 2000, 6);

            assertThat(xs).allSatisfy(x -> {
                assertThat(Math.abs(x)).isGreaterThanOrEqualTo(0.2);
                assertThat(Math.abs(x - 0.5)).isGreaterThanOrEqualTo(0.05);
            });
            assertThat(xs).anySatisfy(x -> assertThat(x).isNegative()).anySatisfy(x -> assertThat(x).isPositive());
        }

        @Test
        void edgeValuesInsideAKinkZoneAreNeverDrawn() {
            assertThat(elements(Domain.uniform(-2, 2).awayFrom(0, 0.1), 2000, 7))
                    .allSatisfy(x -> assertThat(Math.abs(x)).isGreaterThanOrEqualTo(0.1));
        }

        @Test
        void kinksThatCoverTheWholeRangeAreRejectedWithTheFix() {
            assertThatThrownBy(() -> Domain.uniform(-1, 1).awayFrom(0, 2))
                    .isInstanceOf(DomainException.class)
                    .hasMessage("uniform(-1.0, 1.0).awayFrom(0.0, 2.0) contains no values: its kinks and their"
                            + " distances cover the whole range; widen the range or reduce the distances given to"
                            + " awayFrom");
            assertThatThrownBy(() -> Domain.integers(0, 2).awayFrom(1, 1.5)).isInstanceOf(DomainException.class)
                    .hasMessageContaining("of integers");
        }

        @Test
        void containsTellsAdmissibleValues() {
            Domain d = Domain.uniform(-1, 1).awayFrom(0, 0.25).vector(2);

            assertThat(d.contains(Value.vector(0.5, -1))).isTrue();
            assertThat(d.contains(Value.vector(0.1, 0.5))).isFalse();
            assertThat(d.contains(Value.vector(1.5, 0.5))).isFalse();
            assertThat(d.contains(Value.vector(0.5))).isFalse();
        }
    }

    @Nested
    class EdgeValues {

        @Test
        void zeroOneMinusOneAndTheBoundsAreMixedIn() {
            List<Double> xs = elements(Domain.uniform(-5, 5), 500, 8);

            assertThat(xs).contains(0.0, 1.0, -1.0, -5.0, 5.0);
            long edges = xs.stream().filter(x -> x == 0 || Math.abs(x) == 1 || Math.abs(x) == 5).count();
            assertThat(edges).isBetween(20L, 100L);
        }

        @Test
        void onlyEdgeValuesInsideTheDomainAreUsed() {
            Set<Double> xs = new HashSet<>(elements(Domain.uniform(2, 3), 500, 9));

            assertThat(xs).contains(2.0, 3.0).doesNotContain(0.0, 1.0, -1.0);
        }

        @Test
        void theyCanBeTurnedOff() {
            assertThat(elements(Domain.uniform(-5, 5).withoutEdgeValues(), 500, 8))
                    .doesNotContain(0.0, 1.0, -1.0, -5.0, 5.0);
        }
    }

    @Nested
    class Reproducibility {

        @Test
        void theSameGeneratorStateGivesTheSameValues() {
            Domain d = Domain.logUniform(1e-2, 1e2).awayFrom(1, 0.1).matrix(3, 3);

            assertThat(d.draw(new SplittableRandom(42))).isEqualTo(d.draw(new SplittableRandom(42)));
            assertThat(d.draw(new SplittableRandom(42))).isNotEqualTo(d.draw(new SplittableRandom(43)));
        }
    }

    @Nested
    class Misdeclaration {

        @Test
        void badRangesAreRejectedWithTheFix() {
            assertThatThrownBy(() -> Domain.uniform(2, 1)).isInstanceOf(DomainException.class)
                    .hasMessage("uniform(2.0, 1.0) is empty: the lower bound must not exceed the upper bound;"
                            + " write uniform(1.0, 2.0)");
            assertThatThrownBy(() -> Domain.uniform(0, Double.POSITIVE_INFINITY))
                    .hasMessageContaining("bounds must be finite");
            assertThatThrownBy(() -> Domain.logUniform(0, 1)).hasMessageContaining("0 < minMagnitude");
            assertThatThrownBy(() -> Domain.uniform(0, 1).awayFrom(0, 0)).hasMessageContaining("distance positive");
            assertThatThrownBy(() -> Domain.uniform(0, 1).vector(0)).hasMessageContaining("at least 1");
            assertThatThrownBy(() -> Domain.constant(1.0).vector(3)).hasMessageContaining("a constant keeps");
            assertThatThrownBy(() -> Domain.constant("x")).isInstanceOf(DomainException.class);
        }

        @Test
        void aConstantRefusesEveryModifierAndAnIntegerDomainOtherPrecisions() {
            Domain c = Domain.constant(new double[] {1, 2});
            for (Runnable modifier : List.<Runnable>of(() -> c.shape(2), () -> c.vector(2), () -> c.matrix(1, 2),
                    () -> c.awayFrom(0, 1), () -> c.withoutEdgeValues(), () -> c.precision(Precision.FLOAT))) {
                assertThatThrownBy(modifier::run).isInstanceOf(DomainException.class)
                        .hasMessageStartingWith("constant([1.0, 2.0]).")
                        .hasMessageContaining("a constant keeps the shape and precision of its value");
            }
            assertThatThrownBy(() -> Domain.integers(0, 3).precision(Precision.FLOAT))
                    .isInstanceOf(DomainException.class)
                    .hasMessage("integers(0, 3): integer inputs are constants; their precision stays double");
            assertThat(Domain.integers(0, 3).precision(Precision.DOUBLE)).hasToString("integers(0, 3)");
        }

        @Test
        void descriptionsReadLikeTheCode() {
            assertThat(Domain.uniform(-2, 2).awayFrom(0, 0.1).vector(4).withoutEdgeValues())
                    .hasToString("uniform(-2.0, 2.0).awayFrom(0.0, 0.1).vector(4).withoutEdgeValues()");
            assertThat(Domain.logUniform(1e-3, 10).matrix(2, 3).precision(Precision.FLOAT))
                    .hasToString("logUniform(0.001, 10.0).matrix(2, 3).precision(FLOAT)");
            assertThat(Domain.logUniformPositive(0.5, 8).shape(2, 2, 2))
                    .hasToString("logUniformPositive(0.5, 8.0).shape(2, 2, 2)");
            assertThat(Domain.integers(-3, 9).awayFrom(0, 1.5).vector(6))
                    .hasToString("integers(-3, 9).awayFrom(0.0, 1.5).vector(6)");
            assertThat(Domain.constant(new double[] {1, 0, 1})).hasToString("constant([1.0, 0.0, 1.0])");
        }
    }
}
