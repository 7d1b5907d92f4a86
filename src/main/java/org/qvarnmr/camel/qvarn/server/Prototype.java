package org.qvarnmr.camel.qvarn.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A parsed prototype: field names in declaration order and their types. */
record Prototype(Map<String, FieldSpec> fields) {

    Prototype {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    boolean has(String name) {
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
