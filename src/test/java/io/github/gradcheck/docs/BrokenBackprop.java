package io.github.gradcheck.docs;

import io.github.gradcheck.examples.WorkedExample;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.junit.CheckSpec;
import io.github.gradcheck.junit.GradientCheck;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @GradientCheck}s that fail on purpose, for the failure messages docs/junit.md shows. They
 * run only when {@link GradientCheckFailureTests} runs them through the engine test kit.
 */
@ExtendWith(BrokenBackprop.OnlyForTheDocs.class)
class BrokenBackprop {

    static final String PARAMETER = "gradcheck.docs.fixtures";

    @GradientCheck(seed = 77L)
    void broken(CheckSpec check) {
        check.subject(WorkedExample.traced(true))
             .input("x", Domain.uniform(-4, 4))
             .input("y", Domain.uniform(-4, 4));
    }

    @GradientCheck(tries = 0)
    void noTries(CheckSpec check) {
        check.subject(WorkedExample.traced(false))
             .input("x", Domain.uniform(-4, 4))
             .input("y", Domain.uniform(-4, 4));
    }

    /** Keeps the deliberately failing check from running as a real test. */
    static final class OnlyForTheDocs implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).filter("true"::equals)
                    .map(v -> ConditionEvaluationResult.enabled("run by GradientCheckFailureTests"))
                    .orElse(ConditionEvaluationResult.disabled("fails on purpose; run by GradientCheckFailureTests"));
        }
    }
}
