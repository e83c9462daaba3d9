package io.github.gradcheck.check;

import io.github.gradcheck.GradientChecker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.subject.Subject;
import org.junit.jupiter.api.Test;

class WorkedExampleVerdictTests {

    @Test
    void theWorkedExampleStillPassesAndItsBrokenFormsStillBlameDenByAFactorOfMinusOne() {
        GradientChecker checker = new GradientChecker();
        assertThat(checker.check(WorkedExample.traced(false), WorkedExample.POINT).verdict()).isEqualTo(Verdict.PASS);
        assertThat(checker.check(WorkedExample.graph(false), WorkedExample.POINT).verdict()).isEqualTo(Verdict.PASS);
        assertThat(checker.check(WorkedExample.function(false), WorkedExample.POINT).verdict()).isEqualTo(Verdict.PASS);
        for (Subject broken : new Subject[] {WorkedExample.traced(true), WorkedExample.graph(true)}) {
            GradientReport report = checker.check(broken, WorkedExample.POINT);
            assertThat(report.blame().origin()).contains("den");
            assertThat(report.node("den").orElseThrow().commonFactor().getAsDouble())
                    .isCloseTo(-1, org.assertj.core.api.Assertions.within(1e-9));
        }
    }
}
