package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;
import org.qvarnmr.camel.handler.RouteCall;

/**
 * {@code handler: {route: URI}} in a map definition: the route gets the resource as a {@code java.util.Map} body
 * (a copy of its own) with the {@link RouteCall} headers, and replies the pairs ({@link RouteReply#pairs}).
 */
public final class RouteMapHandler implements MapHandler {
    private final RouteCall route;
    private final String uri;
    private final String binding;

    /**
     * @param route   the call of the route
     * @param uri     the endpoint URI, for messages
     * @param binding where the binding stands ({@code handlers.yaml:12}), the {@link RouteCall#BINDING} header
     */
    public RouteMapHandler(RouteCall route, String uri, String binding) {
        this.route = Objects.requireNonNull(route, "route");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.binding = Objects.requireNonNull(binding, "binding");
    }

    @Override
    public List<KeyValue> map(ObjectNode resource, HandlerContext context) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(RouteCall.RESOURCE_ID, JsonValues.text(resource, "id"));
        return RouteReply.pairs(RouteHandlers.call(route, uri, JsonValues.toMap(resource),
                RouteHandlers.headers(headers, context, binding)), uri);
    }

    /** Canonical text, e.g. {@code route(direct:my-map)}. */
    public String description() {
        return "route(" + uri + ")";
    }

    @Override
    public String toString() {
        return description();
    }
}
