package org.qvarnmr.camel.worker;

import java.util.Collection;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Ties the worker to its context: ownership is taken before the routes start and released once they
 * have stopped (the batch in flight is done, so nothing is cut half way).
 */
final class WorkerLifecycle extends LifecycleStrategySupport {
    private final QvarnMr worker;
    private final DerivedAnnouncer announcer;

    WorkerLifecycle(QvarnMr worker, DerivedAnnouncer announcer) {
        this.worker = worker;
        this.announcer = announcer;
    }

    @Override
    public void onContextStarting(CamelContext context) {
        worker.start();
    }

    @Override
    public void onContextStarted(CamelContext context) {
        announcer.attach(context);
    }

    @Override
    public void onRoutesAdd(Collection<Route> routes) {
        announcer.routesChanged();
    }

    @Override
    public void onRoutesRemove(Collection<Route> routes) {
        announcer.routesChanged();
    }

    @Override
    public void onContextStopped(CamelContext context) {
        announcer.detach();
        worker.close();
    }
}
