package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.ReduceHandler;
import org.qvarnmr.camel.handler.ReduceInput;
import org.qvarnmr.camel.handler.RouteCall;

/**
 * {@code handler: {route: URI}} in a reduce definition: the route gets the key's live map rows as the built-ins
 * see them ({@link ReduceInput}), as one {@code java.util.Map} body {@code {key, rows, values}} (all in memory),
 * with the {@link RouteCall} headers, and replies the reduced value ({@link RouteReply#json}).
 */
public final class RouteReduceHandler implements ReduceHandler {
    private final HandlerRoute route;

    public RouteReduceHandler(HandlerRoute route) {
        this.route = Objects.requireNonNull(route, "route");
    }

    @Override
    public JsonNode reduce(ReduceInput input, HandlerContext context) {
        List<Object> rows = new ArrayList<>();
        for (ObjectNode row : input.rows()) {
            rows.add(JsonValues.toMap(row));
        }
        List<Object> values = new ArrayList<>();
        for (JsonNode value : input.values()) {
            values.add(JsonValues.MAPPER.convertValue(value, Object.class));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", input.key());
        body.put("rows", rows);
        body.put("values", values);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(RouteCall.KEY, input.key());
        return RouteReply.json(route.request(body, headers, context), route.uri());
    }

    @Override
    public String toString() {
        return route.description();
    }
}
