package org.qvarnmr.camel.bench;

/**
 * How the engine is configured for one run: the concurrent, batched configuration under test, or the
 * sequential baseline ({@code qvarn.threads=1}, {@code qvarnmr.batch-size=1}) that approximates the
 * original's one-request-at-a-time, one-notification-at-a-time processing with the same code.
 */
record EngineProfile(String name, int threads, int batchSize) {
    static EngineProfile concurrent(int threads, int batchSize) {
        return new EngineProfile("concurrent", threads, batchSize);
    }

    static EngineProfile sequential() {
        return new EngineProfile("sequential", 1, 1);
    }

    String describe() {
        return name + " (qvarn.threads=" + threads + ", qvarnmr.batch-size=" + batchSize + ")";
    }
}
