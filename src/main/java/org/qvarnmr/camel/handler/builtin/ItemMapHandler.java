package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;
import org.qvarnmr.camel.handler.MissingFieldException;

/**
 * The {@code item(key[, value])} built-in: one pair {@code (resource[key], resource[value])}. A field
 * the resource does not have fails the map ({@link MissingFieldException}); a field that is null gives a
 * JSON null, and the pair is returned even when the key is null (the engine decides what a null key
 * means). Without a value field the value is null.
 */
public final class ItemMapHandler implements MapHandler, ReadsFields {
    private final String keyField;
    private final String valueField;

    public ItemMapHandler(String keyField, String valueField) {
        this.keyField = Objects.requireNonNull(keyField, "keyField");
        this.valueField = valueField;
    }

    public ItemMapHandler(String keyField) {
        this(keyField, null);
    }

    @Override
    public List<KeyValue> map(ObjectNode resource, HandlerContext context) {
        String type = context == null ? null : context.sourceType();
        return List.of(new KeyValue(
                MissingFieldException.require(resource, keyField, "resource", type, null),
                valueField == null ? null : MissingFieldException.require(resource, valueField, "resource", type, null)));
    }

    public String keyField() {
        return keyField;
    }

    public String valueField() {
        return valueField;
    }

    /** The key field, and the value field when there is one. */
    @Override
    public List<String> fields() {
        return valueField == null ? List.of(keyField) : List.of(keyField, valueField);
    }

    /** Canonical text, e.g. {@code item(key=org)} or {@code item(key=org, value=amount)}. */
    public String description() {
        return valueField == null
                ? "item(key=" + keyField + ")"
                : "item(key=" + keyField + ", value=" + valueField + ")";
    }

    @Override
    public String toString() {
        return description();
    }
}
