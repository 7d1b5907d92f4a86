package org.qvarnmr.camel.handler.builtin;

import java.util.Map;
import java.util.Objects;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.RouteCall;

/**
 * The route a {@code route:} handler calls, and what its map and reduce forms share: the headers every call
 * carries, and a route that throws failing the handler with its error.
 *
 * @param call    the call of the route
 * @param uri     the endpoint URI, for messages
 * @param binding where the binding stands ({@code handlers.yaml:12}), the {@link RouteCall#BINDING} header
 */
public record HandlerRoute(RouteCall call, String uri, String binding) {
    public HandlerRoute {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(binding, "binding");
    }

    /** The route's reply to {@code body} with {@code headers} and the source type, target and binding. */
    Object request(Object body, Map<String, Object> headers, HandlerContext context) {
        if (context != null) {
            headers.put(RouteCall.SOURCE_TYPE, context.sourceType());
            headers.put(RouteCall.TARGET, context.targetType());
        }
        headers.put(RouteCall.BINDING, binding);
        try {
            return call.request(body, headers);
        } catch (Exception e) {
            throw new RouteHandlerException("route " + uri + " failed: " + e, e);
        }
    }

    /** Canonical text, e.g. {@code route(direct:my-map)}. */
    public String description() {
        return "route(" + uri + ")";
    }
}
