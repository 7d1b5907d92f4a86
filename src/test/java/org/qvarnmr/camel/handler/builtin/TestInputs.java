package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.qvarnmr.camel.handler.ReduceInput;

/** In-memory reduce inputs and JSON literals for handler tests. */
final class TestInputs {
    static final ObjectMapper JSON = new ObjectMapper();

    private TestInputs() {
    }

    static JsonNode node(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static ObjectNode object(String json) {
        return (ObjectNode) node(json);
    }

    /** Rows as given; values are each row's {@code _mr_value}. */
    static ReduceInput rows(ObjectNode... rows) {
        List<ObjectNode> list = List.of(rows);
        List<JsonNode> values = new ArrayList<>();
        list.forEach(r -> values.add(r.path("_mr_value")));
        return input(list, values);
    }

    /** One row {@code {_mr_value: v}} per value, given as JSON texts. */
    static ReduceInput values(String... jsonValues) {
        List<ObjectNode> rows = new ArrayList<>();
        for (String v : jsonValues) {
            ObjectNode row = JSON.createObjectNode();
            row.set("_mr_value", node(v));
            rows.add(row);
        }
        return rows(rows.toArray(ObjectNode[]::new));
    }

    static ReduceInput input(List<ObjectNode> rows, List<JsonNode> values) {
        return new ReduceInput() {
            @Override
            public String key() {
                return "k";
            }

            @Override
            public Iterable<ObjectNode> rows() {
                return rows;
            }

            @Override
            public Iterable<JsonNode> values() {
                return values;
            }
        };
    }
}
