package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several requests at once, as the worker sends them. */
class ConcurrencyTest {
    private EmbeddedQvarn qvarn;
    private QvarnHttp http;
    private ExecutorService pool;

    @BeforeEach
    void start() {
        qvarn = Fixtures.startThings();
        http = new QvarnHttp(qvarn.baseUrl());
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        qvarn.close();
    }

    private <T> List<T> all(int count, Callable<T> task) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(task));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    @Test
    void shouldLetOnlyOneOfSeveralPutsWithTheSameRevisionWin() throws Exception {
        Reply created = http.post("/things", "{}");

        List<Integer> statuses = all(8, () -> http.put("/things/" + created.id(),
                "{\"revision\": \"" + created.revision() + "\", \"name\": \"" + Thread.currentThread().getName() + "\"}")
                .status());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
    }

    @Test
    void shouldNotifyEveryConcurrentCreationOnceInOrder() throws Exception {
        String listener = http.post("/things/listeners", "{\"notify_of_new\": true}").id();

        List<String> ids = all(40, () -> http.post("/things", "{}").id());

        List<String> notified = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (String nid : http.get("/things/listeners/" + listener + "/notifications").ids()) {
            Reply notification = http.get("/things/listeners/" + listener + "/notifications/" + nid);
            notified.add(notification.json().path("resource_id").asText());
            times.add(notification.json().path("last_modified").asLong());
        }
        assertThat(notified).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(times).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldSearchWhileWriting() throws Exception {
        List<Integer> statuses = all(40, () -> Math.random() < 0.5
                ? http.post("/things", "{\"country\": \"FI\"}").status()
                : http.get("/things/search/exact/country/fi/show_all").status());

        assertThat(statuses).allMatch(s -> s == 200 || s == 201);
    }
}
