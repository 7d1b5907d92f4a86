package org.qvarnmr.camel.worker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.qvarn.client.QvarnClient;

/**
 * The worker's thread pools besides its routes': the engine's I/O pool ({@code qvarnmr-io}: notification reads
 * and deletes, resync pages) and the Qvarn client's pool for concurrent GETs ({@code qvarn-client}), each of
 * {@code qvarn.threads} threads. Made by the CamelContext's {@link ExecutorServiceManager} when the worker
 * is built for one (Camel's thread names, its thread-pool management, stopped with the context at the
 * latest), else plain daemon pools. {@link #close()} stops them.
 */
final class WorkerThreads implements AutoCloseable {
    private final ExecutorServiceManager manager;
    private final ExecutorService io;
    private final ExecutorService client;

    /** Plain pools, where no Camel runs. */
    private WorkerThreads(int threads, int concurrency) {
        AtomicInteger n = new AtomicInteger();
        this.manager = null;
        this.io = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "qvarnmr-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = QvarnClient.newBulkPool(concurrency);
    }

    private WorkerThreads(ExecutorServiceManager manager, int threads, int concurrency) {
        this.manager = manager;
        this.io = manager.newThreadPool(this, "qvarnmr-io", fixed("qvarnmr-io", threads, 0));
        this.client = manager.newThreadPool(this, "qvarn-client", fixed("qvarn-client", concurrency, 30));
    }

    /** {@code camel}: the context whose manager makes the pools; null for plain pools. */
    static WorkerThreads of(CamelContext camel, WorkerSettings settings) {
        int threads = settings.threads();
        int concurrency = settings.qvarn().concurrency();
        return camel == null ? new WorkerThreads(threads, concurrency)
                : new WorkerThreads(camel.getExecutorServiceManager(), threads, concurrency);
    }

    /**
     * As the plain pools: {@code size} threads (ending after {@code idleSeconds} idle, when not 0) and an unbounded
     * queue (Camel reads a size of 0 or less as a hand-over without queue: a task beyond {@code size} would be
     * refused); a task offered after the pool stopped is refused, never dropped (Camel's default policy runs it in
     * the caller, which a stopped pool turns into dropping it: a caller would wait for it forever).
     */
    private static ThreadPoolProfile fixed(String id, int size, long idleSeconds) {
        return new ThreadPoolProfileBuilder(id).poolSize(size).maxPoolSize(size)
                .keepAliveTime(idleSeconds, TimeUnit.SECONDS).allowCoreThreadTimeOut(idleSeconds > 0)
                .maxQueueSize(Integer.MAX_VALUE).rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build();
    }

    /** The engine's I/O pool. */
    ExecutorService io() {
        return io;
    }

    /** The Qvarn client's pool for concurrent GETs. */
    ExecutorService client() {
        return client;
    }

    @Override
    public void close() {
        for (ExecutorService pool : new ExecutorService[] {io, client}) {
            if (manager != null) {
                manager.shutdownNow(pool);
            } else {
                pool.shutdownNow();
            }
        }
    }
}
