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
    private final HandlerRoute route;

    public RouteMapHandler(HandlerRoute route) {
        this.route = Objects.requireNonNull(route, "route");
    }

    @Override
    public List<KeyValue> map(ObjectNode resource, HandlerContext context) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(RouteCall.RESOURCE_ID, JsonValues.text(resource, "id"));
        return RouteReply.pairs(route.request(JsonValues.toMap(resource), headers, context), route.uri());
    }

    @Override
    public String toString() {
        return route.description();
    }
}
