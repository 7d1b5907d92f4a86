package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A map row that leaves its key: moved to a new key and content ({@code to}: the new body with the row's id
 * and revision) or removed ({@code to} null). In a target a reduce reads, the map step does not write it
 * but hands it to {@link MapStep#writeDeferred}, which knows whether the old key is anchored.
 *
 * @param target the map target
 * @param from   the row as read (its id, revision and old key)
 * @param to     the new body to PUT in place, or null when the row goes
 */
public record RowMove(String target, ObjectNode from, ObjectNode to) {
    public String id() {
        return from.get("id").asText();
    }

    public String oldKey() {
        return MrFields.text(from, MrFields.KEY);
    }

    /** The old key in its target: what must be anchored for this row to leave it at once. */
    public KeyRef oldKeyRef() {
        return new KeyRef(target, oldKey());
    }

    public boolean removal() {
        return to == null;
    }
}
