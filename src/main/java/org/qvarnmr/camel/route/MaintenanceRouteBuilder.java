package org.qvarnmr.camel.route;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.Reconciliation;

/**
 * Forever-mode housekeeping: resync and reconciliation progress logged at a steady interval, and the
 * scheduled reconciliation (camel-quartz, {@code qvarnmr.reconcile.cron}), which checks every derived
 * row against its sources and repairs what drifted. The reconciliation takes the {@link ErrorPolicy}; the
 * progress route does not, as it only reads the engine's counters and logs them (nothing to redeliver).
 */
public final class MaintenanceRouteBuilder extends RouteBuilder {
    private final QvarnMrEngine engine;

    public MaintenanceRouteBuilder(QvarnMrEngine engine) {
        this.engine = engine;
    }

    @Override
    public void configure() {
        long every = engine.settings().progressInterval().toMillis();
        from("timer:qvarnmr-progress?delay=" + every + "&period=" + every).routeId("qvarnmr-progress")
                .filter(exchange -> engine.resyncProgress().running() || engine.reconcileProgress().running())
                .process(exchange -> exchange.getIn().setBody(engine.resyncProgress().running()
                        ? "resync " + engine.resyncProgress() : "reconciliation " + engine.reconcileProgress()))
                .log(LoggingLevel.INFO, "org.qvarnmr.camel.progress", "${body}");

        String cron = engine.settings().reconcileCron();
        if (!cron.isEmpty()) {
            from("quartz:qvarnmr/reconcile?cron=" + cron.strip().replaceAll("\\s+", "+")).routeId("qvarnmr-reconcile")
                    .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                    // empty: another reconciliation still runs, so this firing has nothing to report
                    .process(exchange -> exchange.getIn().setBody(engine.reconcile()
                            .map(Reconciliation.Outcome::summary).orElse(null)))
                    .filter(body().isNotNull())
                    .log(LoggingLevel.INFO, "org.qvarnmr.camel.reconcile", "reconciliation done: ${body}");
        }
    }
}
