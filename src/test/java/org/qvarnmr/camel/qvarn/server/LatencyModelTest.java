package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.server.http.Endpoint;

class LatencyModelTest {
    private static final Duration Z = Duration.ZERO;

    @Test
    void shouldServeAtMostMaxConcurrentRequestsAtOnce() throws Exception {
        LatencyModel model = new LatencyModel(Duration.ofMillis(40), Z, Z, Z, Z, Z, 2);
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Fixtures.resourceTypes())
                .latency(model).build().start()) {
            QvarnHttp http = new QvarnHttp(qvarn.baseUrl());
            ExecutorService pool = Executors.newFixedThreadPool(6);
            long start = System.nanoTime();
            try {
                List<Future<Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    replies.add(pool.submit(() -> http.get("/things/x")));
                }
                for (Future<Reply> reply : replies) {
                    assertThat(reply.get().status()).isEqualTo(404);
                }
            } finally {
                pool.shutdownNow();
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(qvarn.stats().maxConcurrent()).isBetween(1, 2);
            // six requests of 40 ms, two at a time, need three rounds
            assertThat(tookMillis).isGreaterThanOrEqualTo(120);
        }
    }

    @Test
    void shouldDelayEachRequestClassByItsOwnTime() {
        LatencyModel model = new LatencyModel(Z, Z, Duration.ofMillis(120), Z, Z, Z, 0);
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Fixtures.resourceTypes())
                .latency(model).build().start()) {
            QvarnHttp http = new QvarnHttp(qvarn.baseUrl());
            http.get("/things");

            long start = System.nanoTime();
            http.get("/things/search/show_all");
            long searchMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(searchMillis).isGreaterThanOrEqualTo(120);
        }
    }

    @Test
    void shouldClassifyRequests() {
        LatencyModel model = new LatencyModel(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(3),
                Duration.ofMillis(4), Duration.ofMillis(5), Duration.ofMillis(6), 0);

        assertThat(model.delay(Endpoint.ITEM, "GET")).hasMillis(1);
        assertThat(model.delay(Endpoint.NOTIFICATION, "GET")).hasMillis(1);
        assertThat(model.delay(Endpoint.COLLECTION, "GET")).hasMillis(2);
        assertThat(model.delay(Endpoint.NOTIFICATIONS, "GET")).hasMillis(2);
        assertThat(model.delay(Endpoint.SEARCH, "GET")).hasMillis(3);
        assertThat(model.delay(Endpoint.COLLECTION, "POST")).hasMillis(4);
        assertThat(model.delay(Endpoint.SUBRESOURCE, "PUT")).hasMillis(5);
        assertThat(model.delay(Endpoint.NOTIFICATION, "DELETE")).hasMillis(6);
        assertThat(model.delay(Endpoint.TOKEN, "POST")).isZero();
        assertThat(model.delay(Endpoint.VERSION, "GET")).isZero();
    }

    @Test
    void shouldModelQvarn082OnPostgres() {
        LatencyModel model = LatencyModel.QVARN_082_POSTGRES;

        assertThat(model.getById()).isEqualTo(Duration.ofMillis(1).plusNanos(400_000));
        assertThat(model.list()).hasMillis(5);
        assertThat(model.search()).hasMillis(10);
        assertThat(model.post()).hasMillis(13);
        assertThat(model.put()).hasMillis(12);
        assertThat(model.delete()).hasMillis(12);
        assertThat(model.maxConcurrent()).isEqualTo(4);
    }

    @Test
    void shouldRejectNegativeValues() {
        assertThatThrownBy(() -> new LatencyModel(Duration.ofMillis(-1), Z, Z, Z, Z, Z, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyModel(Z, Z, Z, Z, Z, Z, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
