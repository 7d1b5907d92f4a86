package org.qvarnmr.camel.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One drifted row, as the JSON report shows it.
 *
 * @param kind     how it drifted
 * @param id       the stored row's id (null for a missing row)
 * @param source   {@code type/id} of the source resource (map targets), or null
 * @param key      the row's {@code _mr_key} (the wanted key of a missing row)
 * @param expected what the handler computes (missing, wrong, stale), or null
 * @param found    the stored row (extra, wrong, stale), or null
 * @param note     why, in words, or null
 */
public record DriftRow(Drift kind, String id, String source, String key, JsonNode expected, JsonNode found,
                       String note) {
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("kind", kind.label());
        putIfSet(json, "id", id);
        putIfSet(json, "source", source);
        putIfSet(json, "key", key);
        if (expected != null) {
            json.set("expected", expected);
        }
        if (found != null) {
            json.set("found", found);
        }
        putIfSet(json, "note", note);
        return json;
    }

    private static void putIfSet(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
