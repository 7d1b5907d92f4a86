package org.qvarnmr.camel.worker;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.qvarnmr.camel.component.DerivedHeaders;
import org.qvarnmr.camel.component.QvarnMrEndpoint;
import org.qvarnmr.camel.engine.DerivedWriteListener;
import org.qvarnmr.camel.metrics.WorkerMeters;
import org.qvarnmr.camel.route.DerivedChange;
import org.qvarnmr.camel.route.QvarnMrConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every derived write and, while some route consumes {@code qvarnmr:derived} (or the older
 * {@code direct:qvarnmr-derived}), sends it there. Sent synchronously on the engine's thread: consumers should
 * wire-tap or hand over to {@code seda:}. A failing consumer is logged and never fails the write.
 */
final class DerivedAnnouncer implements DerivedWriteListener {
    private static final Logger LOG = LoggerFactory.getLogger(DerivedAnnouncer.class);

    private final String instance;
    private final WorkerMeters metrics;
    private volatile CamelContext camel;
    private volatile ProducerTemplate template;
    private volatile boolean consumed;
    /** The {@code qvarnmr:derived} endpoint a route consumes, or null. */
    private volatile QvarnMrEndpoint derived;

    DerivedAnnouncer(String instance, WorkerMeters metrics) {
        this.instance = instance;
        this.metrics = metrics;
    }

    /** The context started: announce from now on if a route consumes the endpoint. */
    synchronized void attach(CamelContext context) {
        if (template == null) {
            camel = context;
            template = context.createProducerTemplate();
        }
        routesChanged();
    }

    /** Routes were added or removed: look again for a consumer. */
    void routesChanged() {
        CamelContext c = camel;
        consumed = c != null && c.getRoutes().stream().anyMatch(DerivedAnnouncer::consumesDerived);
        derived = c == null ? null : c.getRoutes().stream().map(Route::getEndpoint)
                .filter(QvarnMrEndpoint.class::isInstance).map(QvarnMrEndpoint.class::cast).findFirst().orElse(null);
    }

    synchronized void detach() {
        consumed = false;
        derived = null;
        if (template != null) {
            try {
                template.close();
            } catch (Exception e) {
                LOG.debug("closing the producer template failed", e);
            }
            template = null;
        }
    }

    @Override
    public void written(String type, String id, String key, String operation) {
        metrics.derivedWrite(type, operation);
        ProducerTemplate t = template;
        QvarnMrEndpoint endpoint = derived;
        boolean toEndpoint = endpoint != null && endpoint.isConsumed();
        boolean toDirect = consumed;
        if (t == null || !(toEndpoint || toDirect)) {
            return; // every derived write passes here: nothing to build when no route listens
        }
        DerivedChange change = new DerivedChange(type, id, key, operation, instance);
        Map<String, Object> headers = Map.of(DerivedHeaders.TYPE, type, DerivedHeaders.ID, String.valueOf(id),
                DerivedHeaders.KEY, String.valueOf(key), DerivedHeaders.OPERATION, operation);
        if (toEndpoint) {
            announce(() -> t.sendBodyAndHeaders(endpoint, change, headers), change, endpoint.getEndpointUri());
        }
        if (toDirect) {
            announce(() -> t.sendBodyAndHeaders(QvarnMrConstants.DERIVED, change, headers), change,
                    QvarnMrConstants.DERIVED);
        }
    }

    private static void announce(Runnable send, DerivedChange change, String uri) {
        try {
            send.run();
        } catch (RuntimeException e) {
            LOG.warn("announcing {} {}/{} on {} failed: {}", change.operation(), change.type(), change.id(), uri,
                    e.getMessage());
        }
    }

    private static boolean consumesDerived(Route route) {
        String uri = route.getEndpoint().getEndpointUri();
        String name = QvarnMrConstants.DERIVED.substring("direct:".length());
        return uri.equals("direct://" + name) || uri.startsWith("direct://" + name + "?")
                || uri.equals(QvarnMrConstants.DERIVED) || uri.startsWith(QvarnMrConstants.DERIVED + "?");
    }
}
