package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RequestStatsTest extends ThingsServerTest {
    @Test
    void shouldCountByMethodAndRouteTemplate() {
        String id = http.post("/things", "{}").id();
        http.get("/things/" + id);
        http.get("/things/" + id);
        http.get("/things/search/exact/name/x");
        String listener = http.post("/things/listeners", "{}").id();
        http.get("/things/listeners/" + listener + "/notifications");
        http.delete("/things/listeners/" + listener + "/notifications/n1");
        http.get("/things/" + id + "/sync");
        http.get("/version");
        http.send("POST", "/auth/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8));

        assertThat(qvarn.stats().snapshot()).containsExactly(
                java.util.Map.entry("DELETE /things/listeners/{lid}/notifications/{nid}", 1L),
                java.util.Map.entry("GET /things/listeners/{lid}/notifications", 1L),
                java.util.Map.entry("GET /things/search", 1L),
                java.util.Map.entry("GET /things/{id}", 2L),
                java.util.Map.entry("GET /things/{id}/sync", 1L),
                java.util.Map.entry("GET /version", 1L),
                java.util.Map.entry("POST /auth/token", 1L),
                java.util.Map.entry("POST /things", 1L),
                java.util.Map.entry("POST /things/listeners", 1L));
        assertThat(qvarn.stats().count("GET", "/things/{id}")).isEqualTo(2);
        assertThat(qvarn.stats().count("PUT", "/things/{id}")).isZero();
        assertThat(qvarn.stats().total()).isEqualTo(10);
    }

    @Test
    void shouldCountFailedAndUnmatchedRequests() {
        http.get("/things/unknown");
        http.get("/nowhere");

        assertThat(qvarn.stats().count("GET", "/things/{id}")).isEqualTo(1);
        assertThat(qvarn.stats().count("GET", "(unmatched)")).isEqualTo(1);
    }

    @Test
    void shouldResetEveryCounter() {
        http.get("/things");

        qvarn.stats().reset();

        assertThat(qvarn.stats().total()).isZero();
        assertThat(qvarn.stats().snapshot()).isEmpty();
    }

    @Test
    void shouldCountConcurrentRequestsExactly() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        http.post("/things", "{}");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(qvarn.stats().count("POST", "/things")).isEqualTo(200);
        assertThat(http.get("/things").ids()).hasSize(200).doesNotHaveDuplicates();
    }
}
