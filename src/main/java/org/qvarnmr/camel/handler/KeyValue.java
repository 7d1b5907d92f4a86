package org.qvarnmr.camel.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * One pair emitted by a map handler. The key must be a scalar (text, number or boolean); it is stored
 * as text in {@code _mr_key}. An object value becomes the fields of the map row (with
 * {@code _mr_value: null}); any other value is stored in {@code _mr_value}.
 */
public record KeyValue(JsonNode key, JsonNode value) {
    public KeyValue {
        value = value == null ? NullNode.getInstance() : value;
        key = key == null ? NullNode.getInstance() : key;
    }
}
