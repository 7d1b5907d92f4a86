package org.qvarnmr.camel.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * One read a walk needs next, started ahead on an executor so that Qvarn answers it while the walk's writes
 * run, or done when taken. Used by one thread (the walk's); a read that failed is done again when taken next.
 */
final class ReadAhead<T> {
    private final Supplier<T> read;
    /** Null: every read is done when taken. */
    private final Executor executor;
    private CompletableFuture<T> ahead;

    ReadAhead(Supplier<T> read, Executor executor) {
        this.read = read;
        this.executor = executor;
    }

    /** Starts the read unless it is running or there is no executor; a pool shutting down leaves it for {@link #take()}. */
    void start() {
        if (ahead != null || executor == null) {
            return;
        }
        try {
            ahead = CompletableFuture.supplyAsync(read, executor);
        } catch (RejectedExecutionException shuttingDown) {
            ahead = null;
        }
    }

    /** The read's result: the one started ahead, else read now; its failure is thrown as it was. */
    T take() {
        CompletableFuture<T> started = ahead;
        ahead = null;
        if (started == null) {
            return read.get();
        }
        try {
            return started.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }
}
