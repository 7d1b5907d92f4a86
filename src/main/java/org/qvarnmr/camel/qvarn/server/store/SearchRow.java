package org.qvarnmr.camel.qvarn.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The searchable values of one stored resource, keyed by leaf name and computed once per write, so
 * that a search scans plain Java values instead of JSON trees. Strings are kept lower-cased
 * (0.82 compares {@code LOWER(column)}); nulls and empty lists contribute nothing, which gives SQL's
 * "NULL never matches" for free.
 */
public final class SearchRow {
    private static final Object[] NONE = new Object[0];

    private final Map<String, Object[]> valuesByLeaf;

    private SearchRow(Map<String, Object[]> valuesByLeaf) {
        this.valuesByLeaf = valuesByLeaf;
    }

    public static SearchRow of(ResourceType type, ObjectNode body, Map<String, ObjectNode> subresources) {
        Map<String, List<Object>> values = new HashMap<>();
        collect(type.prototype(), body, values);
        type.subresources().forEach((name, prototype) -> {
            ObjectNode content = subresources.get(name);
            if (content != null) {
                collect(prototype, content, values);
            }
        });
        Map<String, Object[]> frozen = new HashMap<>(values.size() * 2);
        values.forEach((leaf, list) -> frozen.put(leaf, list.toArray()));
        return new SearchRow(frozen);
    }

    private static void collect(Prototype prototype, JsonNode object, Map<String, List<Object>> values) {
        prototype.fields().forEach((name, spec) -> {
            JsonNode value = object.get(name);
            if (value == null || value.isNull()) {
                return;
            }
            if (spec instanceof FieldSpec.Scalar scalar) {
                if (scalar.kind() != ScalarKind.BLOB) {
                    add(values, name, value);
                }
            } else if (spec instanceof FieldSpec.StringList) {
                value.forEach(element -> add(values, name, element));
            } else if (spec instanceof FieldSpec.DictList dictList) {
                value.forEach(element -> {
                    if (element.isObject()) {
                        collect(dictList.item(), element, values);
                    }
                });
            }
        });
    }

    private static void add(Map<String, List<Object>> values, String leaf, JsonNode value) {
        Object searchable = searchable(value);
        if (searchable != null) {
            values.computeIfAbsent(leaf, k -> new ArrayList<>(1)).add(searchable);
        }
    }

    private static Object searchable(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().toLowerCase(Locale.ROOT);
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        return null;
    }

    /** The non-null values stored under this leaf name anywhere in the resource. */
    public Object[] values(String leaf) {
        Object[] values = valuesByLeaf.get(leaf);
        return values == null ? NONE : values;
    }
}
