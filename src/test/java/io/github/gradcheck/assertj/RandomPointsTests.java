package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Subject;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The assertions used as a user of another property-based testing library would: a loop over
 * points drawn by someone else's generator, one assertion per point.
 */
class RandomPointsTests {

    private static final long SEED = 20240611L;

    private static Point randomPoint(SplittableRandom random) {
        return Point.of("x", random.nextDouble(-5, 5), "y", random.nextDouble(-5, 5));
    }

    @Test
    void aRightSubjectPassesAtEveryRandomPoint() {
        SplittableRandom random = new SplittableRandom(SEED);
        Subject subject = WorkedExample.graph(false);

        for (int i = 0; i < 100; i++) {
            Point p = randomPoint(random);
            assertThat(subject).as("point %d of seed %d: %s", i, SEED, p).at(p).hasCorrectGradients();
        }
    }

    @Test
    void aBrokenSubjectFailsAtTheFirstRandomPointWithThePointInTheMessage() {
        SplittableRandom random = new SplittableRandom(SEED);
        Subject subject = WorkedExample.traced(true);
        Point first = randomPoint(new SplittableRandom(SEED));

        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> {
                    for (int i = 0; i < 100; i++) {
                        Point p = randomPoint(random);
                        assertThat(subject).as("point %d of seed %d", i, SEED).at(p).hasWrongGradientAt("den")
                                .hasCorrectGradients();
                    }
                })
                .withMessageStartingWith("[point 0 of seed " + SEED + "] \nExpecting subject")
                .withMessageContaining("to have correct gradients at:\n  " + first + "\n");
    }

    @Test
    void theBugIsBlamedOnTheSameNodeAtEveryRandomPoint() {
        SplittableRandom random = new SplittableRandom(SEED);
        Subject subject = WorkedExample.graph(true);

        for (int i = 0; i < 100; i++) {
            Point p = randomPoint(random);
            assertThat(subject).as("point %d: %s", i, p).at(p).hasWrongGradientAt("den").hasCorrectGradientAt("invden");
        }
    }
}
