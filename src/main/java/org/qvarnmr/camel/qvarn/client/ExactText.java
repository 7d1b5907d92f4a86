package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Searches for resources (derived rows, the worker's records) by an exact text value of a field, working around two Qvarn search rules: string
 * matching is case-insensitive (so results are filtered again, case-sensitively), and the values
 * {@code true}/{@code false} are turned into booleans (so those are found with {@code startswith}).
 */
public final class ExactText {
    private ExactText() {
    }

    /** A search of {@code type} for rows whose {@code field} is {@code value} (to be narrowed by {@link #filter}). */
    public static Search exact(String type, String field, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Search.on(type).startswith(field, value.substring(0, value.length() - 1));
        }
        return Search.on(type).exact(field, value);
    }

    /** Keeps the rows whose {@code field} equals {@code value} exactly. */
    public static List<ObjectNode> filter(List<ObjectNode> rows, String field, String value) {
        List<ObjectNode> kept = new ArrayList<>(rows.size());
        for (ObjectNode row : rows) {
            if (value.equals(QvarnValues.text(row, field))) {
                kept.add(row);
            }
        }
        return kept;
    }
}
