package io.github.gradcheck.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ShrinkerTests {

    private static InputSpace space(String name, Domain d) {
        return InputSpace.builder().input(name, d).build();
    }

    @Test
    void aPointThatAlwaysFailsShrinksToZerosInOneCheckPerInput() {
        InputSpace s = InputSpace.builder()
                .input("x", Domain.uniform(-5, 5).vector(4))
                .input("y", Domain.uniform(-5, 5))
                .build();
        Point failing = Point.of("x", new double[] {1.234, -3.7, 4.99, 0.001}, "y", 2.718);

        ShrinkResult r = Shrinker.within(s).shrink(failing, p -> true);

        assertThat(r.simplest()).isEqualTo(Point.of("x", new double[] {0, 0, 0, 0}, "y", 0.0));
        assertThat(r.original()).isEqualTo(failing);
        assertThat(r.shrunk()).isTrue();
        assertThat(r.steps()).isEqualTo(2);
    }

    @Test
    void findsTheSimplestValueThatStillFails() {
        // fails only above 1.5: 0 and 1 pass, so 2 is the simplest failing value
        ShrinkResult r = Shrinker.within(space("x", Domain.uniform(-5, 5)))
                .shrink(Point.of("x", 3.7456), p -> p.get("x").asScalar() > 1.5);

        assertThat(r.simplest().get("x").asScalar()).isEqualTo(2.0);
    }

    @Test
    void reducesSignificantDigits() {
        // fails only in (3.14, 3.15): the simplest value there has three digits
        ShrinkResult r = Shrinker.within(space("x", Domain.uniform(0, 10)))
                .shrink(Point.of("x", 3.14159265), p -> {
                    double x = p.get("x").asScalar();
                    return x > 3.14 && x < 3.15;
                });

        assertThat(r.simplest().get("x").asScalar()).isEqualTo(3.141);
    }

    @Test
    void neverLeavesTheBoundsNorCrossesAKink() {
        Domain d = Domain.uniform(-4, -0.5).awayFrom(-2, 0.25).vector(3);
        InputSpace s = space("x", d);
        List<Point> seen = new ArrayList<>();

        ShrinkResult r = Shrinker.within(s).shrink(Point.of("x", new double[] {-3.3, -1.2, -0.77}), p -> {
            seen.add(p);
            return true;
        });

        assertThat(seen).allSatisfy(p -> assertThat(s.firstOutside(p)).isEmpty());
        // each element stays on its side of the kink at -2: -3.3 cannot move to -1
        assertThat(r.simplest().get("x")).isEqualTo(Value.vector(-3, -1, -1));
        assertThat(seen).allSatisfy(p -> assertThat(p.get("x").get(0)).isLessThanOrEqualTo(-2.25));
    }

    @Test
    void isBoundedInEvaluations() {
        int[] calls = {0};
        Predicate<Point> neverSimpler = p -> {
            calls[0]++;
            return false;
        };

        ShrinkResult r = Shrinker.within(space("x", Domain.uniform(-9, 9).vector(50))).maxEvaluations(7)
                .shrink(Point.of("x", filled(50, 1.2345678)), neverSimpler);

        assertThat(calls[0]).isEqualTo(7);
        assertThat(r.evaluations()).isEqualTo(7);
        assertThat(r.budgetExhausted()).isTrue();
        assertThat(r.shrunk()).isFalse();
    }

    @Test
    void aZeroBudgetTurnsShrinkingOff() {
        Point failing = Point.of("x", 1.5);

        ShrinkResult r = Shrinker.within(space("x", Domain.uniform(-2, 2))).maxEvaluations(0)
                .shrink(failing, p -> true);

        assertThat(r.simplest()).isEqualTo(failing);
        assertThat(r.evaluations()).isZero();
    }

    @Test
    void leavesConstantsAndInputsWithoutADomainAlone() {
        InputSpace s = InputSpace.builder()
                .input("mask", Domain.constant(new double[] {1, 0}))
                .input("label", Domain.integers(3, 9))
                .build();
        Point failing = Point.builder().constant("mask", new double[] {1, 0}).constant("label", 7)
                .input("free", 2.5).build();

        ShrinkResult r = Shrinker.within(s).shrink(failing, p -> true);

        assertThat(r.simplest().get("mask")).isEqualTo(Value.vector(1, 0));
        assertThat(r.simplest().get("free")).isEqualTo(Value.scalar(2.5));
        assertThat(r.simplest().get("label")).isEqualTo(Value.scalar(3));
    }

    @Test
    void integersShrinkToWholeNumbersOnTheirSideOfAKink() {
        // fails only from 6 up: every candidate, halfway ones included, is whole and right of the kink at 2
        List<Point> seen = new ArrayList<>();
        ShrinkResult r = Shrinker.within(space("label", Domain.integers(-20, 40).awayFrom(2, 1.5)))
                .shrink(Point.builder().constant("label", 37).build(), p -> {
                    seen.add(p);
                    return p.get("label").asScalar() >= 6;
                });

        double simplest = r.simplest().get("label").asScalar();
        assertThat(r.shrunk()).isTrue();
        assertThat(simplest).isEqualTo(Math.rint(simplest)).isBetween(6.0, 36.0);
        assertThat(seen).allSatisfy(p -> {
            double x = p.get("label").asScalar();
            assertThat(x).isEqualTo(Math.rint(x)).isGreaterThanOrEqualTo(4);
        });
    }

    @Test
    void isDeterministic() {
        InputSpace s = space("x", Domain.logUniform(1e-3, 1e3).vector(5));
        Point failing = Point.of("x", new double[] {123.456, -0.00789, 5.5, -42.0, 0.5});
        Predicate<Point> failsWhenLarge = p -> p.get("x").maxAbs() > 7;

        assertThat(Shrinker.within(s).shrink(failing, failsWhenLarge))
                .isEqualTo(Shrinker.within(s).shrink(failing, failsWhenLarge));
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
