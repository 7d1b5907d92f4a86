package org.qvarnmr.camel.qvarn.server.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A parsed prototype: field names in declaration order and their types. */
public record Prototype(Map<String, FieldSpec> fields) {

    public Prototype {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    FieldSpec field(String name) {
        return fields.get(name);
    }

    /** An object holding every field's prototype value. */
    ObjectNode initialObject() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        fields.forEach((name, spec) -> node.set(name, spec.initialValue().deepCopy()));
        return node;
    }
}
