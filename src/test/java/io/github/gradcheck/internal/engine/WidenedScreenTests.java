package io.github.gradcheck.internal.engine;

import io.github.gradcheck.GradientChecker;

import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import org.junit.jupiter.api.Test;

/**
 * An output much larger than its derivative (a large constant offset, like a sum of many
 * terms): the screen's rounding floor is too coarse at its first step, and a wider screen settles
 * the element cheaply; a wrong claim is still found.
 */
class WidenedScreenTests {

    private static FunctionSubject offsetSine(double bug) {
        return offsetSine(1e3, 1, bug);
    }

    /** offset + amplitude · sin x, its derivative claimed with a relative error {@code bug}. */
    private static FunctionSubject offsetSine(double offset, double amplitude, double bug) {
        return FunctionSubject.of(offset + " + " + amplitude + " sin x",
                in -> offset + amplitude * Math.sin(in.scalar("x")),
                (in, out, g) -> g.asScalar() * amplitude * Math.cos(in.scalar("x")) * (1 + bug));
    }

    @Test
    void aCorrectElementPassesOnAWidenedScreenWithoutTheRobustEstimate() {
        GradientReport report = new GradientChecker().check(offsetSine(0), Point.of("x", 0.3));

        ElementComparison x = report.node("x").orElseThrow().worst();
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        // two forwards at the point and one screen of 6 samples at the step the floor asks for;
        // the screen at the first step would not have passed, and the robust estimate costs ~40
        assertThat(report.forwardEvaluations()).isEqualTo(2 + 6);
        assertThat(x.tolerance()).isLessThanOrEqualTo(1e-8 * Math.cos(0.3));
        assertThat(x.numeric()).isCloseTo(Math.cos(0.3), org.assertj.core.data.Offset.offset(1e-8));
    }

    @Test
    void aDerivativeTooSmallForAnyScreenWithinReachIsConfirmedByTheRobustEstimate() {
        GradientReport report = new GradientChecker().check(offsetSine(1e6, 1e-3, 0), Point.of("x", 0.3));

        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.forwardEvaluations()).isGreaterThan(2 + 6 + 6 * Screen.WIDENINGS);
    }

    @Test
    void aClaimWrongByOnePartInAMillionStillFails() {
        GradientReport report = new GradientChecker().check(offsetSine(1e-6), Point.of("x", 0.3));

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
    }
}
