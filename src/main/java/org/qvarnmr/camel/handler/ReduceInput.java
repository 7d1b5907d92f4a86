package org.qvarnmr.camel.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The input of one reduce call. Both views are lazy: rows are read from Qvarn page by page while the
 * handler iterates, so a key with many rows is never held in memory at once. Each view may be
 * iterated once.
 */
public interface ReduceInput {
    /** The key being reduced, as stored in {@code _mr_key}. */
    String key();

    /** The map rows of this key that are not marked {@code _mr_deleted}, full resources. */
    Iterable<ObjectNode> rows();

    /**
     * The rows as values: each row passed through the definition's {@code map:} when it has one,
     * otherwise the row's {@code _mr_value}.
     */
    Iterable<JsonNode> values();
}
