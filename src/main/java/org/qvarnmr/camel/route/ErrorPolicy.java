package org.qvarnmr.camel.route;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;
import org.qvarnmr.camel.qvarn.client.QvarnServerException;
import org.qvarnmr.camel.qvarn.client.QvarnUnavailableException;

/**
 * The error policy of every worker route, declared once. Passing Qvarn faults are redelivered at once
 * with exponential back-off (each map and reduce step is idempotent, so running it again is safe); a
 * conflict is redelivered too, as the step re-reads the rows. What still fails is not handled here: the
 * batch records the failure, keeps the change's notifications and retries it later with its own back-off.
 */
public final class ErrorPolicy extends RouteConfigurationBuilder {
    private final int redeliveries;
    private final long delayMillis;

    public ErrorPolicy(int redeliveries, long delayMillis) {
        this.redeliveries = redeliveries;
        this.delayMillis = delayMillis;
    }

    @Override
    public void configuration() {
        routeConfiguration(QvarnMrConstants.ERROR_POLICY)
                .onException(QvarnUnavailableException.class, QvarnServerException.class, QvarnConflictException.class)
                .maximumRedeliveries(redeliveries)
                .redeliveryDelay(delayMillis)
                .useExponentialBackOff()
                .maximumRedeliveryDelay(delayMillis * 16)
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.DEBUG)
                .logExhausted(false)
                .handled(false);
    }
}
