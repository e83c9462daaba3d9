package io.github.gradcheck.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the deliberately failing fixture classes from running as real tests (from an IDE or a
 * class scan): they run only when {@link GradientCheckTestKit} sets its configuration parameter.
 */
class OnlyUnderTestKit implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(GradientCheckTestKit.FIXTURES_PARAMETER)
                .filter("true"::equals)
                .map(v -> ConditionEvaluationResult.enabled("run by GradientCheckTestKit"))
                .orElse(ConditionEvaluationResult.disabled("a fixture run only through GradientCheckTestKit"));
    }
}
