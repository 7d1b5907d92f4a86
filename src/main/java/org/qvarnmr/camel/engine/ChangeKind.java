package org.qvarnmr.camel.engine;

/** What happened to a source resource, after coalescing its notifications. */
public enum ChangeKind {
    /** Created or updated: the resource is read again and mapped. */
    UPSERT,
    /** Deleted: its map rows are marked {@code _mr_deleted} until their keys are reduced. */
    DELETE
}
