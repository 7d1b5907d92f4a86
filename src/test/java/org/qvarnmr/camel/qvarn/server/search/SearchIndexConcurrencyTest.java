package org.qvarnmr.camel.qvarn.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes and indexed searches at once, every task on its own thread and all released together by a
 * barrier: a resource that matches before and after every write is never missing from a search that runs
 * meanwhile, and an index built while writes go on misses none of them (its build holds the store's write
 * lock).
 */
class SearchIndexConcurrencyTest {
    private static final int WRITES = 1500;
    private static final int SEARCHES = 1500;
    private static final int ROUNDS = 20;
    private static final int RESOURCES = 2000;

    private ExecutorService pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldAlwaysFindAResourceThatKeepsMatchingWhileItIsWritten() throws Exception {
        IndexedThings things = new IndexedThings();
        for (int i = 0; i < 200; i++) {
            things.create("{\"name\": \"other " + i + "\", \"names\": [\"o\"]}");
        }
        String stable = things.create("{\"name\": \"Stable\", \"names\": [\"kept\", \"x0\"]}");
        List<String> criteria = List.of("exact/name/stable", "exact/names/kept", "sort/id/limit/1000");
        CyclicBarrier start = new CyclicBarrier(1 + criteria.size());
        pool = Executors.newFixedThreadPool(1 + criteria.size());

        Future<?> writer = pool.submit(() -> {
            start.await();
            for (int i = 0; i < WRITES; i++) {
                // the case changes, the list changes around the kept element, the subresource changes
                String name = i % 2 == 0 ? "STABLE" : "stable";
                things.replace(stable, "{\"name\": \"" + name + "\", \"names\": [\"x" + i + "\", \"KEPT\"]}");
                things.replaceSubresource(stable, "sync", "{\"sync_revision\": \"r" + i + "\"}");
            }
            return null;
        });
        List<Future<List<String>>> readers = new ArrayList<>();
        for (String each : criteria) {
            readers.add(pool.submit(() -> {
                start.await();
                return misses(things, stable, each);
            }));
        }

        writer.get(60, TimeUnit.SECONDS);
        for (Future<List<String>> reader : readers) {
            assertThat(reader.get(60, TimeUnit.SECONDS)).isEmpty();
        }
    }

    /**
     * Each round, a writer renames every resource in creation order while a reader's first search builds the
     * {@code name} index over them, also in creation order but faster. Without the write lock around the
     * build, a rename finished after the build read that resource and before the index was published would be
     * lost from the index for good.
     */
    @Test
    void shouldMissNoWriteMadeWhileAnIndexIsBuilt() throws Exception {
        pool = Executors.newFixedThreadPool(2);
        for (int round = 0; round < ROUNDS; round++) {
            IndexedThings things = new IndexedThings();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < RESOURCES; i++) {
                ids.add(things.create("{\"name\": \"old\"}"));
            }
            CyclicBarrier start = new CyclicBarrier(2);
            Future<?> writer = pool.submit(gated(start, () -> {
                for (String id : ids) {
                    things.replace(id, "{\"name\": \"new\"}");
                }
                return null;
            }));
            Future<?> builder = pool.submit(gated(start, () -> things.search("exact/name/new")));
            writer.get(60, TimeUnit.SECONDS);
            builder.get(60, TimeUnit.SECONDS);

            assertThat(things.candidates("exact/name/new")).as("the index's resources named new, round %d", round)
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(things.search("exact/name/new")).as("round %d", round).isEqualTo(things.scan("exact/name/new"));
        }
    }

    private static <T> Callable<T> gated(CyclicBarrier start, Callable<T> task) {
        return () -> {
            start.await();
            return task.call();
        };
    }

    private static List<String> misses(IndexedThings things, String id, String criteria) {
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < SEARCHES; i++) {
            if (!things.search(criteria).contains(id)) {
                misses.add(criteria);
            }
        }
        return misses;
    }
}
