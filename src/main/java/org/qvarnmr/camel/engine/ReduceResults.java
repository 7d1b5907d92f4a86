package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.ReduceInput;

/**
 * What a reduce handler makes of one key's live map rows, the reduce row that says it, and whether a
 * stored row already does: one meaning for the reduce step that writes the row and for {@code verify}
 * that only compares it.
 */
public final class ReduceResults {
    private ReduceResults() {
    }

    /**
     * Runs the reduce handler of {@code binding} over the key's live map rows (each view of the input is
     * lazy and read once); a null result is JSON null. A failing handler is a {@link HandlerException}
     * naming the binding and the key.
     */
    public static JsonNode run(HandlerBinding binding, String key, Iterable<ObjectNode> liveRows,
                               HandlerContext context) {
        ReduceInput input = new ReduceInput() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public Iterable<ObjectNode> rows() {
                return liveRows;
            }

            @Override
            public Iterable<JsonNode> values() {
                return () -> new Iterator<>() {
                    private final Iterator<ObjectNode> it = liveRows.iterator();

                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public JsonNode next() {
                        ObjectNode row = it.next();
                        if (binding.valueMapper() != null) {
                            return binding.valueMapper().apply(row);
                        }
                        JsonNode v = row.get(MrFields.VALUE);
                        return v == null ? NullNode.getInstance() : v;
                    }
                };
            }
        };
        try {
            JsonNode result = binding.reduceHandler().reduce(input, context);
            return result == null ? NullNode.getInstance() : result;
        } catch (Exception e) {
            throw new HandlerException(binding.where() + " failed on key '" + key + "': " + e, e);
        }
    }

    /**
     * The reduce row of {@code result} at {@code key}, without its {@code _mr_timestamp}: a dict result
     * becomes fields with {@code _mr_value: null}, as the original did.
     */
    public static ObjectNode body(HandlerBinding binding, String key, JsonNode result) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (result.isObject()) {
            body.setAll(MrFields.withoutQvarnFields((ObjectNode) result));
            body.set(MrFields.VALUE, NullNode.getInstance());
        } else {
            body.set(MrFields.VALUE, result);
        }
        body.put(MrFields.KEY, key);
        body.put(MrFields.VERSION, binding.version());
        return body;
    }

    /**
     * Whether the stored {@code row} already says {@code body}: the same values, and beyond them only
     * Qvarn's own fields, the timestamp and empty fields (Qvarn fills absent fields with null or []).
     */
    public static boolean says(ObjectNode body, ObjectNode row) {
        if (!JsonSame.containsAll(body, row)) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = e.getKey();
            if (MrFields.QVARN_FIELDS.contains(f) || f.equals(MrFields.TIMESTAMP) || body.has(f)) {
                continue;
            }
            JsonNode v = e.getValue();
            if (!(v.isNull() || (v.isArray() && v.isEmpty()))) {
                return false;
            }
        }
        return true;
    }
}
