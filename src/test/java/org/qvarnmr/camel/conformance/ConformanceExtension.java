package org.qvarnmr.camel.conformance;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link Fixture} (one per test, cleaned up after it) over one {@link ConformanceTarget}
 * per test run: the target lives in the root store, so an embedded Qvarn is started once for the whole
 * suite and closed when JUnit finishes. Runs a test tagged with a {@link Backend} only against that backend.
 */
final class ConformanceExtension implements ParameterResolver, ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            ConformanceExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Fixture.class || type == ConformanceTarget.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ConformanceTarget target = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                ConformanceTarget.class, k -> ConformanceTarget.fromSystemProperties(), ConformanceTarget.class);
        if (parameter.getParameter().getType() == ConformanceTarget.class) {
            return target;
        }
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Fixture.class, k -> new Fixture(target),
                Fixture.class);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        for (String tag : context.getTags()) {
            Optional<Backend> pinned = Backend.ofTag(tag);
            if (pinned.isEmpty()) {
                continue;
            }
            Optional<Backend> target = Backend.ofTarget();
            if (target.isEmpty()) {
                return ConditionEvaluationResult.disabled("pins the " + tag + " answer; the target's backend is "
                        + "unknown: name it with -Dqvarn.backend=sqlite|postgres");
            }
            if (target.get() != pinned.get()) {
                return ConditionEvaluationResult.disabled("pins the " + tag + " answer; the target is "
                        + target.get().tag());
            }
        }
        return ConditionEvaluationResult.enabled("no backend-specific answer");
    }
}
