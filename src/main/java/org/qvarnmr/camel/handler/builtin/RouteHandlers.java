package org.qvarnmr.camel.handler.builtin;

import java.util.Map;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.RouteCall;

/** What the map and the reduce route handlers share: the headers every call carries, and the call itself. */
final class RouteHandlers {
    private RouteHandlers() {
    }

    /** {@code headers} with the source type, target and binding added. */
    static Map<String, Object> headers(Map<String, Object> headers, HandlerContext context, String binding) {
        if (context != null) {
            headers.put(RouteCall.SOURCE_TYPE, context.sourceType());
            headers.put(RouteCall.TARGET, context.targetType());
        }
        headers.put(RouteCall.BINDING, binding);
        return headers;
    }

    /** The route's reply; a route that throws fails the handler with its error. */
    static Object call(RouteCall route, String uri, Object body, Map<String, Object> headers) {
        try {
            return route.request(body, headers);
        } catch (RouteHandlerException e) {
            throw e;
        } catch (Exception e) {
            throw new RouteHandlerException("route " + uri + " failed: " + e, e);
        }
    }
}
