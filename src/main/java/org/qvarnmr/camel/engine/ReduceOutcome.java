package org.qvarnmr.camel.engine;

/** The result of reducing one key. */
public enum ReduceOutcome {
    /** The reduce row is written (or deleted because the key has no live rows). */
    DONE,
    /** The reduce row already held the result: nothing was written. */
    UNCHANGED,
    /** The key's map rows carry different handler versions (a resync is half way); try again later. */
    POSTPONED
}
