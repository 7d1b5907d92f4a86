package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest extends ThingsServerTest {
    @Test
    void shouldFailTheNextRequestsWithAnHtmlStatusThenRecover() {
        qvarn.faults().failNext(2, 503);

        Reply first = http.get("/things");
        Reply second = http.get("/things");
        Reply third = http.get("/things");

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.contentType()).startsWith("text/html");
        assertThat(second.status()).isEqualTo(503);
        assertThat(third.status()).isEqualTo(200);
        assertThat(qvarn.faults().injected()).isEqualTo(2);
    }

    @Test
    void shouldFailOnlyTheAimedRequestsOfOneRoute() {
        String a = http.post("/things", "{}").id();
        String b = http.post("/things", "{}").id();
        String c = http.post("/things", "{}").id();
        qvarn.faults().failMatching("DELETE", "/things/{id}", 1, 1, 500);

        assertThat(http.get("/things").status()).as("another route").isEqualTo(200);
        assertThat(http.delete("/things/" + a).status()).as("skipped").isEqualTo(200);
        assertThat(http.get("/things/" + b).status()).as("another method").isEqualTo(200);
        assertThat(http.delete("/things/" + b).status()).as("aimed").isEqualTo(500);
        assertThat(http.delete("/things/" + c).status()).as("after the count").isEqualTo(200);

        assertThat(http.get("/things").ids()).containsExactly(b);
        assertThat(qvarn.faults().injected()).isEqualTo(1);
    }

    @Test
    void shouldApplyEveryAimedRuleEachInItsTurn() {
        String id = http.post("/things", "{}").id();
        qvarn.faults().failMatching("GET", "/things/{id}", 0, 1, 500);
        qvarn.faults().failMatching("DELETE", "/things/{id}", 0, 1, 503);
        qvarn.faults().failMatching("GET", "/things/{id}", 0, 1, 502);

        assertThat(http.get("/things/" + id).status()).as("the first rule").isEqualTo(500);
        assertThat(http.get("/things/" + id).status()).as("the third, once the first is spent").isEqualTo(502);
        assertThat(http.get("/things/" + id).status()).as("both spent").isEqualTo(200);
        assertThat(http.delete("/things/" + id).status()).as("the second, on its own route").isEqualTo(503);
        assertThat(http.delete("/things/" + id).status()).as("spent").isEqualTo(200);
        assertThat(qvarn.faults().injected(Faults.Kind.FAILED)).isEqualTo(3);
    }

    @Test
    void shouldSpendARulesSkipOnlyOnTheRequestsThatReachIt() {
        qvarn.faults().failNext(1, 500);
        qvarn.faults().failMatching("GET", "/things", 1, 1, 503);

        assertThat(http.get("/things").status()).as("failNext hits first; the skip is not spent").isEqualTo(500);
        assertThat(http.get("/things").status()).as("skipped").isEqualTo(200);
        assertThat(http.get("/things").status()).as("aimed").isEqualTo(503);
        assertThat(http.get("/things").status()).isEqualTo(200);
    }

    @Test
    void shouldNotPerformAFailedRequest() {
        String listener = http.post("/things/listeners", "{\"notify_of_new\": true}").id();
        qvarn.faults().failNext(1, 502);

        assertThat(http.post("/things", "{}").status()).isEqualTo(502);

        assertThat(http.get("/things").ids()).isEmpty();
        assertThat(http.get("/things/listeners/" + listener + "/notifications").ids()).isEmpty();
    }

    @Test
    void shouldPerformARequestWhoseReplyItLoses() {
        String listener = http.post("/things/listeners", "{\"notify_of_new\": true}").id();
        qvarn.faults().loseReplyMatching("POST", "/things", 0, 1);

        assertThatThrownBy(() -> http.sendOrThrow("POST", "/things", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8))).as("no answer at all").isInstanceOf(IOException.class);

        assertThat(http.get("/things").ids()).as("but the resource was stored").hasSize(1);
        assertThat(http.get("/things/listeners/" + listener + "/notifications").ids()).as("and announced").hasSize(1);
        assertThat(qvarn.faults().injected(Faults.Kind.PERFORMED_REPLY_LOST)).isEqualTo(1);
        assertThat(http.post("/things", "{}").status()).as("after the count").isEqualTo(201);
    }

    @Test
    void shouldPerformARequestThatItAnswersWithAServerError() {
        String id = http.post("/things", "{}").id();
        qvarn.faults().failAfterPerformingMatching("DELETE", "/things/{id}", 0, 1, 503);

        Reply reply = http.delete("/things/" + id);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.contentType()).startsWith("text/html");
        assertThat(http.get("/things/" + id).status()).as("deleted all the same").isEqualTo(404);
        assertThat(qvarn.faults().injected(Faults.Kind.PERFORMED_THEN_FAILED)).isEqualTo(1);
        assertThat(qvarn.faults().injected(Faults.Kind.FAILED)).isZero();
    }

    @Test
    void shouldLeaveFailedRequestsAloneWhenAimingAfterPerforming() {
        qvarn.faults().loseReplyMatching("GET", "/things/{id}", 0, 1);

        assertThat(http.get("/things/no-such-id").status()).as("a 404 is not performed: answered").isEqualTo(404);
        assertThat(qvarn.faults().injected()).isZero();
    }

    @Test
    void shouldLoseRepliesRandomlyOnlyOfTheChosenRequestsRepeatablyBySeed() {
        List<String> first = ambiguousRun(7);
        List<String> second = ambiguousRun(7);

        assertThat(first).isEqualTo(second).contains("200", "lost").doesNotContain("500");
        assertThat(http.get("/version").status()).as("not chosen").isEqualTo(200);
    }

    private List<String> ambiguousRun(long seed) {
        qvarn.faults().loseRepliesRandomly(0.5, seed, request -> request.equals("GET /things"));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            try {
                outcomes.add(String.valueOf(http.sendOrThrow("GET", "/things", null, null).status()));
            } catch (IOException e) {
                outcomes.add("lost");
            }
        }
        qvarn.faults().clear();
        return outcomes;
    }

    @Test
    void shouldHoldAChosenRequestUnperformedUntilReleased() throws Exception {
        qvarn.faults().holdEvery(request -> request.equals("POST /things"));
        java.util.concurrent.CompletableFuture<Integer> post = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return http.sendOrThrow("POST", "/things", "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                        .status();
            } catch (IOException e) {
                return -1;
            }
        });
        await().atMost(Duration.ofMinutes(1)).until(() -> qvarn.faults().held() == 1);

        assertThat(http.get("/things").status()).as("other requests pass").isEqualTo(200);
        assertThat(post).isNotDone();
        qvarn.faults().releaseHeld();

        assertThat(post.get(1, java.util.concurrent.TimeUnit.MINUTES)).as("closed without an answer").isEqualTo(-1);
        assertThat(http.get("/things").ids()).as("not performed").isEmpty();
        assertThat(qvarn.faults().injected(Faults.Kind.HELD)).isEqualTo(1);
        assertThat(http.post("/things", "{}").status()).as("no longer held").isEqualTo(201);
    }

    @Test
    void shouldFailEveryChosenRequestUntilCleared() {
        qvarn.faults().failEvery(503, request -> request.startsWith("DELETE "));
        String id = http.post("/things", "{}").id();

        assertThat(http.delete("/things/" + id).status()).isEqualTo(503);
        assertThat(http.delete("/things/" + id).status()).isEqualTo(503);
        qvarn.faults().clear();

        assertThat(http.delete("/things/" + id).status()).isEqualTo(200);
        assertThat(qvarn.faults().injected(Faults.Kind.FAILED)).isEqualTo(2);
    }

    @Test
    void shouldSpareTheTokenEndpointAndVersion() {
        qvarn.faults().failNext(1, 500);

        assertThat(http.get("/version").status()).isEqualTo(200);
        assertThat(http.send("POST", "/auth/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(http.get("/things").status()).isEqualTo(500);
    }

    @Test
    void shouldFailRandomlyButRepeatablyBySeed() {
        List<Integer> first = randomRun(42);
        List<Integer> second = randomRun(42);

        assertThat(first).isEqualTo(second);
        assertThat(first).contains(200).containsAnyOf(502, 504).doesNotContain(503);
    }

    private List<Integer> randomRun(long seed) {
        qvarn.faults().failRandomly(0.5, seed, 502, 504);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(http.get("/things").status());
        }
        qvarn.faults().failRandomly(0, seed);
        return statuses;
    }

    @Test
    void shouldDelayEveryRequest() {
        qvarn.faults().latency(Duration.ofMillis(150));

        long start = System.nanoTime();
        http.get("/version");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMillis).isGreaterThanOrEqualTo(150);
        assertThat(qvarn.faults().injected()).isEqualTo(1);
    }

    @Test
    void shouldCloseConnectionsWithoutAnAnswerWhileRefusing() {
        qvarn.faults().refuseConnectionsFor(Duration.ofMinutes(5));

        assertThatThrownBy(() -> http.sendOrThrow("GET", "/things", null, null)).isInstanceOf(IOException.class);
        assertThat(qvarn.faults().injected()).isPositive();

        qvarn.faults().clear();
        assertThat(http.get("/things").status()).isEqualTo(200);
    }

    @Test
    void shouldStopRefusingWhenTheTimeIsUp() {
        qvarn.faults().refuseConnectionsFor(Duration.ofMillis(300));

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> http.sendOrThrow("GET", "/things", null, null).status() == 200);
    }

    @Test
    void shouldClearEveryFault() {
        qvarn.faults().failNext(5, 500);
        qvarn.faults().failRandomly(1.0, 1);
        qvarn.faults().latency(Duration.ofSeconds(5));
        qvarn.faults().loseRepliesRandomly(1.0, 1, request -> true);
        qvarn.faults().failAfterPerformingMatching("GET", "/things", 0, 5, 500);

        qvarn.faults().clear();

        assertThat(http.get("/things").status()).isEqualTo(200);
        assertThat(qvarn.faults().injected()).isZero();
    }
}
