package org.qvarnmr.camel.route;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.qvarnmr.camel.config.RetryPolicy;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;
import org.qvarnmr.camel.qvarn.client.QvarnServerException;
import org.qvarnmr.camel.qvarn.client.QvarnUnavailableException;

/**
 * The error policy of the worker's pass routes, declared once ({@value QvarnMrConstants#ERROR_POLICY}) from
 * the worker's {@link RetryPolicy}: passing Qvarn faults are redelivered at once, {@code
 * qvarnmr.retry.redeliveries} times with its back-off (each map and reduce step is idempotent, so running
 * it again is safe); a conflict is redelivered too, as the step re-reads the rows. What still fails is not
 * handled here: the engine's settlement records the failure, logs it in one line, keeps the change's
 * notifications and retries it in a later pass with the same back-off (so Camel logs no exhausted failure:
 * a step's failure is a change's, told once by the settlement). Which routes take it, and why the timer routes do not, is
 * said on {@link QvarnMrRouteBuilder} and {@link TimerRouteBuilder}.
 */
public final class ErrorPolicy extends RouteConfigurationBuilder {
    private final RetryPolicy retry;

    public ErrorPolicy(RetryPolicy retry) {
        this.retry = retry;
    }

    @Override
    public void configuration() {
        routeConfiguration(QvarnMrConstants.ERROR_POLICY)
                .errorHandler(defaultErrorHandler().logExhausted(false))
                .onException(QvarnUnavailableException.class, QvarnServerException.class, QvarnConflictException.class)
                .maximumRedeliveries(retry.redeliveries())
                .redeliveryDelay(retry.initialDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(retry.multiplier())
                .maximumRedeliveryDelay(retry.maxDelay().toMillis())
                .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                .logExhausted(false)
                .handled(false);
    }
}
