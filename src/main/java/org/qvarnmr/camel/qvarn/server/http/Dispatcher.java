package org.qvarnmr.camel.qvarn.server.http;

import java.util.Map;
import org.qvarnmr.camel.qvarn.server.auth.TokenEndpoint;
import org.qvarnmr.camel.qvarn.server.protocol.Json;
import org.qvarnmr.camel.qvarn.server.protocol.Request;
import org.qvarnmr.camel.qvarn.server.protocol.Response;
import org.qvarnmr.camel.qvarn.server.store.ResourceStore;

/** Sends a routed, authorised request to the endpoint that serves it. */
public final class Dispatcher {
    private final ResourceEndpoints resources;
    private final SubresourceEndpoints subresources;
    private final SearchEndpoint search;
    private final ListenerEndpoints listeners;
    private final TokenEndpoint tokens;
    private final Response version;

    public Dispatcher(ResourceEndpoints resources, SubresourceEndpoints subresources, SearchEndpoint search,
            ListenerEndpoints listeners, TokenEndpoint tokens, Json json) {
        this.resources = resources;
        this.subresources = subresources;
        this.search = search;
        this.listeners = listeners;
        this.tokens = tokens;
        this.version = Response.json(200, json.bytes(Map.of(
                "api", Map.of("version", "0.82"),
                "implementation", Map.of("name", "qvarnmr-camel embedded Qvarn", "version", "0.82"))));
    }

    public Response dispatch(Request request, RouteMatch route) {
        boolean read = "GET".equals(request.method()) || "HEAD".equals(request.method());
        boolean put = "PUT".equals(request.method());
        ResourceStore store = route.store();
        return switch (route.endpoint()) {
            case VERSION -> version;
            case TOKEN -> tokens.issue(request);
            case COLLECTION -> read ? resources.list(store) : resources.create(request, store);
            case SEARCH -> search.search(request, store);
            case ITEM -> read ? resources.read(store, route.param(0))
                    : put ? resources.replace(request, store, route.param(0)) : resources.delete(store, route.param(0));
            case SUBRESOURCE -> read ? subresources.read(store, route.param(0), route.param(1))
                    : subresources.replace(request, store, route.param(0), route.param(1));
            case FILE -> read ? subresources.readFile(store, route.param(0), route.param(1))
                    : subresources.replaceFile(request, store, route.param(0), route.param(1));
            case LISTENERS -> read ? listeners.list(store) : listeners.create(request, store);
            case LISTENER -> read ? listeners.read(store, route.param(0))
                    : put ? listeners.replace(request, store, route.param(0)) : listeners.delete(store, route.param(0));
            case NOTIFICATIONS -> listeners.listNotifications(store, route.param(0));
            case NOTIFICATION -> read ? listeners.readNotification(store, route.param(1))
                    : listeners.deleteNotification(store, route.param(1));
        };
    }
}
