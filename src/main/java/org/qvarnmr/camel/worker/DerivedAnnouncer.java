package org.qvarnmr.camel.worker;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.qvarnmr.camel.engine.DerivedWriteListener;
import org.qvarnmr.camel.metrics.WorkerMeters;
import org.qvarnmr.camel.route.DerivedChange;
import org.qvarnmr.camel.route.QvarnMrConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every derived write and, while some route consumes {@code direct:qvarnmr-derived}, sends it
 * there. Sent synchronously on the engine's thread: consumers should wire-tap or hand over to
 * {@code seda:}. A failing consumer is logged and never fails the write.
 */
final class DerivedAnnouncer implements DerivedWriteListener {
    private static final Logger LOG = LoggerFactory.getLogger(DerivedAnnouncer.class);

    private final String instance;
    private final WorkerMeters metrics;
    private volatile CamelContext camel;
    private volatile ProducerTemplate template;
    private volatile boolean consumed;

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
    }

    synchronized void detach() {
        consumed = false;
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
        if (!consumed || t == null) {
            return;
        }
        try {
            t.sendBodyAndHeaders(QvarnMrConstants.DERIVED, new DerivedChange(type, id, key, operation, instance),
                    Map.of("QvarnMrDerivedType", type, "QvarnMrDerivedId", String.valueOf(id),
                            "QvarnMrDerivedKey", String.valueOf(key), "QvarnMrDerivedOperation", operation));
        } catch (RuntimeException e) {
            LOG.warn("announcing {} {}/{} on {} failed: {}", operation, type, id, QvarnMrConstants.DERIVED,
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
