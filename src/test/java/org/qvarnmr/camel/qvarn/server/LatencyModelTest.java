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

        assertThat(searchMillis(model, 0)).isGreaterThanOrEqualTo(120);
    }

    @Test
    void shouldClassifyRequests() {
        LatencyModel model = new LatencyModel(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(3),
                Duration.ofMillis(4), Duration.ofMillis(5), Duration.ofMillis(6), 0);

        assertThat(model.delay(Endpoint.ITEM, "GET", 0)).hasMillis(1);
        assertThat(model.delay(Endpoint.NOTIFICATION, "GET", 0)).hasMillis(1);
        assertThat(model.delay(Endpoint.COLLECTION, "GET", 0)).hasMillis(2);
        assertThat(model.delay(Endpoint.NOTIFICATIONS, "GET", 0)).hasMillis(2);
        assertThat(model.delay(Endpoint.SEARCH, "GET", 0)).hasMillis(3);
        assertThat(model.delay(Endpoint.COLLECTION, "POST", 0)).hasMillis(4);
        assertThat(model.delay(Endpoint.SUBRESOURCE, "PUT", 0)).hasMillis(5);
        assertThat(model.delay(Endpoint.NOTIFICATION, "DELETE", 0)).hasMillis(6);
        assertThat(model.delay(Endpoint.TOKEN, "POST", 0)).isZero();
        assertThat(model.delay(Endpoint.VERSION, "GET", 0)).isZero();
    }

    @Test
    void shouldChargeEachNotificationRequestByItsOwnTime() {
        Duration d = Duration.ofMillis(1);
        LatencyModel model = new LatencyModel(d, d, d, Z, d, d, d, Duration.ofMillis(7), Duration.ofMillis(8),
                Duration.ofMillis(9), 0);

        assertThat(model.delay(Endpoint.NOTIFICATIONS, "GET", 0)).hasMillis(7);
        assertThat(model.delay(Endpoint.NOTIFICATION, "GET", 0)).hasMillis(8);
        assertThat(model.delay(Endpoint.NOTIFICATION, "DELETE", 0)).hasMillis(9);
        assertThat(model.delay(Endpoint.LISTENER, "DELETE", 0)).hasMillis(1);
    }

    @Test
    void shouldChargeASearchPerReturnedRow() {
        LatencyModel model = new LatencyModel(Z, Z, Duration.ofMillis(10), Duration.ofMillis(2), Z, Z, Z, Z, Z, Z, 0);

        assertThat(model.chargesRows()).isTrue();
        assertThat(model.delay(Endpoint.SEARCH, "GET", 0)).hasMillis(10);
        assertThat(model.delay(Endpoint.SEARCH, "GET", 5)).hasMillis(20);
    }

    @Test
    void shouldDelayASearchByTheRowsTheServerAnswered() {
        LatencyModel model = new LatencyModel(Z, Z, Z, Duration.ofMillis(60), Z, Z, Z, Z, Z, Z, 0);

        // three rows of 60 ms each
        assertThat(searchMillis(model, 3)).isGreaterThanOrEqualTo(180);
    }

    @Test
    void shouldKeepTheOldModelUnderItsOwnName() {
        LatencyModel old = LatencyModel.QVARN_082_POSTGRES_OLD;

        assertThat(old.getById()).isEqualTo(Duration.ofMillis(1).plusNanos(400_000));
        assertThat(old.search()).hasMillis(10);
        assertThat(old.searchPerRow()).isZero();
        assertThat(old.post()).hasMillis(13);
        assertThat(old.maxConcurrent()).isEqualTo(4);
    }

    @Test
    void shouldServeTheCalibratedModelOnFourProcesses() {
        LatencyModel model = LatencyModel.QVARN_082_POSTGRES;

        assertThat(model.maxConcurrent()).isEqualTo(4);
        assertThat(model.chargesRows()).isTrue();
        assertThat(model.describe()).contains("per returned row").contains("4 requests served at once");
    }

    @Test
    void shouldRejectNegativeValues() {
        assertThatThrownBy(() -> new LatencyModel(Duration.ofMillis(-1), Z, Z, Z, Z, Z, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyModel(Z, Z, Z, Z, Z, Z, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** How long a show_all search of a server holding {@code rows} things took under the model. */
    private static long searchMillis(LatencyModel model, int rows) {
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Fixtures.resourceTypes())
                .latency(model).build().start()) {
            QvarnHttp http = new QvarnHttp(qvarn.baseUrl());
            for (int i = 0; i < rows; i++) {
                assertThat(http.post("/things", "{}").status()).isEqualTo(201);
            }
            long start = System.nanoTime();
            assertThat(http.get("/things/search/show_all").status()).isEqualTo(200);
            return (System.nanoTime() - start) / 1_000_000;
        }
    }
}
