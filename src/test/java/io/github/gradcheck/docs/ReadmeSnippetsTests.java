package io.github.gradcheck.docs;

import static io.github.gradcheck.assertj.GradientAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.junit.CheckSpec;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import org.junit.jupiter.api.Test;

/** The three snippets of the README, run: plain Java, {@code @GradientCheck} and AssertJ on one subject. */
class ReadmeSnippetsTests {

    Subject softplus = FunctionSubject.of("softplus",
            in -> Math.log1p(Math.exp(in.scalar("x"))),
            (in, out, gOut) -> gOut.asScalar() / (1 + Math.exp(-in.scalar("x"))));

    @Test
    void plainJava() throws Exception {
        String printed = Console.printedBy(() -> {
            Subject softplus = FunctionSubject.of("softplus",
                    in -> Math.log1p(Math.exp(in.scalar("x"))),
                    (in, out, gOut) -> gOut.asScalar() / (1 + Math.exp(-in.scalar("x"))));
            GradientReport report = GradCheck.check(softplus, Point.of("x", 0.5));
            System.out.println(GradCheck.describe(report));
        });

        assertThat(printed).startsWith("gradcheck: subject 'softplus' at x = 0.5\n"
                + "verdict: ok: every claimed gradient matches the measured one");
    }

    @GradientCheck
    void softplusEverywhere(CheckSpec check) {
        check.subject(softplus)
             .input("x", Domain.uniform(-5, 5));
    }

    @Test
    void assertj() {
        assertThat(softplus).at("x", 0.5).hasCorrectGradients();
    }
}
