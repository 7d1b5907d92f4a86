package org.qvarnmr.camel.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A handler read a field that the resource or map row does not have. A field that is present with a null
 * value is a value; an absent one is a mistake in the bindings (a misspelt field, a field of another
 * type), and reading it as null would write wrong derived data silently.
 */
public class MissingFieldException extends RuntimeException {
    private final String field;

    /**
     * @param field what the handler asked for
     * @param what  the kind of thing read, e.g. {@code resource} or {@code map row}
     * @param type  the resource type's path name, or null when not known
     * @param node  the resource or row read
     * @param hint  what to write instead, or null
     */
    public MissingFieldException(String field, String what, String type, ObjectNode node, String hint) {
        super("field '" + field + "' is not in " + what + " " + id(node) + (type == null ? "" : " of " + type)
                + "; it has: " + fields(node) + (hint == null ? "" : "; " + hint));
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message alone: it already says what went wrong, and it ends up in dead letters read by people. */
    @Override
    public String toString() {
        return getMessage();
    }

    /**
     * A field of {@code node}; throws when it is absent (a JSON null is returned as a value).
     *
     * @see #MissingFieldException(String, String, String, ObjectNode, String)
     */
    public static JsonNode require(ObjectNode node, String field, String what, String type, String hint) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new MissingFieldException(field, what, type, node, hint);
        }
        return value;
    }

    private static String id(ObjectNode node) {
        JsonNode id = node.get("id");
        return id == null || id.isNull() ? "(without id)" : id.asText();
    }

    private static String fields(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names.isEmpty() ? "(no fields)" : String.join(", ", names);
    }
}
