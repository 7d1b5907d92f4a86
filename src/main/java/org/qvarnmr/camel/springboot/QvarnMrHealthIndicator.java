package org.qvarnmr.camel.springboot;

import org.apache.camel.health.HealthCheck;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The worker's readiness check ({@link org.qvarnmr.camel.metrics.WorkerHealthCheck}) as an Actuator health
 * indicator: UP while the worker owns its instance, polls Qvarn and can write dead letters; DOWN with the
 * check's message otherwise. A readiness signal: put it in the readiness group, not the liveness one (a
 * standby is DOWN here yet alive).
 */
public final class QvarnMrHealthIndicator implements HealthIndicator {
    private final HealthCheck check;

    public QvarnMrHealthIndicator(HealthCheck check) {
        this.check = check;
    }

    @Override
    public Health health() {
        HealthCheck.Result result = check.call();
        Health.Builder health = switch (result.getState()) {
            case UP -> Health.up();
            case DOWN -> Health.down();
            case UNKNOWN -> Health.unknown();
        };
        result.getMessage().ifPresent(message -> health.withDetail("message", message));
        result.getError().ifPresent(health::withException);
        result.getDetails().forEach((key, value) -> {
            if (!key.equals(HealthCheck.CHECK_ID) && !key.equals(HealthCheck.CHECK_KIND)) {
                health.withDetail(key, value);
            }
        });
        return health.build();
    }
}
