package org.qvarnmr.camel.component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Message bodies to and from Qvarn's JSON: a body in (String, bytes, Map, Jackson node), a result out. */
final class QvarnJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QvarnJson() {
    }

    /** The body as a JSON object, or an IllegalArgumentException that says what it was. */
    static ObjectNode object(Object body, String where) {
        JsonNode node;
        try {
            if (body instanceof JsonNode n) {
                node = n;
            } else if (body instanceof String text) {
                node = JSON.readTree(text);
            } else if (body instanceof byte[] bytes) {
                node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            } else if (body instanceof Map<?, ?> map) {
                node = JSON.valueToTree(map);
            } else {
                throw new IllegalArgumentException(where + ": the body must be a JSON object (a String, Map or Jackson "
                        + "node), not " + (body == null ? "empty" : body.getClass().getName()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": the body is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(where + ": the body must be a JSON object, not a JSON "
                    + (node == null ? "nothing" : node.getNodeType()));
        }
        return object;
    }

    /** A value read from Qvarn (a node, or a list of nodes or strings) in the endpoint's output type. */
    static Object out(Object value, OutputType type) {
        if (type != OutputType.map || value == null) {
            return value;
        }
        if (value instanceof JsonNode node) {
            return JSON.convertValue(node, new TypeReference<Object>() { });
        }
        return JSON.convertValue(value, new TypeReference<Object>() { });
    }
}
