package org.qvarnmr.camel.bench;

/** What one measured run does. */
public enum BenchMode {
    /** Listeners exist, the sources are written, then one one-shot pass processes their notifications. */
    incremental,
    /**
     * Like incremental, on sources an untimed run has already processed: a backlog of creates, value
     * changes, key moves and deletes (half of it creates).
     */
    mixed,
    /** The sources exist before the worker's first start, which resyncs all of them. */
    resync,
    /** A forever worker while reports are written at a steady rate; time until each one's derived rows show. */
    latency,
    /** incremental, mixed, resync and latency, each on a fresh Qvarn. */
    all
}
