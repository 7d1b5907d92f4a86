package org.qvarnmr.camel.qvarn.client;

/**
 * Observes every HTTP request the client makes (for metrics). {@code route} is the route template with
 * ids replaced, e.g. {@code GET /orgs/{id}}, {@code GET /orgs/search}; status is -1 when no response came.
 */
@FunctionalInterface
public interface QvarnRequestListener {
    QvarnRequestListener NONE = (method, route, status, nanos) -> { };

    void onRequest(String method, String route, int status, long nanos);
}
