package org.qvarnmr.camel.route;

import org.apache.camel.builder.RouteBuilder;

/**
 * The built-in keep-alive route ({@value QvarnMrConstants#KEEP_ALIVE_ROUTE}); {@code routes/keep-alive.yaml}
 * may replace it. It takes no {@link ErrorPolicy}: a failed refresh is not redelivered, the next tick (at
 * half the update interval, well inside the timeout) is the retry.
 */
public final class KeepAliveRouteBuilder extends RouteBuilder {
    private final KeepAlive keepAlive;
    private final long periodMillis;

    public KeepAliveRouteBuilder(KeepAlive keepAlive, long periodMillis) {
        this.keepAlive = keepAlive;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        from("timer:qvarnmr-keep-alive?delay=0&period=" + periodMillis).routeId(QvarnMrConstants.KEEP_ALIVE_ROUTE)
                .process(exchange -> keepAlive.refresh());
    }
}
