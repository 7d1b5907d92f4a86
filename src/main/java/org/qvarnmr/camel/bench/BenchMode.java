package org.qvarnmr.camel.bench;

/** What one measured run does. */
public enum BenchMode {
    /** Listeners exist, the sources are written, then one one-shot pass processes their notifications. */
    incremental,
    /** The sources exist before the worker's first start, which resyncs all of them. */
    resync,
    /** A forever worker while reports are written at a steady rate; time until each one's derived rows show. */
    latency,
    /** incremental, resync and latency, each on a fresh Qvarn. */
    all
}
