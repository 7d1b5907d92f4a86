package org.qvarnmr.camel.qvarn.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A resource that matches before and after every write is never missing from an indexed search that runs
 * meanwhile: the store adds a version's index entries before it is visible and drops the old ones after.
 */
class SearchIndexConcurrencyTest {
    private static final int WRITES = 1500;
    private static final int SEARCHES = 1500;

    private final IndexedThings things = new IndexedThings();
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void shouldAlwaysFindAResourceThatKeepsMatchingWhileItIsWritten() throws Exception {
        for (int i = 0; i < 200; i++) {
            things.create("{\"name\": \"other " + i + "\", \"names\": [\"o\"]}");
        }
        String stable = things.create("{\"name\": \"Stable\", \"names\": [\"kept\", \"x0\"]}");

        Future<?> writer = pool.submit(() -> {
            for (int i = 0; i < WRITES; i++) {
                // the case changes, the list changes around the kept element, the subresource changes
                String name = i % 2 == 0 ? "STABLE" : "stable";
                things.replace(stable, "{\"name\": \"" + name + "\", \"names\": [\"x" + i + "\", \"KEPT\"]}");
                things.replaceSubresource(stable, "sync", "{\"sync_revision\": \"r" + i + "\"}");
            }
        });
        List<Future<List<String>>> readers = new ArrayList<>();
        for (String criteria : List.of("exact/name/stable", "exact/names/kept", "sort/id/limit/1000")) {
            readers.add(pool.submit(() -> misses(stable, criteria)));
        }

        writer.get(60, TimeUnit.SECONDS);
        for (Future<List<String>> reader : readers) {
            assertThat(reader.get(60, TimeUnit.SECONDS)).isEmpty();
        }
    }

    private List<String> misses(String id, String criteria) {
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < SEARCHES; i++) {
            if (!things.search(criteria).contains(id)) {
                misses.add(criteria);
            }
        }
        return misses;
    }
}
