package org.qvarnmr.camel.qvarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn.Reply;

class QvarnClientGetManyTest {
    private static final int CONCURRENCY = 3;

    private FakeQvarn qvarn;
    private QvarnClient client;

    @BeforeEach
    void start() {
        qvarn = FakeQvarn.start();
        client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
                .withConcurrency(10, CONCURRENCY));
    }

    @AfterEach
    void stop() {
        client.close();
        qvarn.close();
    }

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "id-" + i).toList();
    }

    @Test
    void shouldReachButNeverExceedTheConcurrencyBound() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch firstWave = new CountDownLatch(CONCURRENCY);
        CountDownLatch beyondBound = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        qvarn.onPrefix("GET", "/orgs/", request -> {
            int now = inFlight.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            if (now > CONCURRENCY) {
                beyondBound.countDown();
            }
            firstWave.countDown();
            // The first requests wait until the bound is reached; the one that reaches it then gives an
            // unbounded client a moment to send one more.
            firstWave.await(5, TimeUnit.SECONDS);
            if (now == CONCURRENCY && held.compareAndSet(false, true)) {
                beyondBound.await(200, TimeUnit.MILLISECONDS);
            }
            inFlight.decrementAndGet();
            return Reply.json("{\"id\":\"" + request.rawPath().substring("/orgs/".length()) + "\"}");
        });

        List<ObjectNode> found = client.getMany("orgs", ids(12));

        assertThat(most.get()).isEqualTo(CONCURRENCY);
        assertThat(found).hasSize(12);
    }

    @Test
    void shouldKeepTheOrderOfTheIdsAndLeaveOutTheMissingOnes() {
        CountDownLatch laterOnesDone = new CountDownLatch(5);
        qvarn.onPrefix("GET", "/orgs/", request -> {
            String id = request.rawPath().substring("/orgs/".length());
            if (id.equals("id-0")) {
                laterOnesDone.await(5, TimeUnit.SECONDS); // answered last
            } else {
                laterOnesDone.countDown();
            }
            return id.equals("id-2") || id.equals("id-4")
                    ? Reply.json(404, "{\"error_code\":\"ItemDoesNotExist\"}")
                    : Reply.json("{\"id\":\"" + id + "\"}");
        });

        List<ObjectNode> found = client.getMany("orgs", ids(6));

        assertThat(found).extracting(node -> node.get("id").asText()).containsExactly("id-0", "id-1", "id-3", "id-5");
    }

    @Test
    void shouldPropagateErrorsOtherThanNotFound() {
        qvarn.onPrefix("GET", "/orgs/", request -> request.rawPath().endsWith("id-3")
                ? Reply.html(500)
                : Reply.json("{\"id\":\"x\"}"));

        assertThatThrownBy(() -> client.getMany("orgs", ids(6)))
                .isInstanceOf(QvarnServerException.class)
                .hasMessage("GET /orgs/id-3: 500");
    }

    @Test
    void shouldReturnNothingForNoIds() {
        assertThat(client.getMany("orgs", List.of())).isEmpty();
        assertThat(qvarn.requests()).isEmpty();
    }

    @Test
    void shouldRefuseWorkAfterClose() {
        client.close();

        assertThatThrownBy(() -> client.getMany("orgs", ids(2))).isInstanceOf(QvarnUnavailableException.class);
    }
}
