package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Small JSON helpers shared by the built-ins. */
final class JsonValues {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {
    }

    /** Text of a scalar field, or null when absent or JSON null. */
    static String text(ObjectNode resource, String name) {
        JsonNode value = resource.get(name);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    static JsonNode toJson(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return MAPPER.valueToTree(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(ObjectNode resource) {
        return MAPPER.convertValue(resource, Map.class);
    }
}
