package org.qvarnmr.camel.qvarn.server.store;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a YAML prototype into a {@link Prototype}, rejecting what 0.82 cannot serve (section 2.2):
 * plain nested dicts, lists of numbers or booleans, lists without exactly one item and dict lists
 * nested more than two levels.
 */
final class PrototypeParser {
    /** Dict lists may nest one level inside another, no deeper ({@code TooDeeplyNestedPrototype}). */
    private static final int MAX_DICT_LIST_DEPTH = 2;

    private final String source;

    PrototypeParser(String source) {
        this.source = source;
    }

    /**
     * @param location where the prototype sits in the file, for messages
     * @param blobAllowed whether the bare word {@code blob} marks a binary field (file subpaths)
     */
    Prototype parse(Object yaml, String location, boolean blobAllowed) {
        return parseDict(yaml, location, blobAllowed, 0);
    }

    private Prototype parseDict(Object yaml, String location, boolean blobAllowed, int depth) {
        if (!(yaml instanceof Map<?, ?> map)) {
            throw error(location, "must be a mapping of field names to prototype values");
        }
        if (map.isEmpty()) {
            throw error(location, "must have at least one field");
        }
        Map<String, FieldSpec> fields = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name) || name.isEmpty()) {
                throw error(location, "field name " + entry.getKey() + " is not a non-empty string");
            }
            fields.put(name, parseField(entry.getValue(), location + "." + name, blobAllowed, depth));
        }
        return new Prototype(fields);
    }

    private FieldSpec parseField(Object value, String location, boolean blobAllowed, int depth) {
        if (value instanceof String text) {
            boolean blob = blobAllowed && "blob".equals(text);
            return new FieldSpec.Scalar(blob ? ScalarKind.BLOB : ScalarKind.STRING, TextNode.valueOf(text));
        }
        if (value instanceof Boolean bool) {
            return new FieldSpec.Scalar(ScalarKind.BOOLEAN, BooleanNode.valueOf(bool));
        }
        if (value instanceof Integer || value instanceof Long) {
            return new FieldSpec.Scalar(ScalarKind.INTEGER, LongNode.valueOf(((Number) value).longValue()));
        }
        if (value instanceof BigInteger) {
            throw error(location, "integer prototype value does not fit in 64 bits");
        }
        if (value instanceof List<?> list) {
            return parseList(list, location, depth);
        }
        if (value instanceof Map<?, ?>) {
            throw error(location, "a plain nested dict is not supported; use a list of one dict");
        }
        if (value == null) {
            throw error(location, "has no prototype value; use \"\", 0, false, [\"\"] or [{...}]");
        }
        throw error(location, "unsupported prototype value " + value + " (" + value.getClass().getSimpleName()
                + "); use \"\", 0, false, [\"\"] or [{...}]");
    }

    private FieldSpec parseList(List<?> list, String location, int depth) {
        if (list.size() != 1) {
            throw error(location, "a prototype list must have exactly one item, not " + list.size());
        }
        Object item = list.get(0);
        if (item instanceof String) {
            List<String> values = new ArrayList<>();
            list.forEach(v -> values.add((String) v));
            return new FieldSpec.StringList(values);
        }
        if (item instanceof Map<?, ?>) {
            if (depth + 1 > MAX_DICT_LIST_DEPTH) {
                throw error(location, "dict lists may only be nested one level deep (TooDeeplyNestedPrototype)");
            }
            return new FieldSpec.DictList(parseDict(item, location + "[0]", false, depth + 1));
        }
        throw error(location, "a prototype list must contain a string or a dict; lists of "
                + (item == null ? "nulls" : item.getClass().getSimpleName() + "s") + " are not supported");
    }

    private ResourceTypeException error(String location, String problem) {
        return new ResourceTypeException(source + ": " + location + ": " + problem);
    }
}
