package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.qvarnmr.camel.handler.KeyValue;

/**
 * What a handler route may reply, read into JSON. The body must be JSON already: a Jackson {@code JsonNode}, or
 * a {@code Map}, {@code List}, {@code String}, number, boolean or null (as Jackson converts them). Anything else
 * (bytes, a stream, another Java object) is refused, saying what was expected.
 */
final class RouteReply {
    static final String PAIRS = "a map route must reply a list of {key: K, value: V} objects (an empty list for "
            + "none) or one such object";

    private RouteReply() {
    }

    /** The reply as JSON; throws {@link RouteHandlerException} for a body that is not JSON. */
    static JsonNode json(Object body, String uri) {
        if (body == null || body instanceof JsonNode || body instanceof Map<?, ?> || body instanceof Collection<?>
                || body instanceof String || body instanceof Number || body instanceof Boolean) {
            try {
                return JsonValues.toJson(body);
            } catch (IllegalArgumentException e) {
                throw new RouteHandlerException("route " + uri + " replied a " + body.getClass().getName()
                        + " that is not JSON: " + e.getMessage());
            }
        }
        throw new RouteHandlerException("route " + uri + " replied a " + body.getClass().getName() + "; a route handler "
                + "must reply JSON: a Map, a List, a String, a number, a boolean, null or a Jackson JsonNode "
                + "(unmarshal JSON text with unmarshal: {json: {}})");
    }

    /** The pairs of a map route's reply: a list of {@code {key, value}} objects, or one. */
    static List<KeyValue> pairs(Object body, String uri) {
        JsonNode reply = json(body, uri);
        if (reply.isObject()) {
            return List.of(pair(reply, uri, -1));
        }
        if (!reply.isArray()) {
            String text = reply.isTextual() ? reply.asText().strip() : "";
            throw new RouteHandlerException("route " + uri + " replied " + shown(reply) + "; " + PAIRS
                    + (text.startsWith("[") || text.startsWith("{")
                            ? " (this is JSON text: unmarshal it with unmarshal: {json: {library: Jackson, useList: true}})" : ""));
        }
        List<KeyValue> pairs = new ArrayList<>(reply.size());
        for (int i = 0; i < reply.size(); i++) {
            pairs.add(pair(reply.get(i), uri, i));
        }
        return pairs;
    }

    private static KeyValue pair(JsonNode pair, String uri, int index) {
        String which = index < 0 ? "" : " element " + index + " of its list,";
        if (!pair.isObject() || !pair.has("key")) {
            throw new RouteHandlerException("route " + uri + " replied" + which + " " + shown(pair) + ", which has no "
                    + "'key'; " + PAIRS);
        }
        for (Iterator<String> names = pair.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("key") && !name.equals("value")) {
                throw new RouteHandlerException("route " + uri + " replied" + which + " " + shown(pair) + " with field '"
                        + name + "'; a pair has only 'key' and 'value' (put more fields in an object value)");
            }
        }
        JsonNode value = pair.get("value");
        return new KeyValue(pair.get("key"), value == null ? NullNode.getInstance() : value);
    }

    /** The reply as JSON text, cut short: enough to recognise it. */
    private static String shown(JsonNode reply) {
        String text = reply.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
