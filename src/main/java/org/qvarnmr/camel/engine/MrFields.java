package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.qvarnmr.camel.qvarn.client.QvarnValues;

/** Names of the derived fields the original qvarn-mr defined, and small readers for them. */
public final class MrFields {
    public static final String KEY = "_mr_key";
    public static final String VALUE = "_mr_value";
    public static final String SOURCE_ID = "_mr_source_id";
    public static final String SOURCE_TYPE = "_mr_source_type";
    public static final String VERSION = "_mr_version";
    public static final String DELETED = "_mr_deleted";
    public static final String TIMESTAMP = "_mr_timestamp";

    /** Fields Qvarn owns on every resource. */
    public static final Set<String> QVARN_FIELDS = Set.of("id", "type", "revision");

    private MrFields() {
    }

    /**
     * A dict result without {@code id}, {@code type} and {@code revision}: Qvarn owns those, so a handler
     * that returns a whole resource as its value still produces a row Qvarn accepts.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode withoutQvarnFields(
            com.fasterxml.jackson.databind.node.ObjectNode value) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = value.deepCopy();
        copy.remove(QVARN_FIELDS);
        return copy;
    }

    public static String text(JsonNode resource, String field) {
        return QvarnValues.text(resource, field);
    }

    /** Whether {@code row} is a map row of the source {@code sourceType}/{@code sourceId} (ids compared exactly). */
    public static boolean isRowOf(JsonNode row, String sourceType, String sourceId) {
        return sourceId.equals(text(row, SOURCE_ID)) && sourceType.equals(text(row, SOURCE_TYPE));
    }

    /** A row's {@code _mr_version}, or -1 when it has none. */
    public static long version(JsonNode row) {
        JsonNode v = row.get(VERSION);
        return v == null || v.isNull() ? -1 : v.asLong(-1);
    }

    public static long timestamp(JsonNode row) {
        JsonNode v = row.get(TIMESTAMP);
        return v == null || v.isNull() ? Long.MIN_VALUE : v.asLong(Long.MIN_VALUE);
    }
}
