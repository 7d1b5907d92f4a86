package org.qvarnmr.camel.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.WorkerSettings;

/**
 * Where Camel runs, the worker's pools are the context's (its thread names, sizes as {@code qvarn.threads});
 * closed, they refuse work instead of dropping it (a caller would wait for a dropped task for ever).
 */
class WorkerThreadsTest {
    private static final WorkerSettings SETTINGS = WorkerSettings.from(Map.of(
            "qvarn.base-url", new ConfigSource.Value("http://127.0.0.1:9", "test"),
            "qvarnmr.instance", new ConfigSource.Value("test", "test"),
            "qvarn.threads", new ConfigSource.Value("3", "test")), List.of());

    private static String threadOf(ExecutorService pool) throws Exception {
        return pool.submit(() -> Thread.currentThread().getName()).get();
    }

    @Test
    void shouldMakeThePoolsWithTheContextsExecutorServiceManager() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            WorkerThreads threads = WorkerThreads.of(camel, SETTINGS);
            try {
                assertThat(threadOf(threads.io())).startsWith("Camel (" + camel.getName() + ")").endsWith("qvarnmr-io");
                assertThat(threadOf(threads.client())).startsWith("Camel (" + camel.getName() + ")").endsWith("qvarn-client");
                assertThat(((java.util.concurrent.ThreadPoolExecutor) threads.io()).getMaximumPoolSize()).isEqualTo(3);
            } finally {
                threads.close();
            }

            assertThat(threads.io().isShutdown()).isTrue();
            assertThatThrownBy(() -> threads.client().submit(() -> 1)).isInstanceOf(RejectedExecutionException.class);
            assertThatThrownBy(() -> threads.io().submit(() -> 1)).isInstanceOf(RejectedExecutionException.class);
        }
    }

    @Test
    void shouldQueueWhatTheContextsPoolsCannotRunAtOnce() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            WorkerThreads threads = WorkerThreads.of(camel, SETTINGS);
            CountDownLatch release = new CountDownLatch(1);
            try {
                for (ExecutorService pool : List.of(threads.io(), threads.client())) {
                    List<Future<?>> busy = new ArrayList<>();
                    for (int i = 0; i < 3 + 2; i++) { // more tasks than qvarn.threads: the rest wait their turn
                        busy.add(pool.submit(() -> release.await(30, TimeUnit.SECONDS)));
                    }
                    assertThat(busy).hasSize(5);
                }
                release.countDown();
            } finally {
                threads.close();
            }
        }
    }

    @Test
    void shouldMakePlainPoolsWithoutCamel() throws Exception {
        WorkerThreads threads = WorkerThreads.of(null, SETTINGS);
        try {
            assertThat(threadOf(threads.io())).isEqualTo("qvarnmr-io-1");
            assertThat(threadOf(threads.client())).startsWith("qvarn-client-");
        } finally {
            threads.close();
        }
        assertThatThrownBy(() -> threads.io().submit(() -> 1)).isInstanceOf(RejectedExecutionException.class);
    }
}
